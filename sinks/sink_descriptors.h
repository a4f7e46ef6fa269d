#pragma once

// The declarations of the sinks, each defined next to its sink and listed once in
// sink_registry.cpp.

#include "sink_descriptor.h"

namespace streamgen {

SinkDescriptor nullSinkDescriptor();
SinkDescriptor stdoutSinkDescriptor();
SinkDescriptor fileSinkDescriptor();
SinkDescriptor kafkaSinkDescriptor();
SinkDescriptor eventHubsSinkDescriptor();
SinkDescriptor kinesisSinkDescriptor();
SinkDescriptor postgresSinkDescriptor();
SinkDescriptor deltaSinkDescriptor();

} // namespace streamgen
