#include "kafka_reader.h"

#include "sinks/kafka_sink.h"

#include <algorithm>
#include <charconv>
#include <librdkafka/rdkafka.h>
#include <optional>
#include <stdexcept>

namespace streamgen {

namespace {

using Clock = std::chrono::steady_clock;

/// How long connecting, the metadata and each watermark query may take.
constexpr std::chrono::milliseconds kRequestTimeout{10000};
/// Messages taken from the queue at a time.
constexpr std::size_t kBatch = 1024;

/// Where one partition's read stands.
struct PartitionRead {
    rd_kafka_topic_t* topic = nullptr;
    int32_t partition = 0;
    int64_t end = 0; ///< the high watermark when the read began
    bool done = false;
};

/// One unsigned LEB128 varint from the front of `bytes`; false when it runs off the end.
bool takeVarint(std::string_view& bytes, uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64 && !bytes.empty(); shift += 7) {
        const auto byte = static_cast<unsigned char>(bytes.front());
        bytes.remove_prefix(1);
        value |= static_cast<uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            return true;
        }
    }
    return false;
}

/// The body of a value in the Confluent wire format: magic byte 0, the 4-byte schema id, and
/// for Protobuf the message indexes (a zigzag count, 0 standing for the single index [0], then
/// that many zigzag indexes). A value that is not so framed is returned whole, so that the
/// verifier reports it as altered rather than this reader guessing.
std::string_view unframe(std::string_view value, Format format) {
    if (value.size() < 5 || value.front() != '\0') {
        return value;
    }
    std::string_view body = value.substr(5);
    if (format != Format::Protobuf) {
        return body;
    }
    uint64_t zigzagCount = 0;
    if (!takeVarint(body, zigzagCount)) {
        return value;
    }
    // Negative counts do not occur in the format; their zigzag form is odd.
    const uint64_t count = (zigzagCount & 1) != 0 ? 0 : zigzagCount >> 1;
    for (uint64_t i = 0; i < count; ++i) {
        uint64_t index = 0;
        if (!takeVarint(body, index)) {
            return value;
        }
    }
    return body;
}

std::optional<uint64_t> sequenceHeader(rd_kafka_message_t* message) {
    rd_kafka_headers_t* headers = nullptr;
    const void* value = nullptr;
    std::size_t size = 0;
    if (rd_kafka_message_headers(message, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR ||
        rd_kafka_header_get_last(headers, kSequenceHeader, &value, &size) !=
            RD_KAFKA_RESP_ERR_NO_ERROR ||
        value == nullptr) {
        return std::nullopt;
    }
    const char* digits = static_cast<const char*>(value);
    uint64_t sequence = 0;
    const auto [end, problem] = std::from_chars(digits, digits + size, sequence);
    if (problem != std::errc() || end != digits + size) {
        return std::nullopt;
    }
    return sequence;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) {
        text += (text.empty() ? "" : ",") + name;
    }
    return text;
}

/// Every partition id of `topic`; throws when the brokers do not say.
std::vector<int32_t> partitionsOf(rd_kafka_t* client, rd_kafka_topic_t* topic,
                                  const std::string& where) {
    const rd_kafka_metadata_t* metadata = nullptr;
    const rd_kafka_resp_err_t err =
        rd_kafka_metadata(client, 0, topic, &metadata, static_cast<int>(kRequestTimeout.count()));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR || metadata->topic_cnt != 1 ||
        metadata->topics[0].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        const rd_kafka_resp_err_t cause =
            err != RD_KAFKA_RESP_ERR_NO_ERROR ? err : metadata->topics[0].err;
        if (metadata) {
            rd_kafka_metadata_destroy(metadata);
        }
        throw std::runtime_error("cannot list the partitions of " + where + ": " +
                                 rd_kafka_err2str(cause));
    }
    std::vector<int32_t> ids;
    for (int i = 0; i < metadata->topics[0].partition_cnt; ++i) {
        ids.push_back(metadata->topics[0].partitions[i].id);
    }
    rd_kafka_metadata_destroy(metadata);
    std::sort(ids.begin(), ids.end());
    return ids;
}

/// Closes what a read opened, however it ends.
struct ReadHandles {
    rd_kafka_queue_t* queue = nullptr;
    std::vector<rd_kafka_topic_t*> topics;
    std::vector<PartitionRead> partitions;

    ~ReadHandles() {
        for (PartitionRead& read : partitions) {
            rd_kafka_consume_stop(read.topic, read.partition);
        }
        if (queue) {
            rd_kafka_queue_destroy(queue);
        }
        for (rd_kafka_topic_t* topic : topics) {
            rd_kafka_topic_destroy(topic);
        }
    }
};

