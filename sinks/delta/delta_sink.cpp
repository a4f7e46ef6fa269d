#include "delta_sink.h"

#include "delta_layout.h"
#include "sinks/fd_io.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace streamgen {

namespace fs = std::filesystem;

namespace {

/// Rows a file holds in memory before they become a row group.
constexpr uint64_t kRowGroupRows = 65536;

const char* codecName(parquet::Compression compression) {
    switch (compression) {
    case parquet::Compression::Snappy:
        return ".snappy";
    case parquet::Compression::Zstd:
        return ".zstd";
    case parquet::Compression::None:
        break;
    }
    return "";
}

void addRange(std::map<uint64_t, uint64_t>& ranges, uint64_t begin, uint64_t end) {
    auto next = ranges.lower_bound(begin);
    if (next != ranges.begin()) {
        auto previous = std::prev(next);
        if (previous->second >= begin) {
            begin = previous->first;
            end = std::max(end, previous->second);
            next = ranges.erase(previous);
        }
    }
    while (next != ranges.end() && next->first <= end) {
        end = std::max(end, next->second);
        next = ranges.erase(next);
    }
    ranges.emplace(begin, end);
}

} // namespace

struct DeltaSink::OpenFile {
    OpenFile(std::vector<parquet::Column> columns, parquet::WriterOptions options)
        : writer(std::move(columns), options) {}
    parquet::FileWriter writer;
    int fd = -1;
    std::string name; ///< relative to the table
    fs::path full;
};

struct DeltaSink::Worker {
    std::vector<AvroRowDecoder> decoders;         ///< per type
    std::vector<std::unique_ptr<OpenFile>> files; ///< per table, in the current span
    std::vector<std::vector<DeltaDataFile>> done; ///< per table: completed in the span
    bool inSpan = false;
    uint64_t span = 0;
    uint64_t spanEnd = 0;
    uint64_t written = 0; ///< events of the span not merged yet
    std::vector<uint64_t> counts;
    std::vector<uint64_t> bytes;
};

struct DeltaSink::Span {
    uint64_t written = 0;
    int openWorkers = 0;
    std::vector<std::vector<DeltaDataFile>> files; ///< per table
    std::vector<uint64_t> counts;                  ///< per type
    std::vector<uint64_t> bytes;
};

DeltaSink::DeltaSink(DeltaSettings settings) : m_settings(std::move(settings)) {}

DeltaSink::~DeltaSink() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_committer.joinable()) {
        m_committer.join();
    }
    for (const auto& worker : m_workers) {
        for (const auto& file : worker->files) {
            if (file && file->fd >= 0) {
                ::close(file->fd);
            }
        }
    }
}

std::string DeltaSink::describe() const {
    return "delta:" + m_settings.path.string();
}

void DeltaSink::openTables(const SinkContext& context) {
    const DeltaLayout layout = deltaLayout(*context.plan, m_settings.path, m_settings.tablePerType,
                                           m_settings.tablePrefix);
    m_types = context.plan->typeCount();
    m_tableOf = layout.tableOf;
    for (const DeltaLayout::Table& table : layout.tables) {
        m_tables.push_back(std::make_unique<DeltaTable>(table.folder, table.columns));
    }
    for (int w = 0; w < std::max(context.workers, 1); ++w) {
        auto worker = std::make_unique<Worker>();
        for (uint32_t type = 0; type < m_types; ++type) {
            worker->decoders.emplace_back(layout.records[type], layout.targets[type],
                                          layout.nullColumns[type]);
        }
        worker->files.resize(m_tables.size());
        worker->done.resize(m_tables.size());
        worker->counts.assign(m_types, 0);
        worker->bytes.assign(m_types, 0);
        m_workers.push_back(std::move(worker));
    }
}

