#include "stdout_sink.h"

#include "fd_io.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace streamgen {

void StdoutSink::open(const SinkContext&) {
    // A reader that goes away (`streamgen run ... | head`) must end the run with an error
    // message, not kill the process before it can report.
    std::signal(SIGPIPE, SIG_IGN);
}

void StdoutSink::write(int, const EventBatch& batch) {
    std::lock_guard lock(m_mutex);
    const std::string error = writeAll(m_fd, batch.data());
    if (!error.empty()) {
        throw SinkError("stdout: " + error);
    }
}

FlushResult StdoutSink::close(std::chrono::milliseconds) {
    FlushResult result;
    // fsync is meaningless for pipes and terminals; it matters only for regular files.
    if (::fsync(m_fd) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP) {
        result.error = std::string("stdout: ") + std::strerror(errno);
    }
    return result;
}

} // namespace streamgen
