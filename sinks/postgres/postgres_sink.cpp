#include "postgres_sink.h"

#include "postgres_connection.h"
#include "postgres_tables.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <libpq-fe.h>
#include <random>
#include <thread>

namespace streamgen {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kFirstBackoff = std::chrono::milliseconds(100);
constexpr auto kLongestBackoff = std::chrono::milliseconds(2000);
// Serialization failures and lock timeouts clear up on their own; a few tries, then they count.
constexpr int kMostTransientRetries = 5;
// Rows of one transaction held in memory at most (twice per worker: one filling, one being sent),
// whatever batch_rows says: wide rows would otherwise take hundreds of MB.
constexpr std::size_t kMostTransactionBytes = 32u << 20;
// The first transaction of a worker holds this share of batch_rows; each next one twice as many.
constexpr uint64_t kFirstTransactionShare = 16;
// Connections lost while committing one transaction, before it counts failed: a server that
// takes every connection down at the same point would otherwise be retried for ever.
constexpr int kMostLosses = 20;

/// The rows of one transaction, by table, with what they hold of each event type.
struct Rows {
    std::vector<std::string> data;
    std::vector<uint64_t> events;
    std::vector<uint64_t> bytes;
    uint64_t total = 0;
    Clock::time_point first;

    void reset(std::size_t tables, std::size_t types) {
        data.assign(tables, {});
        events.assign(types, 0);
        bytes.assign(types, 0);
        total = 0;
    }
    void clear() {
        for (std::string& rows : data) {
            rows.clear(); // keeps the capacity for the next transaction
        }
        std::fill(events.begin(), events.end(), 0);
        std::fill(bytes.begin(), bytes.end(), 0);
        total = 0;
    }
};

std::string newRunId() {
    std::random_device random;
    const uint64_t bits = (static_cast<uint64_t>(random()) << 32) ^ random() ^
                          static_cast<uint64_t>(Clock::now().time_since_epoch().count());
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(bits));
    return text;
}

/// The connection is gone, or the server said it is going (shutdown, crash, not accepting).
bool connectionLost(const PgConnection& connection, const std::string& state) {
    return connection.lost() || state.empty() || state.rfind("08", 0) == 0 ||
           state.rfind("57P", 0) == 0;
}

bool transient(const std::string& state) {
    return state.rfind("40", 0) == 0 || state == "55P03";
}

std::string seconds(int64_t milliseconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g s", static_cast<double>(milliseconds) / 1000.0);
    return text;
}

} // namespace

struct PostgresSink::Writer {
    int index = 0;
    PgConnection connection;
    std::mutex mutex;
    std::condition_variable changed;
    Rows filling; ///< the worker appends here (under `mutex`)
    Rows sending; ///< the sender owns it while `busy`
    bool busy = false;
    bool closing = false;
    bool abort = false; ///< the close gave up waiting
    bool done = false;
    uint64_t batches = 0; ///< transactions begun, the number of the progress table
    uint64_t limit = 1;   ///< rows that close a transaction: grows to batch_rows
    std::thread thread;
};

PostgresSink::PostgresSink(PostgresSettings settings) : m_settings(std::move(settings)) {}

PostgresSink::~PostgresSink() {
    if (!m_writers.empty()) {
        close(std::chrono::milliseconds(0));
    }
}

std::string PostgresSink::describe() const {
    return "postgres:" + m_settings.target;
}

std::string PostgresSink::where() const {
    return "postgres " + m_settings.target;
}

