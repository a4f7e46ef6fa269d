#pragma once

#include "avro_row_decoder.h"
#include "delta_table.h"
#include "engine/sink.h"
#include "parquet_writer.h"

#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace streamgen {

/// What the `delta` sink is told by its options.
struct DeltaSettings {
    std::filesystem::path path;
    bool overwrite = false;    ///< mode: overwrite replaces what the table(s) held
    bool tablePerType = false; ///< a table per event type under `path`, else one table at `path`
    std::string tablePrefix;   ///< start of each table's folder name, per type
    parquet::Compression compression = parquet::Compression::Snappy;
    uint64_t maxRecords = 1000000;    ///< events per commit
    uint64_t maxBytes = 128ULL << 20; ///< bytes per data file
    double maxSeconds = 10.0;         ///< seconds per commit at the starting rate; 0 = none
};

/// Writes events into Delta Lake tables: Parquet data files, then a commit in `_delta_log`.
///
/// The stream is cut into spans of consecutive event indexes (`max_records`, or `max_seconds`
/// at the starting rate); each worker writes its events of a span into files of its own, and a
/// span is committed, all its files at once, when every one of its events has been written.
/// Commits are in span order and carry Delta's `txn` (appId = seed and shard, version = the
/// indexes held below it), so the table always holds a whole prefix of the stream, and a later
/// run of the same stream continues after it instead of appending it again. Events count as
/// delivered when their commit is in the log.
class DeltaSink : public Sink {
public:
    explicit DeltaSink(DeltaSettings settings);
    ~DeltaSink() override;

    std::string describe() const override;
    void open(const SinkContext& context) override;
    void write(int worker, const EventBatch& batch) override;
    FlushResult close(std::chrono::milliseconds timeout) override;
    bool reportsDeliveryAsync() const override { return true; }
    uint64_t resumeSequence() const override;

private:
    struct OpenFile;
    struct Worker;
    struct Span;

    void openTables(const SinkContext& context);
    uint64_t spanOf(uint64_t index) const { return (index - m_base) / m_spanSize; }
    uint64_t spanEnd(uint64_t span) const { return m_base + (span + 1) * m_spanSize; }
    bool alreadyHeld(std::size_t table, uint64_t index) const;
    OpenFile& fileFor(Worker& worker, std::size_t table);
    DeltaDataFile finishFile(OpenFile& file);
    /// Hands the worker's files of its span in, with its counts; then enters `span`.
    void enterSpan(Worker& worker, uint64_t span);
    void mergeLocked(Worker& worker);
    void commitLoop();
    void commitSpan(uint64_t span, Span& taken);
    void commitRest();
    void commitTables(const Span& rest, uint64_t prefix, const IndexRanges& beyond);
    void flushRowGroup(Worker& worker, std::size_t table);
    DeltaProgress progressOf(std::size_t table, uint64_t prefix, const IndexRanges& beyond) const;
    void fail(const std::string& message);

    DeltaSettings m_settings;
    DeliveryListener* m_listener = nullptr;
    std::vector<std::unique_ptr<DeltaTable>> m_tables;
    std::vector<uint32_t> m_tableOf;   ///< per event type
    std::vector<DeltaProgress> m_held; ///< per table: what earlier runs committed
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::string m_appId;
    uint32_t m_shardIndex = 0;
    uint32_t m_shardCount = 1;
    uint64_t m_base = 0; ///< the first index of this run
    uint64_t m_spanSize = 1;
    bool m_filter = false; ///< some table holds indexes at or after m_base
    std::size_t m_types = 0;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<uint64_t, Span> m_spans;
    uint64_t m_nextCommit = 0;
    std::map<uint64_t, uint64_t> m_writtenRanges; ///< begin -> end, merged
    bool m_closing = false;
    bool m_failed = false;
    std::thread m_committer;
};

} // namespace streamgen
