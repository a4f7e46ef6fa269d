#pragma once

#include "engine/encoders/file_framer.h"
#include "engine/sink.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace streamgen {

/// When the file sink closes a file and starts the next one.
struct FileRotation {
    uint64_t maxRecords = 100000;
    uint64_t maxBytes = 64ull * 1024 * 1024;
    /// 0 = no time limit. Checked when a batch arrives and at close: an idle (paused) worker's
    /// file is completed by its next batch or by the end of the run.
    double maxSeconds = 60.0;
};

/// Writes files of the plan's format (JSON Lines, CSV, Avro container files, delimited
/// Protobuf) into a folder, the way a system landing files for Auto Loader would.
///
/// Each worker writes its own file, so workers never contend. A file is written under a hidden
/// temporary name (`.name.tmp`, which Spark and Auto Loader skip), fsynced and renamed to its final
/// name only when complete: a reader polling the folder never sees a partial file.
///
/// Delivery is confirmed per file: its events count as delivered when the rename succeeded, so a
/// run report never claims events that are not visible in the folder.
class FileSink final : public Sink {
public:
    FileSink(std::string directory, FileRotation rotation, std::string prefix = "events");
    ~FileSink() override;

    std::string describe() const override { return "file:" + m_directory; }
    void open(const SinkContext& context) override;
    void write(int worker, const EventBatch& batch) override;
    FlushResult close(std::chrono::milliseconds timeout) override;
    bool reportsDeliveryAsync() const override { return true; }

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
        std::vector<uint64_t> typeRecords; ///< per event type, in the open file
        std::vector<uint64_t> typeBytes;
        std::vector<std::string> completed;
        std::unique_ptr<FileFramer> framer; ///< of the open file
        std::string framed;                 ///< bytes framed for one write, reused
    };

    void openNext(int worker, WorkerFile& file);
    /// Syncs and renames the open file, then reports its events delivered (or failed).
    void finish(WorkerFile& file);
    bool full(const WorkerFile& file) const;
    /// One past the last event from `next` on that still fits in the open file.
    std::size_t takeFitting(const WorkerFile& file, const EventBatch& batch,
                            std::size_t next) const;
    /// Reports events [from, end) of `batch` failed, for a batch that could not be written.
    void failRest(const EventBatch& batch, std::size_t from);
    /// Writes events [from, end) of `batch` to the open file; returns the bytes written.
    uint64_t writeEvents(WorkerFile& file, const EventBatch& batch, std::size_t from,
                         std::size_t end);
    /// Writes bytes the framer produced (a header or trailer) to the open file.
    void writeFramed(WorkerFile& file);

    std::string m_directory;
    FileRotation m_rotation;
    std::string m_prefix;
    std::string m_runTag;
    std::string m_extension = "jsonl";
    const Plan* m_plan = nullptr;
    std::vector<WorkerFile> m_files;
    DeliveryListener* m_listener = nullptr;
};

} // namespace streamgen
