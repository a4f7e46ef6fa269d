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

/// Compiles the config; prints the reason and returns nullptr when it cannot.
std::shared_ptr<const Plan> compilePlan(const Config& config);

} // namespace streamgen::cli
