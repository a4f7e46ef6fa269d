#pragma once

#include "engine/sink.h"
#include "kinesis_client.h"
#include "kinesis_settings.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace streamgen {

/// Puts each event as one record into a Kinesis data stream with PutRecords.
///
/// - A batch goes out as requests of at most 500 records and 5 MiB, all in flight at once;
///   `write` returns once every record is delivered or has definitely failed.
/// - A record counts as delivered only when its entry came back with a SequenceNumber.
/// - Entries that failed are sent again, alone, after a jittered exponential backoff: throttled
///   ones (ProvisionedThroughputExceeded) without limit, which holds the worker and so slows
///   the pacing; others up to `max_retries` times, then they are counted failed.
/// - A request without an answer (a timeout, a dropped connection, HTTP 5xx) is sent again
///   whole. Kinesis may have stored some of its records before the answer was lost: those are
///   stored twice, and the sink counts such records as possible duplicates in a warning.
/// - A record over 1 MiB (data and key) cannot be put: it is counted failed with a warning.
/// - A missing stream, refused credentials or an unreachable endpoint end the run with a
///   message naming the stream and the endpoint.
class KinesisSink final : public Sink {
public:
    explicit KinesisSink(KinesisSettings settings);
    ~KinesisSink() override;

    std::string describe() const override;
    void open(const SinkContext& context) override;
    void write(int worker, const EventBatch& batch) override;
    FlushResult close(std::chrono::milliseconds timeout) override;
    bool reportsDeliveryAsync() const override { return true; }
    bool usesKeys() const override { return !m_settings.keyField.empty(); }

    /// Whether the stream can be reached and exists (or can be created), with its open shards
    /// in `message`; used by `open` and the Studio's "test connection".
    struct ConnectionCheck {
        bool ok = false;
        std::string message;
        int64_t openShards = 0;
    };
    static ConnectionCheck checkConnection(const KinesisSettings& settings);

    /// dblstreamgen's shard plan: a shard takes 1,000 records/s and 1 MiB/s, so `rate` events/s
    /// of `averageBytes` need max(ceil(rate / 1000), ceil(rate * averageBytes / 1 MiB)) shards
    /// (at least 1).
    static int64_t plannedShards(double rate, double averageBytes);

    /// The share of records each of `shards` evenly split shards would take, from the partition
    /// keys of the first `events` events of `plan`: Kinesis puts a record in the shard whose
    /// hash-key range holds the MD5 of its key. `keyField` "" draws keys as the sink does.
    static std::vector<double> shardShares(const Plan& plan, const std::string& keyField,
                                           int shards, std::size_t events);

private:
    struct Pending;
    void putAll(KinesisClient& client, const EventBatch& batch, std::vector<Pending>& pending);
    std::string where() const;

    KinesisSettings m_settings;
    std::vector<std::unique_ptr<KinesisClient>> m_clients; ///< by worker
    DeliveryListener* m_listener = nullptr;
    std::atomic<uint64_t> m_possibleDuplicates{0};
    std::atomic<uint64_t> m_tooLarge{0};
};

} // namespace streamgen