void PostgresSink::open(const SinkContext& context) {
    if (context.plan == nullptr) {
        throw SinkError(where() + ": the postgres sink needs the run's plan");
    }
    m_listener = context.listener;
    m_tables = std::make_unique<PostgresTables>(*context.plan, m_settings);
    m_runId = newRunId();
    std::vector<std::unique_ptr<Writer>> writers;
    for (int i = 0; i < std::max(context.workers, 1); ++i) {
        auto writer = std::make_unique<Writer>();
        writer->index = i;
        // The first transactions are small, so that the server starts loading while the
        // worker fills the next, larger ones.
        writer->limit = std::max<uint64_t>(1, static_cast<uint64_t>(m_settings.batchRows) /
                                                  kFirstTransactionShare);
        std::string error;
        if (!writer->connection.open(m_settings, error)) {
            throw SinkError(where() + ": " + error);
        }
        if (i == 0) {
            if (const std::string problem = m_tables->prepare(writer->connection, m_settings);
                !problem.empty()) {
                throw SinkError(where() + ": " + problem);
            }
        }
        writer->filling.reset(m_tables->tables().size(), context.plan->typeCount());
        writer->sending.reset(m_tables->tables().size(), context.plan->typeCount());
        writers.push_back(std::move(writer));
    }
    m_writers = std::move(writers);
    for (auto& writer : m_writers) {
        writer->thread = std::thread([this, w = writer.get()] { senderLoop(*w); });
    }
}

void PostgresSink::write(int worker, const EventBatch& batch) {
    Writer& writer = *m_writers.at(static_cast<std::size_t>(worker));
    m_handed += batch.size();
    std::unique_lock lock(writer.mutex);
    if (writer.done) {
        // This writer's sender failed: the run is stopping, and these events count failed.
        std::vector<uint64_t> counts(writer.filling.events.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            ++counts[batch.typeIndex(i)];
        }
        for (uint32_t type = 0; type < counts.size(); ++type) {
            if (counts[type] > 0) {
                m_listener->failed(type, counts[type]);
            }
        }
        m_settled += batch.size();
        return;
    }
    Rows& rows = writer.filling;
    if (rows.total == 0) {
        rows.first = Clock::now();
        writer.changed.notify_all(); // the sender times the commit interval from now
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const uint32_t type = batch.typeIndex(i);
        const std::string_view line = batch.payload(i);
        m_tables->appendRow(type, batch.sequence(i), line, rows.data[m_tables->tableOf(type)]);
        ++rows.events[type];
        rows.bytes[type] += line.size() + 1;
    }
    rows.total += batch.size();
    const auto full = [&] {
        if (rows.total >= writer.limit) {
            return true;
        }
        std::size_t size = 0;
        for (const std::string& data : rows.data) {
            size += data.size();
        }
        return size >= kMostTransactionBytes;
    };
    if (!full()) {
        return;
    }
    // Wait for the previous transaction: this is what slows generation down to the server.
    writer.changed.wait(lock, [&] { return !writer.busy || writer.done || !full(); });
    if (writer.done || !full()) {
        return; // the sender took the rows (or, failing, counted them failed)
    }
    std::swap(writer.filling, writer.sending);
    writer.busy = true;
    writer.limit = std::min(writer.limit * 2, static_cast<uint64_t>(m_settings.batchRows));
    writer.changed.notify_all();
}

void PostgresSink::senderLoop(Writer& writer) {
    const auto interval = std::chrono::milliseconds(m_settings.commitIntervalMs);
    std::unique_lock lock(writer.mutex);
    while (!writer.abort) {
        if (!writer.busy) {
            const bool due = writer.filling.total > 0 &&
                             (writer.closing || Clock::now() - writer.filling.first >= interval);
            if (due) {
                std::swap(writer.filling, writer.sending);
                writer.busy = true;
            } else if (writer.closing) {
                break;
            } else {
                if (writer.filling.total > 0) {
                    writer.changed.wait_until(lock, writer.filling.first + interval);
                } else {
                    writer.changed.wait(lock);
                }
                continue;
            }
        }
        lock.unlock();
        const Outcome outcome = commit(writer);
        lock.lock();
        if (outcome == Outcome::Aborted) {
            break;
        }
        writer.sending.clear();
        writer.busy = false;
        if (outcome == Outcome::Failed) {
            // Nothing of this writer will be committed any more.
            const Rows& rows = writer.filling;
            for (uint32_t type = 0; type < rows.events.size(); ++type) {
                if (rows.events[type] > 0) {
                    m_listener->failed(type, rows.events[type]);
                }
            }
            m_settled += rows.total;
            writer.filling.clear();
            break;
        }
        writer.changed.notify_all();
    }
    writer.done = true;
    writer.changed.notify_all();
}

