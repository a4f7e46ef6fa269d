#include "file_sink.h"

#include "fd_io.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace streamgen {

namespace {

std::string systemError(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

/// A tag that keeps file names of different runs apart: UTC start time plus a random suffix,
/// so two runs started in the same second (or on two machines) do not collide.
std::string makeRunTag() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    std::random_device device;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%06x", device() & 0xffffffu);
    return std::string(stamp) + "-" + suffix;
}

} // namespace

FileSink::FileSink(std::string directory, FileRotation rotation, std::string prefix)
    : m_directory(std::move(directory)), m_rotation(rotation), m_prefix(std::move(prefix)) {}

FileSink::~FileSink() {
    for (auto& file : m_files) {
        if (file.fd >= 0) {
            ::close(file.fd);
        }
    }
}

void FileSink::open(const SinkContext& context) {
    std::error_code ec;
    std::filesystem::create_directories(m_directory, ec);
    if (ec || !std::filesystem::is_directory(m_directory)) {
        throw SinkError("file sink: cannot create folder " + m_directory +
                        (ec ? ": " + ec.message() : ""));
    }
    m_runTag = makeRunTag();
    m_files.assign(static_cast<std::size_t>(std::max(1, context.workers)), WorkerFile{});
}

void FileSink::openNext(int worker, WorkerFile& file) {
    char name[64];
    std::snprintf(name, sizeof name, "-w%d-%06u.jsonl", worker, ++file.sequence);
    const std::string base = m_prefix + "-" + m_runTag + name;
    file.finalPath = m_directory + "/" + base;
    file.tempPath = m_directory + "/." + base + ".tmp";
    file.fd = ::open(file.tempPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (file.fd < 0) {
        throw SinkError("file sink: " + systemError("cannot create", file.tempPath));
    }
    file.records = 0;
    file.bytes = 0;
    file.openedAt = std::chrono::steady_clock::now();
}

void FileSink::finish(WorkerFile& file) {
    if (file.fd < 0) {
        return;
    }
    const int fd = file.fd;
    file.fd = -1;
    if (::fsync(fd) != 0) {
        const std::string error = systemError("cannot fsync", file.tempPath);
        ::close(fd);
        throw SinkError("file sink: " + error);
    }
    ::close(fd);
    if (file.records == 0) {
        ::unlink(file.tempPath.c_str());
        return;
    }
    if (::rename(file.tempPath.c_str(), file.finalPath.c_str()) != 0) {
        throw SinkError("file sink: " + systemError("cannot rename", file.tempPath));
    }
    file.completed.push_back(file.finalPath);
}

bool FileSink::full(const WorkerFile& file) const {
    if (file.records >= m_rotation.maxRecords || file.bytes >= m_rotation.maxBytes) {
        return true;
    }
    if (m_rotation.maxSeconds <= 0.0) {
        return false;
    }
    const std::chrono::duration<double> age = std::chrono::steady_clock::now() - file.openedAt;
    return age.count() >= m_rotation.maxSeconds;
}

void FileSink::write(int worker, const EventBatch& batch) {
    WorkerFile& file = m_files.at(static_cast<std::size_t>(worker));
    const std::string_view data = batch.data();
    const char* const base = data.data();
    std::size_t next = 0; // first event of the batch not yet written
    while (next < batch.size()) {
        if (file.fd >= 0 && full(file)) {
            finish(file);
        }
        if (file.fd < 0) {
            openNext(worker, file);
        }
        // Take as many events as fit under both limits. A file always takes at least one event,
        // so an event larger than max_bytes is still written, alone in its file.
        std::size_t end = next;
        uint64_t bytes = 0;
        while (end < batch.size() && file.records + (end - next) < m_rotation.maxRecords) {
            const std::size_t size = batch.payload(end).size() + 1;
            const bool fileEmpty = file.records == 0 && end == next;
            if (!fileEmpty && file.bytes + bytes + size > m_rotation.maxBytes) {
                break;
            }
            bytes += size;
            ++end;
        }
        if (end == next) {
            finish(file); // the next event does not fit: it starts the next file
            continue;
        }
        const std::size_t offset = static_cast<std::size_t>(batch.payload(next).data() - base);
        const std::string error = writeAll(file.fd, data.substr(offset, bytes));
        if (!error.empty()) {
            throw SinkError("file sink: cannot write " + file.tempPath + ": " + error);
        }
        file.records += end - next;
        file.bytes += bytes;
        next = end;
    }
}

FlushResult FileSink::close(std::chrono::milliseconds) {
    FlushResult result;
    for (auto& file : m_files) {
        try {
            finish(file);
        } catch (const SinkError& error) {
            // Those records were written but never became visible under a final name.
            result.undelivered += file.records;
            result.error = error.what();
        }
    }
    // The renames are durable only once the folder itself is synced.
    const int dir = ::open(m_directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return result;
}

std::vector<std::string> FileSink::completedFiles() const {
    std::vector<std::string> all;
    for (const auto& file : m_files) {
        all.insert(all.end(), file.completed.begin(), file.completed.end());
    }
    return all;
}

} // namespace streamgen