/// Frees a batch of messages, however the loop over them ends.
struct MessageBatch {
    rd_kafka_message_t* messages[kBatch];
    std::size_t count = 0;
    ~MessageBatch() { release(); }
    void release() {
        for (std::size_t i = 0; i < count; ++i) {
            rd_kafka_message_destroy(messages[i]);
        }
        count = 0;
    }
};

std::unique_ptr<RecordSource> makeSource(const SinkConfig& sink, const Plan& plan,
                                         std::string& error, bool eventHubs) {
    KafkaSettings settings;
    if (!(eventHubs ? readEventHubsSettings(sink, settings, error)
                    : readKafkaSettings(sink, settings, error))) {
        return nullptr;
    }
    std::vector<std::string> topics;
    for (std::size_t type = 0; type < plan.typeCount(); ++type) {
        std::string topic = settings.topicFor(plan.typeId(type));
        if (std::find(topics.begin(), topics.end(), topic) == topics.end()) {
            topics.push_back(std::move(topic));
        }
    }
    // The sink frames values exactly when it registered schemas (KafkaSink::registerSchemas).
    const Format format = plan.format();
    const bool framed =
        settings.registry.enabled() && (format == Format::Avro || format == Format::Protobuf);
    try {
        return std::make_unique<KafkaRecordSource>(std::move(settings), std::move(topics),
                                                   eventHubs ? "eventhubs" : "kafka", framed,
                                                   format);
    } catch (const std::runtime_error& problem) {
        error = problem.what();
        return nullptr;
    }
}

} // namespace

KafkaRecordSource::KafkaRecordSource(KafkaSettings settings, std::vector<std::string> topics,
                                     std::string name, bool framed, Format format,
                                     std::chrono::milliseconds idleTimeout)
    : m_settings(std::move(settings)), m_topics(std::move(topics)), m_name(std::move(name)),
      m_framed(framed), m_format(format), m_idleTimeout(idleTimeout) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    // Failures reach the user as this reader's own messages; librdkafka's log lines (and its
    // notes on producer settings a consumer ignores) would only repeat or distract.
    rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
    // Kept to explain a read that times out ("all brokers down"); served by rd_kafka_poll on
    // the reading thread.
    rd_kafka_conf_set_error_cb(conf, [](rd_kafka_t*, int, const char* reason, void* opaque) {
        static_cast<KafkaRecordSource*>(opaque)->m_lastError = reason;
    });
    rd_kafka_conf_set_opaque(conf, this);
    const auto& producerDefaults = kafkaDefaultProperties();
    char reason[512];
    for (const auto& [property, value] : m_settings.properties) {
        // The sink's defaults are producer settings; a group would commit offsets and take
        // partitions from other members, and this reader assigns every partition itself.
        const bool producerDefault =
            std::any_of(producerDefaults.begin(), producerDefaults.end(),
                        [&](const auto& entry) { return entry.first == property; });
        if (producerDefault || property == "group.id") {
            continue;
        }
        if (rd_kafka_conf_set(conf, property.c_str(), value.c_str(), reason, sizeof reason) !=
            RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(conf);
            throw std::runtime_error("sink_config.properties." + property + ": " + reason);
        }
    }
    // Tells a partition's end apart from a fetch that is only slow.
    rd_kafka_conf_set(conf, "enable.partition.eof", "true", reason, sizeof reason);
    rd_kafka_conf_set(conf, "client.id", "streamgen-verify", reason, sizeof reason);
    m_consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, reason, sizeof reason);
    if (!m_consumer) {
        throw std::runtime_error(std::string("cannot create the Kafka consumer: ") + reason);
    }
}

KafkaRecordSource::~KafkaRecordSource() {
    if (m_consumer) {
        rd_kafka_destroy(m_consumer);
    }
}

std::string KafkaRecordSource::describe() const {
    return m_name + ":" + joined(m_topics) + "@" + m_settings.bootstrapServers;
}

