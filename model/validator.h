#pragma once

#include "config.h"
#include "diagnostic.h"

namespace streamgen {

/// Semantic checks of a config (ranges, weights, ids, values), independent of YAML so that the
/// Studio can validate its in-memory document. Locations come from the config's own members.
/// The serialization format and the sink's options are the preflight's (sinks/preflight.h),
/// since their lists live in engine/ and sinks/.
Diagnostics validateConfig(const Config& config);

/// The known name closest to `word` (edit distance), or "" when nothing is close.
std::string nearestName(const std::string& word, const std::vector<std::string>& candidates);

} // namespace streamgen