void DeltaSink::open(const SinkContext& context) {
    if (context.plan == nullptr) {
        throw SinkError("delta: the sink needs the run's plan");
    }
    m_listener = context.listener;
    m_shardIndex = context.shardIndex;
    m_shardCount = std::max<uint32_t>(context.shardCount, 1);
    m_appId = "streamgen-seed-" + std::to_string(context.plan->seed()) + "-shard-" +
              std::to_string(m_shardIndex) + "-of-" + std::to_string(m_shardCount);
    try {
        openTables(context);
        m_base = UINT64_MAX;
        for (const auto& table : m_tables) {
            m_held.push_back(table->open(m_settings.overwrite, m_appId));
            m_base = std::min(m_base, m_held.back().prefix);
        }
    } catch (const SinkError&) {
        throw;
    } catch (const std::exception& error) {
        throw SinkError("delta: " + std::string(error.what()));
    }
    for (const DeltaProgress& held : m_held) {
        m_filter = m_filter || held.prefix > m_base || !held.beyond.empty();
    }
    m_spanSize = std::max<uint64_t>(m_settings.maxRecords, 1);
    if (context.rate > 0.0 && m_settings.maxSeconds > 0.0) {
        const double perSpan = context.rate * m_settings.maxSeconds;
        m_spanSize = std::min<uint64_t>(m_spanSize, static_cast<uint64_t>(std::max(perSpan, 1.0)));
    }
    if (m_base > 0 && m_listener != nullptr) {
        m_listener->warning(describe() + ": the table holds this stream's first " +
                            std::to_string(m_base) + " events (seed " +
                            std::to_string(context.plan->seed()) +
                            ") from an earlier run; continuing after them");
    }
    m_committer = std::thread([this] { commitLoop(); });
}

uint64_t DeltaSink::resumeSequence() const {
    return m_base * m_shardCount + m_shardIndex;
}

bool DeltaSink::alreadyHeld(std::size_t table, uint64_t index) const {
    const DeltaProgress& held = m_held[table];
    if (index < held.prefix) {
        return true;
    }
    return std::any_of(held.beyond.begin(), held.beyond.end(), [index](const auto& range) {
        return index >= range.first && index < range.second;
    });
}

