#include "null_sink.h"
#include "sink_descriptors.h"

namespace streamgen {

SinkDescriptor nullSinkDescriptor() {
    SinkDescriptor sink;
    sink.name = "null";
    sink.description = "Discards every event; measures pure generation speed";
    sink.create = [](const SinkConfig&) { return SinkCreation{std::make_unique<NullSink>(), {}}; };
    return sink;
}

} // namespace streamgen
