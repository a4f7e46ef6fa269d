#pragma once

#include "engine/sink.h"
#include "postgres_settings.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace streamgen {

class PostgresTables;

/// Writes events as rows into PostgreSQL tables with COPY, through libpq.
///
/// - Layouts: a table per event type with a column per field (the plan encodes CSV, whose
///   cells go to COPY as they are), or one table of (event_type, sequence, payload jsonb) (the
///   plan encodes JSON). Missing tables are created with mapped types; existing ones are
///   checked at open. A string field that can be null writes an empty string as NULL too (a
///   CSV cell cannot tell them apart); one that is never null keeps it ('').
/// - One connection per worker. A worker's rows gather into a transaction of about
///   `batch_rows` rows (at most ~32 MiB; a worker's first transactions are smaller, so that the
///   server starts at once), or what `commit_interval_ms` brings, while the previous one is
///   being committed by the worker's sender thread: generating and loading overlap. Events
///   count as delivered once their transaction's COMMIT succeeded, never before.
/// - Each transaction also inserts (run id, worker, batch number) into `progress_table`. When
///   the connection breaks, the sender reconnects with backoff for up to
///   `reconnect_timeout_ms`, ends the old server process if it still holds the transaction, and
///   looks the batch up there: committed (the answer to COMMIT was lost) counts it delivered,
///   otherwise it is sent again. So a lost connection neither loses nor duplicates rows. Without
///   a progress table, a batch whose COMMIT went unanswered is sent again and may be stored
///   twice: the sink counts those rows and says so in a warning. The run's progress rows are
///   deleted when the sink closes.
/// - An error that retrying does not cure (a refused row, a missing privilege, the server not
///   back in time) ends the run with the server's message; the transaction's events and the
///   ones gathered after it count as failed.
class PostgresSink final : public Sink {
public:
    explicit PostgresSink(PostgresSettings settings);
    ~PostgresSink() override;

    std::string describe() const override;
    void open(const SinkContext& context) override;
    void write(int worker, const EventBatch& batch) override;
    FlushResult close(std::chrono::milliseconds timeout) override;
    bool reportsDeliveryAsync() const override { return true; }

    /// Connects and describes the server and the plan's tables (when `plan` is given): what
    /// the Studio's "Test connection" shows. Nothing is created.
    struct ConnectionCheck {
        bool ok = false;
        std::string message;
    };
    static ConnectionCheck checkConnection(const PostgresSettings& settings, const Plan* plan);

private:
    struct Writer;
    void senderLoop(Writer& writer);
    enum class Outcome { Delivered, Failed, Aborted };
    /// Commits the writer's `sending` rows, reconnecting and retrying as needed.
    Outcome commit(Writer& writer);
    /// Reconnects with backoff; false when the server is not back in time (after `fail`) or
    /// the close gave up waiting.
    bool reconnect(Writer& writer, const std::string& reason);
    void fail(const std::string& message);
    std::string fatalMessage();
    std::string where() const;

    PostgresSettings m_settings;
    std::unique_ptr<PostgresTables> m_tables;
    std::vector<std::unique_ptr<Writer>> m_writers;
    DeliveryListener* m_listener = nullptr;
    std::string m_runId;
    std::atomic<uint64_t> m_handed{0};  ///< events given to write()
    std::atomic<uint64_t> m_settled{0}; ///< events reported delivered or failed
    std::atomic<uint64_t> m_possibleDuplicates{0};
    std::mutex m_fatalMutex; ///< guards m_fatal; taken on failures only
    std::string m_fatal;     ///< the first fatal error
};

} // namespace streamgen
