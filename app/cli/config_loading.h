#pragma once

#include "commands.h"
#include "model/config.h"

#include <memory>
#include <optional>

namespace streamgen {
class Plan;
}

namespace streamgen::cli {

/// Loads and validates the config named in `args`, prints every diagnostic to stderr as
/// `FILE:LINE:COLUMN: message`, and applies `--seed`. Returns nullopt when there were errors.
std::optional<Config> loadConfig(const CommonArgs& args);

/// A loaded config and its compiled plan.
struct LoadedPlan {
    Config config;
    std::shared_ptr<const Plan> plan;
};

/// `loadConfig`, then compiles the plan; prints the reason and returns nullopt on failure.
std::optional<LoadedPlan> loadPlan(const CommonArgs& args);

} // namespace streamgen::cli
