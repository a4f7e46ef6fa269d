#pragma once

#include "sink_descriptor.h"

namespace streamgen {

/// The sink section as the run uses it: `--sink` replaces the type (and forgets where the
/// config's type stood), `--out` sets the folder of sinks that write one.
SinkConfig applySinkOverrides(const SinkConfig& config, const SinkOverrides& overrides);

/// Builds the sink that `config` (with `overrides`) asks for, through its registry entry.
/// Expects options that passed the preflight; secret references are resolved here, when the
/// sink is about to start, and never earlier.
SinkCreation createSink(const SinkConfig& config, const SinkOverrides& overrides = {});

} // namespace streamgen
