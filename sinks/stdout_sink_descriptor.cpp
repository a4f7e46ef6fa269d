#include "sink_descriptors.h"
#include "stdout_sink.h"

namespace streamgen {

SinkDescriptor stdoutSinkDescriptor() {
    SinkDescriptor sink;
    sink.name = "stdout";
    sink.aliases = {"console"};
    sink.description = "Writes the events to standard output, framed as a file of the format would be";
    sink.create = [](const SinkConfig&) {
        return SinkCreation{std::make_unique<StdoutSink>(), {}};
    };
    return sink;
}

} // namespace streamgen
