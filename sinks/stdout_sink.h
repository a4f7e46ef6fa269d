#pragma once

#include "engine/sink.h"

#include <mutex>

namespace streamgen {

/// Writes one JSON payload per line to a file descriptor (standard output by default).
///
/// Workers share the descriptor: each batch is written whole under a mutex, so lines of different
/// workers never interleave. The lock is taken once per batch (thousands of events), not per event.
class StdoutSink final : public Sink {
public:
    explicit StdoutSink(int fd = 1) : m_fd(fd) {}

    std::string describe() const override { return "stdout"; }
    void open(const SinkContext& context) override;
    void write(int worker, const EventBatch& batch) override;
    FlushResult close(std::chrono::milliseconds timeout) override;

private:
    int m_fd;
    std::mutex m_mutex;
};

} // namespace streamgen
