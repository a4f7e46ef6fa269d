#pragma once

#include "engine/sink.h"
#include "kafka_settings.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct rd_kafka_s;
struct rd_kafka_topic_s;
struct rd_kafka_message_s;

namespace streamgen {

/// The header that carries each message's event sequence number (decimal ASCII), beside
/// `event_type_id`: the event's identity for `streamgen verify`.
inline constexpr const char* kSequenceHeader = "streamgen-seq";

/// Produces each event as one Kafka message through librdkafka (Kafka, and Event Hubs' Kafka
/// endpoint), following librdkafka's producer example and kcat's delivery-report handling:
///
/// - delivery is counted from delivery reports only, per event type (the message's opaque);
/// - a full local queue blocks the producing worker in `rd_kafka_poll` until reports free room,
///   which slows generation down through the pacing: no busy loop, nothing dropped;
/// - a fatal error (e.g. idempotence) ends the run with librdkafka's message;
/// - closing flushes with the run's timeout; what is still queued then is purged and reported
///   as undelivered, never as delivered.
class KafkaSink final : public Sink {
public:
    explicit KafkaSink(KafkaSettings settings, std::string name = "kafka");
    ~KafkaSink() override;

    std::string describe() const override;
    void open(const SinkContext& context) override;
    void write(int worker, const EventBatch& batch) override;
    /// Registers the plan's schemas with the Schema Registry (Avro, Protobuf) and prepares the
    /// wire-format headers; throws SinkError when the registry cannot be reached or refuses.
    void registerSchemas(const Plan& plan);
    FlushResult close(std::chrono::milliseconds timeout) override;
    bool reportsDeliveryAsync() const override { return true; }
    bool usesKeys() const override { return true; }

    /// The outcome of asking the brokers for the topics' metadata.
    struct ConnectionCheck {
        enum class Status { Ok, Unreachable, MissingTopic, BadConfig } status = Status::Ok;
        std::string message; ///< names the brokers and topics; empty when Ok
    };
    /// Asks the brokers for the metadata of `topics`, waiting at most `timeout`. Used by `open`
    /// (a missing topic fails the start) and by the Studio's "test connection".
    static ConnectionCheck checkConnection(const KafkaSettings& settings,
                                           const std::vector<std::string>& topics,
                                           std::chrono::milliseconds timeout);
    /// The same check on an existing client.
    static ConnectionCheck checkTopics(rd_kafka_s* client, const KafkaSettings& settings,
                                       const std::vector<std::string>& topics,
                                       std::chrono::milliseconds timeout);

private:
    static void onDelivery(rd_kafka_s* producer, const rd_kafka_message_s* message, void* opaque);
    static void onError(rd_kafka_s* producer, int error, const char* reason, void* opaque);
    static void onLog(const rd_kafka_s* producer, int level, const char* facility,
                      const char* message);
    void pollLoop();
    /// Hands the delivery counts gathered during one poll to the listener.
    void reportDeliveries();
    void produce(uint32_t type, uint64_t sequence, std::string_view payload,
                 std::string_view key);
    void recordError(const std::string& message);

    KafkaSettings m_settings;
    std::string m_name;
    rd_kafka_s* m_producer = nullptr;
    std::vector<rd_kafka_topic_s*> m_topics;      ///< by event type
    std::vector<std::string> m_topicNames;         ///< by event type
    std::vector<std::string> m_typeIds;
    /// Per event type, what precedes each value: the registry's wire-format header (and for
    /// Protobuf the message index), or nothing.
    std::vector<std::string> m_valueHeaders;
    std::vector<std::string> m_framed; ///< per worker: header + payload, reused
    DeliveryListener* m_listener = nullptr;
    std::thread m_poller;
    std::atomic<bool> m_stopPolling{false};
    std::atomic<bool> m_purging{false}; ///< close() purges what the flush timeout left
    std::atomic<int64_t> m_inFlight{0}; ///< produced, no delivery report yet
    std::atomic<uint64_t> m_failed{0};
    // Delivery reports are summed per type here and handed to the listener once per poll of the
    // poll thread rather than once per message. Workers serve reports too (see write()), so the
    // sums are atomics.
    std::unique_ptr<std::atomic<uint64_t>[]> m_deliveredCount;
    std::unique_ptr<std::atomic<uint64_t>[]> m_deliveredBytes;
    std::unique_ptr<std::atomic<uint64_t>[]> m_failedCount;
    std::mutex m_errorMutex;            ///< guards m_lastError; taken only on errors
    std::string m_lastError;
};

} // namespace streamgen
