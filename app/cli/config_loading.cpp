#include "config_loading.h"

#include "engine/plan.h"

#include <iostream>

namespace streamgen::cli {

LoadResult readConfig(const CommonArgs& args) {
    LoadOptions options;
    options.overrides = args.overrides;
    LoadResult result = loadConfigFile(args.config, options);
    if (args.seed) {
        result.config.seed = *args.seed;
    }
    if (args.format) {
        result.config.serializationFormat = *args.format;
        result.config.serializationFormatLocation = {}; // the value is not in the file
    }
    return result;
}

SinkOverrides sinkOverrides(const SinkArgs& args) {
    return SinkOverrides{args.type, args.out};
}

void printDiagnostics(const Diagnostics& diagnostics, const std::string& file) {
    for (const Diagnostic& diagnostic : diagnostics) {
        std::cerr << diagnostic.format(file) << '\n';
    }
}

std::optional<LoadedPlan> loadPlan(const CommonArgs& args, const PreflightOptions& options) {
    LoadResult loaded = readConfig(args);
    PreflightResult checked = preflight(loaded, options);
    printDiagnostics(checked.diagnostics, args.config);
    if (!checked.ok()) {
        return std::nullopt;
    }
    return LoadedPlan{std::move(loaded.config), std::move(checked.plan)};
}

} // namespace streamgen::cli