void KafkaRecordSource::read(const std::function<void(const ReceivedRecord&)>& each) {
    const std::string where = "`" + joined(m_topics) + "` on " + m_settings.bootstrapServers;
    const KafkaSink::ConnectionCheck check =
        KafkaSink::checkTopics(m_consumer, m_settings, m_topics, kRequestTimeout);
    if (check.status != KafkaSink::ConnectionCheck::Status::Ok) {
        throw std::runtime_error("cannot read " + m_name +
                                 (m_topics.size() > 1 ? " topics `" : " topic `") +
                                 joined(m_topics) + "` back: " + check.message);
    }

    ReadHandles handles;
    handles.queue = rd_kafka_queue_new(m_consumer);
    for (const std::string& name : m_topics) {
        rd_kafka_topic_t* topic = rd_kafka_topic_new(m_consumer, name.c_str(), nullptr);
        handles.topics.push_back(topic);
        for (const int32_t partition : partitionsOf(m_consumer, topic, "`" + name + "`")) {
            int64_t low = 0;
            int64_t high = 0;
            const rd_kafka_resp_err_t err =
                rd_kafka_query_watermark_offsets(m_consumer, name.c_str(), partition, &low, &high,
                                                 static_cast<int>(kRequestTimeout.count()));
            if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                throw std::runtime_error("cannot ask " + m_settings.bootstrapServers + " where `" +
                                         name + "` partition " + std::to_string(partition) +
                                         " ends: " + rd_kafka_err2str(err));
            }
            if (high <= low) {
                continue; // empty (or emptied by retention)
            }
            if (rd_kafka_consume_start_queue(topic, partition, RD_KAFKA_OFFSET_BEGINNING,
                                             handles.queue) != 0) {
                throw std::runtime_error("cannot read `" + name + "` partition " +
                                         std::to_string(partition) + ": " +
                                         rd_kafka_err2str(rd_kafka_last_error()));
            }
            handles.partitions.push_back({topic, partition, high, false});
        }
    }

    std::size_t open = handles.partitions.size();
    const auto find = [&handles](const rd_kafka_message_t* message) -> PartitionRead* {
        for (PartitionRead& read : handles.partitions) {
            if (read.topic == message->rkt && read.partition == message->partition) {
                return &read;
            }
        }
        return nullptr;
    };
    const auto finish = [&open](PartitionRead& read) {
        if (!read.done) {
            read.done = true;
            --open;
        }
    };
    std::string origin;
    m_lastError.clear();
    auto idleSince = Clock::now();
    MessageBatch batch;
    while (open > 0) {
        const ssize_t got =
            rd_kafka_consume_batch_queue(handles.queue, 200, batch.messages, kBatch);
        batch.count = got > 0 ? static_cast<std::size_t>(got) : 0;
        if (batch.count == 0 && Clock::now() - idleSince > m_idleTimeout) {
            throw std::runtime_error(
                "reading " + where + ": no message for " +
                std::to_string(
                    std::chrono::duration_cast<std::chrono::seconds>(m_idleTimeout).count()) +
                " s, " + std::to_string(open) + " partitions not read to their end" +
                (m_lastError.empty() ? std::string() : "; last error: " + m_lastError));
        }
        for (std::size_t i = 0; i < batch.count; ++i) {
            rd_kafka_message_t* message = batch.messages[i];
            PartitionRead* read = find(message);
            if (read == nullptr || read->done) {
                continue;
            }
            if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                // The end of the log as it is now; past the start's watermark, nothing is left
                // of what the read began with (the last messages may have been compacted away).
                if (message->offset >= read->end) {
                    finish(*read);
                }
                continue;
            }
            if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                // Transient (a broker down, a leader moving): librdkafka retries; the idle
                // timeout bounds the wait.
                m_lastError = rd_kafka_message_errstr(message);
                continue;
            }
            idleSince = Clock::now();
            if (message->offset >= read->end) {
                finish(*read);
                continue;
            }
            origin.assign(rd_kafka_topic_name(message->rkt)).push_back('/');
            char digits[24];
            origin.append(digits,
                          std::to_chars(digits, digits + sizeof digits, message->partition).ptr);
            origin.push_back('@');
            origin.append(digits,
                          std::to_chars(digits, digits + sizeof digits, message->offset).ptr);
            ReceivedRecord record;
            record.payload = std::string_view(static_cast<const char*>(message->payload),
                                              message->payload ? message->len : 0);
            if (m_framed) {
                record.payload = unframe(record.payload, m_format);
            }
            record.sequence = sequenceHeader(message);
            if (message->key != nullptr) {
                record.key =
                    std::string_view(static_cast<const char*>(message->key), message->key_len);
            }
            record.partition = message->partition;
            rd_kafka_timestamp_type_t timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
            const int64_t timestamp = rd_kafka_message_timestamp(message, &timestampType);
            if (timestampType != RD_KAFKA_TIMESTAMP_NOT_AVAILABLE && timestamp >= 0) {
                record.arrivedMs = timestamp;
            }
            record.origin = origin;
            each(record);
            if (message->offset + 1 >= read->end) {
                finish(*read);
            }
        }
        batch.release();
        // Serves error events, which the consumer queue does not carry.
        rd_kafka_poll(m_consumer, 0);
    }
}

std::unique_ptr<RecordSource> makeKafkaRecordSource(const SinkConfig& sink, const Plan& plan,
                                                    std::string& error) {
    return makeSource(sink, plan, error, false);
}

std::unique_ptr<RecordSource> makeEventHubsRecordSource(const SinkConfig& sink, const Plan& plan,
                                                        std::string& error) {
    return makeSource(sink, plan, error, true);
}

} // namespace streamgen
