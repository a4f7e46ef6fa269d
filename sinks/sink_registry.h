#pragma once

#include "sink_descriptor.h"

#include <string>
#include <string_view>
#include <vector>

namespace streamgen {

/// Every sink this build can run, in the order they are offered. The CLI's `--sink` choices and
/// `streamgen sinks`, the preflight's checks, the Studio's sink combos and settings form, and
/// the README's sink table all read this list.
const std::vector<SinkDescriptor>& sinkRegistry();

/// The sink with this name or alias, or nullptr.
const SinkDescriptor* findSink(std::string_view type);

/// The canonical names of `sinkRegistry()`, in order.
const std::vector<std::string>& sinkNames();

/// Why `type` names no sink of this build: "" when it does; "sink `kinesis` is not available in
/// this build" for sinks that configs from dblstreamgen name but that are not built; otherwise
/// "unknown sink type `x`", with the nearest name when one is close.
std::string sinkTypeProblem(std::string_view type);

} // namespace streamgen
