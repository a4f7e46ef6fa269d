#pragma once

#include "engine/sink.h"

namespace streamgen {

/// Discards every event; measures pure generation speed.
class NullSink final : public Sink {
public:
    std::string describe() const override { return "null"; }
    void open(const SinkContext&) override {}
    void write(int, const EventBatch&) override {}
    FlushResult close(std::chrono::milliseconds) override { return {}; }
};

} // namespace streamgen