DeltaSink::OpenFile& DeltaSink::fileFor(Worker& worker, std::size_t table) {
    std::unique_ptr<OpenFile>& slot = worker.files[table];
    if (slot) {
        return *slot;
    }
    parquet::WriterOptions options;
    options.compression = m_settings.compression;
    auto file = std::make_unique<OpenFile>(m_tables[table]->columns(), options);
    file->name = "part-" + randomUuid() + "-c000" + codecName(m_settings.compression) + ".parquet";
    file->full = m_tables[table]->folder() / file->name;
    file->fd = ::open(file->full.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (file->fd < 0) {
        throw SinkError("delta: cannot create " + file->full.string() + ": " +
                        std::strerror(errno));
    }
    slot = std::move(file);
    return *slot;
}

namespace {

void drain(int fd, parquet::FileWriter& writer, const fs::path& path) {
    if (const std::string error = writeAll(fd, writer.output()); !error.empty()) {
        throw SinkError("delta: cannot write " + path.string() + ": " + error);
    }
    writer.consumeOutput();
}

} // namespace

DeltaDataFile DeltaSink::finishFile(OpenFile& file) {
    file.writer.finish();
    drain(file.fd, file.writer, file.full);
    // The commit names this file: it must be on disk before the log says so.
    const bool synced = ::fsync(file.fd) == 0;
    const int error = errno;
    ::close(file.fd);
    file.fd = -1;
    if (!synced) {
        throw SinkError("delta: cannot sync " + file.full.string() + ": " + std::strerror(error));
    }
    DeltaDataFile out;
    out.path = file.name;
    out.size = file.writer.fileSize();
    out.rows = file.writer.writtenRows();
    out.stats = deltaStatistics(file.writer.columns(), file.writer.statistics(), out.rows);
    return out;
}

void DeltaSink::mergeLocked(Worker& worker) {
    Span& span = m_spans[worker.span];
    if (span.counts.empty()) {
        span.counts.assign(m_types, 0);
        span.bytes.assign(m_types, 0);
        span.files.resize(m_tables.size());
    }
    span.written += worker.written;
    worker.written = 0;
    for (std::size_t type = 0; type < m_types; ++type) {
        span.counts[type] += worker.counts[type];
        span.bytes[type] += worker.bytes[type];
        worker.counts[type] = 0;
        worker.bytes[type] = 0;
    }
    for (std::size_t table = 0; table < m_tables.size(); ++table) {
        auto& done = worker.done[table];
        span.files[table].insert(span.files[table].end(), done.begin(), done.end());
        done.clear();
    }
}

void DeltaSink::enterSpan(Worker& worker, uint64_t span) {
    if (worker.inSpan) {
        for (std::size_t table = 0; table < worker.files.size(); ++table) {
            if (worker.files[table]) {
                worker.done[table].push_back(finishFile(*worker.files[table]));
                worker.files[table].reset();
            }
        }
    }
    {
        std::lock_guard lock(m_mutex);
        if (worker.inSpan) {
            mergeLocked(worker);
            --m_spans[worker.span].openWorkers;
        }
        worker.inSpan = true;
        worker.span = span;
        worker.spanEnd = spanEnd(span);
        Span& entered = m_spans[span];
        if (entered.counts.empty()) {
            entered.counts.assign(m_types, 0);
            entered.bytes.assign(m_types, 0);
            entered.files.resize(m_tables.size());
        }
        ++entered.openWorkers;
    }
    m_changed.notify_all();
}

void DeltaSink::write(int workerIndex, const EventBatch& batch) {
    if (batch.empty()) {
        return;
    }
    Worker& worker = *m_workers.at(static_cast<std::size_t>(workerIndex));
    const auto indexOf = [this](uint64_t sequence) {
        return (sequence - m_shardIndex) / m_shardCount;
    };
    std::size_t i = 0;
    try {
        for (; i < batch.size(); ++i) {
            const uint64_t index = indexOf(batch.sequence(i));
            if (!worker.inSpan || index >= worker.spanEnd) {
                enterSpan(worker, spanOf(index));
            }
            const uint32_t type = batch.typeIndex(i);
            const uint32_t table = m_tableOf[type];
            const std::string_view payload = batch.payload(i);
            if (!m_filter || !alreadyHeld(table, index)) {
                OpenFile& file = fileFor(worker, table);
                worker.decoders[type].decode(payload, file.writer);
                flushRowGroup(worker, table);
            }
            ++worker.written;
            ++worker.counts[type];
            worker.bytes[type] += payload.size();
        }
    } catch (const std::exception& error) {
        // The span can no longer be committed whole: the run stops, and close() reports every
        // event not committed as failed, these too.
        for (; i < batch.size() && m_listener != nullptr; ++i) {
            m_listener->failed(batch.typeIndex(i), 1);
        }
        fail(describe() + ": " + error.what());
        throw SinkError(error.what());
    }
    const uint64_t first = indexOf(batch.sequence(0));
    const uint64_t last = indexOf(batch.sequence(batch.size() - 1));
    {
        std::lock_guard lock(m_mutex);
        mergeLocked(worker);
        addRange(m_writtenRanges, first, last + 1);
    }
    m_changed.notify_all();
}

void DeltaSink::flushRowGroup(Worker& worker, std::size_t table) {
    OpenFile& file = *worker.files[table];
    if (file.writer.pendingRows() < kRowGroupRows) {
        return;
    }
    file.writer.endRowGroup();
    drain(file.fd, file.writer, file.full);
    if (file.writer.fileSize() >= m_settings.maxBytes) {
        worker.done[table].push_back(finishFile(file));
        worker.files[table].reset();
    }
}

void DeltaSink::fail(const std::string& message) {
    {
        std::lock_guard lock(m_mutex);
        if (m_failed) {
            return;
        }
        m_failed = true;
    }
    m_changed.notify_all();
    if (m_listener != nullptr) {
        m_listener->fatal(message);
    }
}

DeltaProgress DeltaSink::progressOf(std::size_t table, uint64_t prefix,
                                    const IndexRanges& beyond) const {
    const DeltaProgress& held = m_held[table];
    std::map<uint64_t, uint64_t> ranges;
    for (const auto& range : beyond) {
        addRange(ranges, range.first, range.second);
    }
    for (const auto& range : held.beyond) {
        addRange(ranges, range.first, range.second);
    }
    DeltaProgress out;
    out.prefix = std::max(prefix, held.prefix);
    for (const auto& [begin, end] : ranges) {
        if (end <= out.prefix) {
            continue;
        }
        if (begin <= out.prefix) {
            out.prefix = end;
            continue;
        }
        out.beyond.emplace_back(begin, end);
    }
    return out;
}

void DeltaSink::commitSpan(uint64_t span, Span& taken) {
    (void)span;
    for (std::size_t table = 0; table < m_tables.size(); ++table) {
        if (taken.files[table].empty() && !m_tables[table]->pendingOverwrite()) {
            continue;
        }
        m_tables[table]->commit(taken.files[table], m_appId, progressOf(table, spanEnd(span), {}));
    }
}

void DeltaSink::commitLoop() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] {
            if (m_closing || m_failed) {
                return true;
            }
            const auto it = m_spans.find(m_nextCommit);
            return it != m_spans.end() && it->second.openWorkers == 0 &&
                   it->second.written >= m_spanSize;
        });
        if (m_closing || m_failed) {
            return;
        }
        const uint64_t span = m_nextCommit;
        Span taken = std::move(m_spans[span]);
        m_spans.erase(span);
        lock.unlock();
        try {
            commitSpan(span, taken);
        } catch (const std::exception& error) {
            lock.lock();
            m_spans[span] = std::move(taken); // close() reports its events failed
            lock.unlock();
            fail(describe() + ": " + error.what());
            lock.lock();
            return;
        }
        for (std::size_t type = 0; type < m_types && m_listener != nullptr; ++type) {
            if (taken.counts[type] > 0) {
                m_listener->delivered(static_cast<uint32_t>(type), taken.counts[type],
                                      taken.bytes[type]);
            }
        }
        lock.lock();
        ++m_nextCommit;
    }
}

