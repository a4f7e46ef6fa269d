#include "sink_factory.h"

#include "sink_registry.h"

namespace streamgen {

SinkConfig applySinkOverrides(const SinkConfig& config, const SinkOverrides& overrides) {
    SinkConfig sink = config;
    if (overrides.type) {
        sink.type = *overrides.type;
        sink.typeLocation = {};
    }
    const SinkDescriptor* descriptor = findSink(sink.type);
    if (overrides.directory && descriptor != nullptr &&
        descriptor->option(kFolderOption) != nullptr) {
        sink.options.set(std::string(kFolderOption), *overrides.directory);
    }
    return sink;
}

SinkCreation createSink(const SinkConfig& config, const SinkOverrides& overrides) {
    const SinkConfig sink = applySinkOverrides(config, overrides);
    if (const SinkDescriptor* descriptor = findSink(sink.type)) {
        return descriptor->create(sink);
    }
    SinkCreation result;
    result.error = sinkTypeProblem(sink.type);
    return result;
}

} // namespace streamgen
