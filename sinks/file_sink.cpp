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

/// A tag that keeps file names of different runs apart: UTC start time, process id and a random
/// suffix, so runs started in the same second, on one machine or several, do not collide.
std::string makeRunTag() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    std::random_device device;
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "%d-%06x", static_cast<int>(::getpid()),
                  device() & 0xffffffu);
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
    if (ec || !std::filesystem::is_directory(m_directory, ec)) {
        throw SinkError("file sink: cannot create folder " + m_directory +
                        (ec ? ": " + ec.message() : ""));
    }
    m_runTag = makeRunTag();
    m_listener = context.listener;
    m_plan = context.plan;
    if (m_plan != nullptr) {
        m_extension = formatInfo(m_plan->format()).extension;
    }
    m_files.clear();
    m_files.resize(static_cast<std::size_t>(std::max(1, context.workers)));
    for (WorkerFile& file : m_files) {
        file.typeRecords.assign(context.eventTypeIds.size(), 0);
        file.typeBytes.assign(context.eventTypeIds.size(), 0);
    }
}

void FileSink::writeFramed(WorkerFile& file) {
    if (file.framed.empty()) {
        return;
    }
    const std::string error = writeAll(file.fd, file.framed);
    if (!error.empty()) {
        throw SinkError("file sink: cannot write " + file.tempPath + ": " + error);
    }
    file.bytes += file.framed.size();
    file.framed.clear();
}

uint64_t FileSink::writeEvents(WorkerFile& file, const EventBatch& batch, std::size_t from,
                               std::size_t end) {
    std::string_view bytes;
    if (file.framer->passthrough()) {
        const std::string_view data = batch.data();
        const std::string_view last = batch.payload(end - 1);
        const auto offset = static_cast<std::size_t>(batch.payload(from).data() - data.data());
        const auto stop = static_cast<std::size_t>(last.data() - data.data()) + last.size() +
                          (batch.lineTerminated() ? 1 : 0);
        bytes = data.substr(offset, stop - offset);
    } else {
        file.framed.clear();
        file.framer->append(batch, from, end, file.framed);
        bytes = file.framed;
    }
    const std::string error = writeAll(file.fd, bytes);
    if (!error.empty()) {
        // Cut a torn last write off, so the file stays whole events when completed.
        if (::ftruncate(file.fd, static_cast<off_t>(file.bytes)) != 0) {
            ::close(file.fd);
            file.fd = -1;
            ::unlink(file.tempPath.c_str());
        }
        throw SinkError("file sink: cannot write " + file.tempPath + ": " + error);
    }
    file.framed.clear();
    return bytes.size();
}

void FileSink::openNext(int worker, WorkerFile& file) {
    char name[64];
    std::snprintf(name, sizeof name, "-w%d-%06u.", worker, ++file.sequence);
    const std::string base = m_prefix + "-" + m_runTag + name + m_extension;
    file.finalPath = m_directory + "/" + base;
    file.tempPath = m_directory + "/." + base + ".tmp";
    // O_EXCL: never truncate a file some other writer owns.
    file.fd = ::open(file.tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (file.fd < 0) {
        throw SinkError("file sink: " + systemError("cannot create", file.tempPath));
    }
    file.records = 0;
    file.bytes = 0;
    std::fill(file.typeRecords.begin(), file.typeRecords.end(), 0);
    std::fill(file.typeBytes.begin(), file.typeBytes.end(), 0);
    file.openedAt = std::chrono::steady_clock::now();
    file.framer = m_plan != nullptr ? m_plan->makeFramer() : std::make_unique<LineFramer>();
    file.framed.clear();
    file.framer->begin(file.framed);
    writeFramed(file);
}

void FileSink::finish(WorkerFile& file) {
    if (file.fd < 0) {
        return;
    }
    std::string error;
    try {
        file.framed.clear();
        file.framer->end(file.framed);
        writeFramed(file);
    } catch (const SinkError& failure) {
        error = failure.what();
    }
    const int fd = file.fd;
    file.fd = -1;
    if (error.empty() && ::fsync(fd) != 0) {
        error = systemError("cannot fsync", file.tempPath);
    }
    ::close(fd);
    if (error.empty() && file.records > 0 &&
        ::rename(file.tempPath.c_str(), file.finalPath.c_str()) != 0) {
        error = systemError("cannot rename", file.tempPath);
    }
    if (!error.empty() || file.records == 0) {
        ::unlink(file.tempPath.c_str());
    }
    for (uint32_t type = 0; type < file.typeRecords.size(); ++type) {
        if (file.typeRecords[type] == 0 || !m_listener) {
            continue;
        }
        if (error.empty()) {
            m_listener->delivered(type, file.typeRecords[type], file.typeBytes[type]);
        } else {
            m_listener->failed(type, file.typeRecords[type]);
        }
    }
    if (!error.empty()) {
        throw SinkError("file sink: " + error);
    }
    if (file.records > 0) {
        file.completed.push_back(file.finalPath);
    }
}

void FileSink::failRest(const EventBatch& batch, std::size_t from) {
    if (!m_listener) {
        return;
    }
    for (std::size_t i = from; i < batch.size(); ++i) {
        m_listener->failed(batch.typeIndex(i), 1);
    }
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
    const std::size_t terminator = batch.lineTerminated() ? 1 : 0;
    std::size_t next = 0; // first event of the batch not yet written
    try {
        while (next < batch.size()) {
            if (file.fd >= 0 && full(file)) {
                finish(file);
            }
            if (file.fd < 0) {
                openNext(worker, file);
            }
            const std::size_t end = takeFitting(file, batch, next);
            if (end == next) {
                finish(file); // the next event does not fit: it starts the next file
                continue;
            }
            const uint64_t written = writeEvents(file, batch, next, end);
            for (std::size_t i = next; i < end; ++i) {
                ++file.typeRecords[batch.typeIndex(i)];
                file.typeBytes[batch.typeIndex(i)] += batch.payload(i).size() + terminator;
            }
            file.records += end - next;
            file.bytes += written;
            next = end;
        }
    } catch (const SinkError&) {
        failRest(batch, next);
        throw;
    }
}

std::size_t FileSink::takeFitting(const WorkerFile& file, const EventBatch& batch,
                                  std::size_t next) const {
    // A file always takes at least one event, so an event larger than max_bytes is still
    // written, alone in its file.
    std::size_t end = next;
    uint64_t bytes = 0;
    while (end < batch.size() && file.records + (end - next) < m_rotation.maxRecords) {
        const std::size_t size = batch.payload(end).size() + (batch.lineTerminated() ? 1 : 0);
        const bool fileEmpty = file.records == 0 && end == next;
        if (!fileEmpty && file.bytes + bytes + size > m_rotation.maxBytes) {
            break;
        }
        bytes += size;
        ++end;
    }
    return end;
}

FlushResult FileSink::close(std::chrono::milliseconds) {
    FlushResult result;
    for (auto& file : m_files) {
        try {
            finish(file);
        } catch (const SinkError& error) {
            result.error = error.what(); // its events were reported failed
        }
    }
    // The renames are durable only once the folder itself is synced.
    const int dir = ::open(m_directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0 || ::fsync(dir) != 0) {
        result.error = "file sink: " + systemError("cannot sync folder", m_directory);
    }
    if (dir >= 0) {
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