void DeltaSink::commitRest() {
    // Every worker has stopped: what is left is committed at once, with the indexes held as a
    // prefix plus the ranges a stopped run wrote beyond its first gap.
    Span rest;
    rest.counts.assign(m_types, 0);
    rest.bytes.assign(m_types, 0);
    rest.files.resize(m_tables.size());
    uint64_t prefix = m_base;
    IndexRanges beyond;
    {
        std::lock_guard lock(m_mutex);
        for (auto& [index, span] : m_spans) {
            for (std::size_t type = 0; type < m_types && !span.counts.empty(); ++type) {
                rest.counts[type] += span.counts[type];
                rest.bytes[type] += span.bytes[type];
            }
            for (std::size_t table = 0; table < span.files.size(); ++table) {
                rest.files[table].insert(rest.files[table].end(), span.files[table].begin(),
                                         span.files[table].end());
            }
        }
        m_spans.clear();
        for (const auto& [begin, end] : m_writtenRanges) {
            if (begin <= prefix) {
                prefix = std::max(prefix, end);
            } else {
                beyond.emplace_back(begin, end);
            }
        }
    }
    try {
        commitTables(rest, prefix, beyond);
    } catch (const std::exception&) {
        for (std::size_t type = 0; type < m_types && m_listener != nullptr; ++type) {
            if (rest.counts[type] > 0) {
                m_listener->failed(static_cast<uint32_t>(type), rest.counts[type]);
            }
        }
        throw;
    }
    for (std::size_t type = 0; type < m_types && m_listener != nullptr; ++type) {
        if (rest.counts[type] > 0) {
            m_listener->delivered(static_cast<uint32_t>(type), rest.counts[type], rest.bytes[type]);
        }
    }
}

void DeltaSink::commitTables(const Span& rest, uint64_t prefix, const IndexRanges& beyond) {
    for (std::size_t table = 0; table < m_tables.size(); ++table) {
        DeltaTable& target = *m_tables[table];
        const bool created = fs::exists(deltaCommitPath(target.folder(), 0));
        if (rest.files[table].empty() && !target.pendingOverwrite() && created) {
            continue;
        }
        target.commit(rest.files[table], m_appId, progressOf(table, prefix, beyond));
    }
}

FlushResult DeltaSink::close(std::chrono::milliseconds timeout) {
    (void)timeout; // closing is local file work: finishing files and writing the last commit
    FlushResult result;
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_committer.joinable()) {
        m_committer.join();
    }
    bool failed = false;
    {
        std::lock_guard lock(m_mutex);
        failed = m_failed;
    }
    try {
        for (const auto& worker : m_workers) {
            if (!worker->inSpan || failed) {
                continue;
            }
            for (std::size_t table = 0; table < worker->files.size(); ++table) {
                if (worker->files[table]) {
                    worker->done[table].push_back(finishFile(*worker->files[table]));
                    worker->files[table].reset();
                }
            }
            std::lock_guard lock(m_mutex);
            mergeLocked(*worker);
            --m_spans[worker->span].openWorkers;
        }
        if (!failed) {
            commitRest();
        }
    } catch (const std::exception& error) {
        result.error = describe() + ": " + error.what();
        failed = true;
    }
    if (failed) {
        std::lock_guard lock(m_mutex);
        for (const auto& worker : m_workers) {
            mergeLocked(*worker);
        }
        for (const auto& [index, span] : m_spans) {
            for (std::size_t type = 0; type < span.counts.size(); ++type) {
                if (span.counts[type] > 0 && m_listener != nullptr) {
                    m_listener->failed(static_cast<uint32_t>(type), span.counts[type]);
                }
            }
        }
        m_spans.clear();
    }
    return result;
}

} // namespace streamgen
