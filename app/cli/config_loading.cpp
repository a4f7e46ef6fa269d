#include "config_loading.h"

#include "engine/plan.h"
#include "model/config_io.h"

#include <iostream>

namespace streamgen::cli {

std::optional<Config> loadConfig(const CommonArgs& args) {
    LoadOptions options;
    options.overrides = args.overrides;
    LoadResult result = loadConfigFile(args.config, options);
    for (const Diagnostic& diagnostic : result.diagnostics) {
        std::cerr << diagnostic.format(args.config) << '\n';
    }
    if (!result.ok()) {
        return std::nullopt;
    }
    if (args.seed) {
        result.config.seed = *args.seed;
    }
    return std::move(result.config);
}

std::optional<LoadedPlan> loadPlan(const CommonArgs& args) {
    auto config = loadConfig(args);
    if (!config) {
        return std::nullopt;
    }
    std::string error;
    auto plan = Plan::compile(*config, &error);
    if (!plan) {
        std::cerr << args.config << ": error: " << error << '\n';
        return std::nullopt;
    }
    return LoadedPlan{std::move(*config), std::move(plan)};
}

} // namespace streamgen::cli
