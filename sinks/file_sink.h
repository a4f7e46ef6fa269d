#pragma once

#include "engine/sink.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace streamgen {

/// When the file sink closes a file and starts the next one.
struct FileRotation {
    uint64_t maxRecords = 100000;
    uint64_t maxBytes = 64ull * 1024 * 1024;
    double maxSeconds = 60.0; ///< 0 = no time limit
};

/// Writes JSON Lines files into a folder, the way a system landing files for Auto Loader would.
///
/// Each worker writes its own file, so workers never contend. A file is written under a hidden
/// temporary name (`.name.tmp`, which Spark and Auto Loader skip), fsynced and renamed to its final
/// name only when complete: a reader polling the folder never sees a partial file.
class FileSink final : public Sink {
public:
    FileSink(std::string directory, FileRotation rotation, std::string prefix = "events");
    ~FileSink() override;

    std::string describe() const override { return "file:" + m_directory; }
    void open(const SinkContext& context) override;
    void write(int worker, const EventBatch& batch) override;
    FlushResult close(std::chrono::milliseconds timeout) override;

    /// Final paths of the files completed so far (for tests and reports).
    std::vector<std::string> completedFiles() const;

private:
    struct WorkerFile {
        int fd = -1;
        std::string tempPath;
        std::string finalPath;
        uint64_t records = 0;
        uint64_t bytes = 0;
        uint32_t sequence = 0;
        std::chrono::steady_clock::time_point openedAt;
        std::vector<std::string> completed;
    };

    void openNext(int worker, WorkerFile& file);
    void finish(WorkerFile& file);
    bool full(const WorkerFile& file) const;

    std::string m_directory;
    FileRotation m_rotation;
    std::string m_prefix;
    std::string m_runTag;
    std::vector<WorkerFile> m_files;
};

} // namespace streamgen
