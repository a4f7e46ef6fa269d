// `validate` and `preview`: commands that read a config and print, without running a sink.
#include "commands.h"
#include "config_loading.h"

#include "engine/plan.h"
#include "engine/preview.h"

#include <iostream>

namespace streamgen::cli {

int validateCommand(const ValidateArgs& args) {
    const SinkOverrides overrides = sinkOverrides(args.sink);
    const auto loaded = loadPlan(args.common, PreflightOptions{overrides, true});
    if (!loaded) {
        return kExitBadInput;
    }
    const Config* const config = &loaded->config;
    std::size_t fields = config->commonFields.size();
    for (const auto& type : config->eventTypes) {
        fields += type.fields.size();
    }
    // A table sink writes typed columns whatever serialization_format says.
    const bool ownFormat = parseFormat(config->serializationFormat) == loaded->plan->format();
    std::cout << args.common.config << ": ok: " << config->eventTypes.size() << " event types, "
              << fields << " fields, "
              << (ownFormat ? config->serializationFormat : std::string("typed columns"))
              << ", sink " << overrides.type.value_or(config->sink.type) << '\n';
    return kExitOk;
}

int previewCommand(const PreviewArgs& args) {
    // A preview writes to no sink, so the sink section is left to `validate` and `run`.
    const auto loaded = loadPlan(args.common, PreflightOptions{{}, false});
    if (!loaded) {
        return kExitBadInput;
    }
    const Config* const config = &loaded->config;
    const auto& plan = loaded->plan;
    int type = -1;
    if (args.type) {
        type = config->indexOfType(*args.type);
        if (type < 0) {
            std::cerr << "streamgen: no event type `" << *args.type << "` in " << args.common.config
                      << '\n';
            return kExitBadInput;
        }
    }
    for (const std::string& line : previewText(*plan, previewRows(*plan, args.count, type))) {
        std::cout << line << '\n';
    }
    std::cout.flush();
    return std::cout ? kExitOk : kExitRunFailed;
}

} // namespace streamgen::cli
