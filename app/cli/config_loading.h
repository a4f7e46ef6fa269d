#pragma once

#include "commands.h"
#include "model/config_io.h"
#include "sinks/preflight.h"

#include <memory>
#include <optional>

namespace streamgen::cli {

/// Reads the config named in `args` with `--set` applied, then `--seed` and `--format`. Prints
/// nothing: the preflight reports what the reader found together with its own findings.
LoadResult readConfig(const CommonArgs& args);

/// The sink overrides of `--sink` and `--out`.
SinkOverrides sinkOverrides(const SinkArgs& args);

/// Prints every diagnostic to stderr as `FILE:LINE:COLUMN: error: message`.
void printDiagnostics(const Diagnostics& diagnostics, const std::string& file);

/// A loaded config and its compiled plan.
struct LoadedPlan {
    Config config;
    std::shared_ptr<const Plan> plan;
};

/// `readConfig`, then the preflight; prints every problem and returns nullopt on errors.
std::optional<LoadedPlan> loadPlan(const CommonArgs& args, const PreflightOptions& options);

} // namespace streamgen::cli
