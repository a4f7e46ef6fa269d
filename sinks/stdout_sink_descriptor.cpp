#include "sink_descriptors.h"
#include "stdout_sink.h"

namespace streamgen {

SinkDescriptor stdoutSinkDescriptor() {
    SinkDescriptor sink;
    sink.name = "stdout";
    sink.aliases = {"console"};
    sink.description = "Writes one event per line to standard output";
    sink.create = [](const SinkConfig&) {
        return SinkCreation{std::make_unique<StdoutSink>(), {}};
    };
    return sink;
}

} // namespace streamgen