PostgresSink::Outcome PostgresSink::commit(Writer& writer) {
    const Rows& rows = writer.sending;
    const std::string batch = std::to_string(++writer.batches);
    const std::string worker = std::to_string(writer.index);
    const std::string progress = m_settings.progressTable.empty()
                                     ? ""
                                     : qualifiedName(m_settings.schema, m_settings.progressTable);
    const std::string begin = progress.empty() ? "BEGIN"
                                               : "BEGIN; INSERT INTO " + progress +
                                                     " (run_id, worker, batch) VALUES ('" +
                                                     m_runId + "', " + worker + ", " + batch + ")";
    const auto deliver = [&] {
        for (uint32_t type = 0; type < rows.events.size(); ++type) {
            if (rows.events[type] > 0) {
                m_listener->delivered(type, rows.events[type], rows.bytes[type]);
            }
        }
        m_settled += rows.total;
        return Outcome::Delivered;
    };
    const auto failWith = [&](const std::string& message) {
        for (uint32_t type = 0; type < rows.events.size(); ++type) {
            if (rows.events[type] > 0) {
                m_listener->failed(type, rows.events[type]);
            }
        }
        m_settled += rows.total;
        fail(message);
        return Outcome::Failed;
    };

    bool unknown = false; // COMMIT went out and its answer did not come back
    int transientRetries = 0;
    int losses = 0;
    std::string lostReason;
    PgConnection::Backend previous; // the server process of the connection that broke
    PgConnection& connection = writer.connection;
    const auto dropConnection = [&](const std::string& reason) {
        lostReason = reason;
        previous = connection.backend();
        connection.close();
        return ++losses <= kMostLosses;
    };
    const auto committedAlready = [&] {
        m_listener->warning(where() +
                            ": the COMMIT whose answer was lost had gone through (the progress "
                            "table says so): its " +
                            std::to_string(rows.total) + " rows are not sent again");
        return deliver();
    };
    while (true) {
        std::string error;
        std::string state;
        if (connection.lost()) {
            if (!reconnect(writer, lostReason.empty() ? connection.lastError() : lostReason)) {
                return writer.abort ? Outcome::Aborted : failWith(fatalMessage());
            }
            // Until the server notices the old connection is gone, its process may hold the
            // transaction (and its progress row) open, or still be committing it.
            connection.terminate(previous);
        }
        if (unknown && !progress.empty()) {
            const PgResult found = connection.exec(
                "SELECT 1 FROM " + progress + " WHERE run_id = $1 AND worker = $2 AND batch = $3",
                {m_runId, worker, batch});
            if (!succeeded(found.get())) {
                if (connectionLost(connection, sqlState(found.get())) &&
                    dropConnection(errorText(found.get(), connection.lastError()))) {
                    continue;
                }
                return failWith(where() + ": cannot read the progress table: " +
                                errorText(found.get(), connection.lastError()));
            }
            if (PQntuples(found.get()) > 0) {
                return committedAlready();
            }
        } else if (unknown) {
            m_possibleDuplicates += rows.total;
        }
        unknown = false;

        PgResult result = connection.exec(begin);
        bool ok = succeeded(result.get());
        if (!ok) {
            error = errorText(result.get(), connection.lastError());
            state = sqlState(result.get());
            if (!progress.empty() && state == "23505") {
                // The batch's progress row exists: a commit thought lost went through.
                connection.exec("ROLLBACK");
                return committedAlready();
            }
        }
        for (std::size_t t = 0; ok && t < rows.data.size(); ++t) {
            if (!rows.data[t].empty()) {
                ok = connection.copyIn(m_tables->tables()[t].copySql, rows.data[t], error, &state);
            }
        }
        if (ok) {
            result = connection.exec("COMMIT");
            ok = succeeded(result.get()) && std::string(PQcmdStatus(result.get())) == "COMMIT";
            if (ok) {
                return deliver();
            }
            error = errorText(result.get(), connection.lastError());
            state = sqlState(result.get());
            unknown = connectionLost(connection, state);
        }
        if (connectionLost(connection, state) && dropConnection(error)) {
            continue;
        }
        connection.exec("ROLLBACK");
        if (transient(state) && ++transientRetries <= kMostTransientRetries) {
            std::this_thread::sleep_for(kFirstBackoff * transientRetries);
            continue;
        }
        return failWith(where() + ": " + error);
    }
}

