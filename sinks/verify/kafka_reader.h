#pragma once

#include "engine/encoders/format.h"
#include "engine/plan.h"
#include "model/config.h"
#include "record_source.h"
#include "sinks/kafka_settings.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

struct rd_kafka_s;

namespace streamgen {

/// Reads back the topics a `kafka` or `eventhubs` sink wrote, with a librdkafka consumer that
/// joins no group (nothing is committed, no other consumer is disturbed):
///
/// - every partition of every topic is read from its beginning up to the high watermark it had
///   when the read began, so records produced meanwhile are left out and the read ends;
/// - the sequence number comes from the `streamgen-seq` header, the key and partition from the
///   message, and the Schema Registry wire framing (magic byte, schema id, Protobuf message
///   indexes) is taken off the payload when the sink config has a registry;
/// - brokers that cannot be reached, a missing topic, or no progress for `idleTimeout` end the
///   read with std::runtime_error naming topics and brokers.
class KafkaRecordSource : public RecordSource {
public:
    /// `settings` as the sink reads them (secrets resolved); `topics` distinct; `name` is the
    /// sink's (`kafka`, `eventhubs`). Throws std::runtime_error when librdkafka refuses a
    /// property.
    KafkaRecordSource(KafkaSettings settings, std::vector<std::string> topics, std::string name,
                      bool framed, Format format,
                      std::chrono::milliseconds idleTimeout = std::chrono::seconds(30));
    ~KafkaRecordSource() override;
    KafkaRecordSource(const KafkaRecordSource&) = delete;
    KafkaRecordSource& operator=(const KafkaRecordSource&) = delete;

    /// `kafka:events@127.0.0.1:9092`; several topics are separated by commas.
    std::string describe() const override;
    void read(const std::function<void(const ReceivedRecord&)>& each) override;

private:
    KafkaSettings m_settings;
    std::vector<std::string> m_topics;
    std::string m_name;
    bool m_framed;
    Format m_format;
    std::chrono::milliseconds m_idleTimeout;
    rd_kafka_s* m_consumer = nullptr;
    std::string m_lastError; ///< librdkafka's latest error during a read
};

/// The `reader` of the `kafka` sink's descriptor: one source over the topics of every event type
/// of `plan` (a `topic` template expands as the sink expands it). Sets `error` and returns null
/// when the options cannot be read.
std::unique_ptr<RecordSource> makeKafkaRecordSource(const SinkConfig& sink, const Plan& plan,
                                                    std::string& error);
/// The same for the `eventhubs` sink (`event_hub`, Event Hubs' Kafka endpoint).
std::unique_ptr<RecordSource> makeEventHubsRecordSource(const SinkConfig& sink, const Plan& plan,
                                                        std::string& error);

} // namespace streamgen
