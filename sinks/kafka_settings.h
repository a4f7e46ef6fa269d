#pragma once

#include "model/config.h"
#include "schema_registry.h"

#include <string>
#include <utility>
#include <vector>

namespace streamgen {

/// How the Kafka sink connects and what it sends, read from `sink_config`:
///
/// ```yaml
/// sink_config:
///   type: kafka
///   bootstrap_servers: "broker1:9092,broker2:9092"
///   topic: "events.{event_type_id}"   # a name, or a template with {event_type_id}
///   partition_key_field: user_id       # the message key; absent -> null key
///   headers: {source: streamgen}       # static headers; event_type_id is always sent
///   sequence_header: true              # streamgen-seq: the event's sequence number
///   properties: {acks: all, compression.type: zstd, sasl.password: "${KAFKA_PASSWORD}"}
///   schema_registry_url: http://registry:8081   # avro / protobuf: Confluent wire format
///   subject_name_strategy: topic                # or record, topic_record
/// ```
/// `type: eventhubs` takes `namespace`, `event_hub` and `connection_string` instead and sets up
/// Event Hubs' Kafka endpoint. Secret references are resolved when the settings are read, which
/// happens when the sink is about to start.
struct KafkaSettings {
    std::string bootstrapServers;
    std::string topicTemplate;
    std::vector<std::pair<std::string, std::string>> headers;
    /// Send each event's sequence number in the `streamgen-seq` header (`streamgen verify`
    /// matches messages by it).
    bool sequenceHeader = true;
    /// The librdkafka configuration, defaults first and the user's `properties` after them, so
    /// that the user's values win when applied in order.
    std::vector<std::pair<std::string, std::string>> properties;
    /// Where Avro and Protobuf schemas are registered; disabled when no URL is given.
    SchemaRegistrySettings registry;

    /// The topic of an event type: the template with `{event_type_id}` replaced, and characters
    /// Kafka does not allow in topic names (anything but letters, digits, `.`, `_`, `-`) turned
    /// into `_`, cut to Kafka's 249 characters.
    std::string topicFor(const std::string& eventTypeId) const;
    /// The value a property ends up with (the last one set), or "".
    std::string property(const std::string& name) const;
};

/// The producer defaults: no loss, no duplicates (idempotence, acks=all) and good throughput
/// (a few milliseconds of linger, lz4).
const std::vector<std::pair<std::string, std::string>>& kafkaDefaultProperties();

/// Reads a `kafka` sink section. Returns false with a message naming the key on bad input.
bool readKafkaSettings(const SinkConfig& config, KafkaSettings& settings, std::string& error);
/// Reads an `eventhubs` sink section into Kafka settings for Event Hubs' Kafka endpoint:
/// `<namespace>.servicebus.windows.net:9093`, SASL_SSL, PLAIN, user `$ConnectionString`.
bool readEventHubsSettings(const SinkConfig& config, KafkaSettings& settings, std::string& error);

} // namespace streamgen