bool PostgresSink::reconnect(Writer& writer, const std::string& reason) {
    const auto start = Clock::now();
    const auto limit = std::chrono::milliseconds(m_settings.reconnectTimeoutMs);
    m_listener->warning(where() + ": connection lost (" + reason + "); reconnecting for up to " +
                        seconds(m_settings.reconnectTimeoutMs));
    auto delay = std::chrono::duration_cast<Clock::duration>(kFirstBackoff);
    std::string error;
    while (true) {
        if (writer.connection.open(m_settings, error)) {
            const auto took =
                std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
            m_listener->warning(where() + ": reconnected after " + seconds(took.count()));
            return true;
        }
        if (Clock::now() + delay - start > limit) {
            fail(where() + ": connection lost and not back within " +
                 seconds(m_settings.reconnectTimeoutMs) + ": " + error);
            return false;
        }
        std::unique_lock lock(writer.mutex);
        if (writer.changed.wait_for(lock, delay, [&] { return writer.abort; })) {
            return false;
        }
        delay = std::min(delay * 2, std::chrono::duration_cast<Clock::duration>(kLongestBackoff));
    }
}

void PostgresSink::fail(const std::string& message) {
    std::lock_guard lock(m_fatalMutex);
    if (!m_fatal.empty()) {
        return;
    }
    m_fatal = message;
    m_listener->fatal(message);
}

std::string PostgresSink::fatalMessage() {
    std::lock_guard lock(m_fatalMutex);
    return m_fatal;
}

FlushResult PostgresSink::close(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (auto& writer : m_writers) {
        std::lock_guard lock(writer->mutex);
        writer->closing = true;
        writer->changed.notify_all();
    }
    bool finished = true;
    for (auto& writer : m_writers) {
        std::unique_lock lock(writer->mutex);
        finished =
            writer->changed.wait_until(lock, deadline, [&] { return writer->done; }) && finished;
    }
    if (!finished) {
        for (auto& writer : m_writers) {
            std::lock_guard lock(writer->mutex);
            writer->abort = true;
            writer->changed.notify_all();
        }
    }
    for (auto& writer : m_writers) {
        if (writer->thread.joinable()) {
            writer->thread.join();
        }
    }
    // The progress rows served this run only.
    if (finished && !m_settings.progressTable.empty() && !m_writers.empty() &&
        !m_writers.front()->connection.lost()) {
        m_writers.front()->connection.exec(
            "DELETE FROM " + qualifiedName(m_settings.schema, m_settings.progressTable) +
                " WHERE run_id = $1",
            {m_runId});
    }
    m_writers.clear();

    FlushResult result;
    result.undelivered = m_handed.load() - std::min(m_handed.load(), m_settled.load());
    if (const uint64_t duplicates = m_possibleDuplicates.load();
        duplicates > 0 && m_listener != nullptr) {
        m_listener->warning(where() + ": " + std::to_string(duplicates) +
                            " rows were sent again after a COMMIT whose answer was lost, "
                            "without a progress_table to tell whether it went through: the "
                            "tables may hold them twice");
    }
    if (result.undelivered > 0 && m_listener != nullptr) {
        m_listener->warning(where() + ": " + std::to_string(result.undelivered) +
                            " events were not committed when the sink closed");
    }
    return result;
}

PostgresSink::ConnectionCheck PostgresSink::checkConnection(const PostgresSettings& settings,
                                                            const Plan* plan) {
    const std::string where = "postgres " + settings.target;
    PgConnection connection;
    std::string error;
    if (!connection.open(settings, error)) {
        return {false, where + ": " + error};
    }
    ConnectionCheck check{true,
                          "PostgreSQL " + connection.serverVersion() + " at " + settings.target};
    if (plan == nullptr) {
        return check;
    }
    try {
        const PostgresTables tables(*plan, settings);
        for (const auto& [ok, text] : tables.describe(connection, settings)) {
            check.ok = check.ok && ok;
            check.message += "\n" + text;
        }
    } catch (const SinkError& problem) {
        check.ok = false;
        check.message += "\n" + std::string(problem.what());
    }
    return check;
}

} // namespace streamgen
