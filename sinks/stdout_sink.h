#pragma once

#include "engine/encoders/file_framer.h"
#include "engine/sink.h"

#include <memory>
#include <mutex>
#include <string>

namespace streamgen {

/// Writes the events to a file descriptor (standard output by default) as one file of the plan's
/// format would hold them: JSON Lines, CSV after its header, an Avro container, delimited
/// Protobuf messages.
///
/// Workers share the descriptor: each batch is written whole under a mutex, so events of
/// different workers never interleave. The lock is taken once per batch, not per event.
class StdoutSink final : public Sink {
public:
    explicit StdoutSink(int fd = 1) : m_fd(fd) {}

    std::string describe() const override { return "stdout"; }
    void open(const SinkContext& context) override;
    void write(int worker, const EventBatch& batch) override;
    FlushResult close(std::chrono::milliseconds timeout) override;

private:
    /// Writes framed bytes; the caller holds the mutex.
    void writeFramed();

    int m_fd;
    std::mutex m_mutex;
    std::unique_ptr<FileFramer> m_framer;
    std::string m_framed;
};

} // namespace streamgen
