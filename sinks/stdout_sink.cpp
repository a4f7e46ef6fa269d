#include "stdout_sink.h"

#include "fd_io.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace streamgen {

void StdoutSink::open(const SinkContext& context) {
    // A reader that goes away (`streamgen run ... | head`) must end the run with an error
    // message, not kill the process before it can report.
    std::signal(SIGPIPE, SIG_IGN);
    std::lock_guard lock(m_mutex);
    m_framer = context.plan != nullptr ? context.plan->makeFramer() : std::make_unique<LineFramer>();
    m_framed.clear();
    m_framer->begin(m_framed);
    writeFramed();
}

void StdoutSink::writeFramed() {
    const std::string error = writeAll(m_fd, m_framed);
    m_framed.clear();
    if (!error.empty()) {
        throw SinkError("stdout: " + error);
    }
}

void StdoutSink::write(int, const EventBatch& batch) {
    std::lock_guard lock(m_mutex);
    if (m_framer->passthrough()) {
        const std::string error = writeAll(m_fd, batch.data());
        if (!error.empty()) {
            throw SinkError("stdout: " + error);
        }
        return;
    }
    m_framer->append(batch, 0, batch.size(), m_framed);
    writeFramed();
}

FlushResult StdoutSink::close(std::chrono::milliseconds) {
    FlushResult result;
    if (m_framer) {
        std::lock_guard lock(m_mutex);
        m_framer->end(m_framed);
        try {
            writeFramed();
        } catch (const SinkError& error) {
            result.error = error.what();
        }
    }
    // fsync is meaningless for pipes and terminals; it matters only for regular files.
    if (::fsync(m_fd) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP) {
        result.error = std::string("stdout: ") + std::strerror(errno);
    }
    return result;
}

} // namespace streamgen
