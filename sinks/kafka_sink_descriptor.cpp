// The `kafka` sink and the `eventhubs` sink, which is the Kafka sink on Event Hubs' Kafka
// endpoint.
#include "engine/encoders/format.h"
#include "kafka_settings.h"
#include "kafka_sink.h"
#include "model/secrets.h"
#include "model/validator.h"
#include "sink_check.h"
#include "sink_descriptors.h"
#include "sink_options.h"
#include "verify/kafka_reader.h"

#include <algorithm>
#include <cctype>
#include <librdkafka/rdkafka.h>
#include <map>
#include <memory>

namespace streamgen {

namespace {

constexpr const char* kKeyField = "partition_key_field";

// librdkafka properties that carry credentials: like declared secret options, they must be
// references.
const std::vector<std::string> kSecretProperties{
    "sasl.password",         "sasl.oauthbearer.client.secret", "ssl.key.password",
    "ssl.keystore.password", "ssl.truststore.password",        "ssl.key.pem",
};

std::vector<SinkOption> producerOptions() {
    return {
        {kKeyField,
         OptionType::String,
         "",
         false,
         false,
         "Field whose value becomes the message key; absent = null key",
         {}},
        {"headers",
         OptionType::Map,
         "",
         false,
         false,
         "Static headers of every message; `event_type_id` is always sent",
         {}},
        {"sequence_header",
         OptionType::Boolean,
         "true",
         false,
         false,
         "Send the event's sequence number in a `streamgen-seq` header, which `streamgen "
         "verify` matches messages by (about 10% of the sink's CPU per message)",
         {}},
        {"properties",
         OptionType::Map,
         "",
         false,
         false,
         "librdkafka settings, applied over StreamGen's producer defaults",
         {}},
    };
}

/// Why one `host:port` entry of a server list is unusable, or "".
std::string serverProblem(std::string server) {
    server.erase(0, server.find_first_not_of(' '));
    server.erase(server.find_last_not_of(' ') + 1);
    if (const auto scheme = server.find("://"); scheme != std::string::npos) {
        server.erase(0, scheme + 3);
    }
    const auto colon = server.rfind(':');
    const std::string host = server.substr(0, colon);
    if (host.empty()) {
        return "an entry without a host name";
    }
    if (colon != std::string::npos) {
        const auto port = parseInteger(server.substr(colon + 1));
        if (!port || *port < 1 || *port > 65535) {
            return "`" + server + "` has no port number between 1 and 65535";
        }
    }
    return {};
}

void checkServers(SinkCheck& check, const char* option) {
    const auto servers = check.literal(option);
    if (!servers) {
        return;
    }
    std::size_t start = 0;
    while (start <= servers->size()) {
        const std::size_t comma = std::min(servers->find(',', start), servers->size());
        if (std::string problem = serverProblem(servers->substr(start, comma - start));
            !problem.empty()) {
            check.error(option, std::string("sink_config.") + option +
                                    ": expected host:port entries separated by commas; " + problem);
            return;
        }
        start = comma + 1;
    }
}

void checkTopic(SinkCheck& check, const char* option) {
    KafkaSettings settings;
    settings.topicTemplate = check.literal(option).value_or("x");
    if (settings.topicFor("x").empty()) {
        check.error(option, std::string("sink_config.") + option + ": the topic name is empty");
    }
}

using KafkaConf = std::unique_ptr<rd_kafka_conf_t, decltype(&rd_kafka_conf_destroy)>;

/// Each entry of `properties` (nested maps spell dotted names, as the sink reads them): a
/// credential must be a reference, and librdkafka must know the name and take the value. Only
/// the configuration object is built: nothing connects.
void checkProperties(SinkCheck& check, const OptionNode& map, const std::string& prefix,
                     rd_kafka_conf_t* conf) {
    for (const auto& [name, value] : map.entries) {
        const std::string full = prefix.empty() ? name : prefix + "." + name;
        const std::string path = "sink_config.properties." + full;
        if (value.kind == OptionNode::Kind::Map) {
            checkProperties(check, value, full, conf);
            continue;
        }
        const bool secret = std::find(kSecretProperties.begin(), kSecretProperties.end(), full) !=
                            kSecretProperties.end();
        if (value.kind != OptionNode::Kind::Scalar) {
            check.report(Diagnostic::Severity::Error, value, path,
                         path + ": expected a single value");
        } else if (secret && !isSecretReference(value.scalar)) {
            check.report(Diagnostic::Severity::Error, value, path,
                         secretInClearMessage("properties." + full));
        } else if (!isSecretReference(value.scalar)) {
            char reason[512];
            if (rd_kafka_conf_set(conf, full.c_str(), value.scalar.c_str(), reason,
                                  sizeof reason) != RD_KAFKA_CONF_OK) {
                check.report(Diagnostic::Severity::Error, value, path, path + ": " + reason);
            }
        }
    }
}

void checkProducer(SinkCheck& check) {
    checkKeyField(check, kKeyField, "every message gets a null key");
    if (const OptionNode* properties = check.option("properties");
        properties && properties->kind == OptionNode::Kind::Map) {
        KafkaConf conf(rd_kafka_conf_new(), &rd_kafka_conf_destroy);
        checkProperties(check, *properties, "", conf.get());
    }
}

/// Azure's rule for namespace names: 6 to 50 letters, digits and hyphens, starting with a letter
/// and ending with a letter or digit. A full host name is checked as a server instead.
void checkNamespace(SinkCheck& check) {
    const auto name = check.literal("namespace");
    if (!name) {
        return;
    }
    std::string problem;
    if (name->find('.') != std::string::npos) {
        problem = serverProblem(*name);
    } else {
        const auto isAlnum = [](unsigned char c) { return std::isalnum(c) != 0; };
        const bool wellFormed = name->size() >= 6 && name->size() <= 50 &&
                                std::isalpha(static_cast<unsigned char>(name->front())) &&
                                isAlnum(static_cast<unsigned char>(name->back())) &&
                                std::all_of(name->begin(), name->end(), [&](unsigned char c) {
                                    return isAlnum(c) || c == '-';
                                });
        if (!wellFormed) {
            problem = "a namespace has 6 to 50 letters, digits and hyphens, starts with a letter "
                      "and ends with a letter or digit";
        }
    }
    if (!problem.empty()) {
        check.error("namespace", "sink_config.namespace: expected a namespace name (my-namespace) "
                                 "or its host name; got `" +
                                     *name + "`: " + problem);
    }
}

SinkCreation createKafkaSink(const SinkConfig& config, bool eventHubs) {
    SinkCreation result;
    KafkaSettings settings;
    const bool ok = eventHubs ? readEventHubsSettings(config, settings, result.error)
                              : readKafkaSettings(config, settings, result.error);
    if (ok) {
        result.sink =
            std::make_unique<KafkaSink>(std::move(settings), eventHubs ? "eventhubs" : "kafka");
    }
    return result;
}

/// The Schema Registry options: a URL the client can use, and subjects that a registry with
/// compatibility checks accepts. With the topic strategy, every event type of a topic would
/// register its own Avro record under one subject, which such a registry refuses.
void checkRegistry(SinkCheck& check) {
    const auto url = check.literal("schema_registry_url");
    if (!url || url->empty()) {
        return;
    }
    if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) {
        check.error("schema_registry_url",
                    "sink_config.schema_registry_url: expected an http:// or https:// URL, got `" +
                        *url + "`");
        return;
    }
    const Config& config = check.config();
    const std::optional<Format> format = parseFormat(config.serializationFormat);
    if (format != Format::Avro && format != Format::Protobuf) {
        check.warning("schema_registry_url",
                      "sink_config.schema_registry_url: only avro and protobuf payloads are "
                      "registered; with serialization_format `" +
                          config.serializationFormat + "` the registry is not used");
        return;
    }
    const std::string strategy = check.literal("subject_name_strategy").value_or("topic");
    const auto topic = check.literal("topic");
    if (format != Format::Avro || strategy != "topic" || !topic) {
        return;
    }
    KafkaSettings settings;
    settings.topicTemplate = *topic;
    std::map<std::string, std::vector<std::string>> typesByTopic;
    for (const EventType& type : config.eventTypes) {
        typesByTopic[settings.topicFor(type.id)].push_back(type.id);
    }
    for (const auto& [name, ids] : typesByTopic) {
        if (ids.size() > 1) {
            check.error(check.option("subject_name_strategy") ? "subject_name_strategy"
                                                              : "schema_registry_url",
                        "sink_config.subject_name_strategy: with `topic`, the " +
                            std::to_string(ids.size()) + " event types of topic `" + name +
                            "` would register different Avro records under one subject `" + name +
                            "-value`; use `record` or `topic_record`, or a topic per "
                            "type (`topic: \"ev.{event_type_id}\"`)");
            return;
        }
    }
}

} // namespace

SinkDescriptor kafkaSinkDescriptor() {
    SinkDescriptor sink;
    sink.name = "kafka";
    sink.description = "Apache Kafka (librdkafka): one message per event, delivery confirmed by "
                       "the brokers";
    sink.options = {
        {"bootstrap_servers",
         OptionType::String,
         "",
         true,
         false,
         "Brokers to connect to: `host:port`, separated by commas",
         {}},
        {"topic",
         OptionType::String,
         "",
         true,
         false,
         "Topic, or a template such as `ev.{event_type_id}` (one topic per event type)",
         {}},
    };
    for (SinkOption& option : producerOptions()) {
        sink.options.push_back(std::move(option));
    }
    sink.options.insert(
        sink.options.end(),
        {
            {"schema_registry_url",
             OptionType::String,
             "",
             false,
             false,
             "Schema Registry for Avro and Protobuf payloads",
             {}},
            {"schema_registry_username",
             OptionType::String,
             "",
             false,
             false,
             "Schema Registry user",
             {}},
            {"schema_registry_password",
             OptionType::String,
             "",
             false,
             true,
             "Schema Registry password",
             {}},
            {"subject_name_strategy",
             OptionType::String,
             "topic",
             false,
             false,
             "Schema subject: `<topic>-value`, the record name, or `<topic>-<record>`",
             {"topic", "record", "topic_record"}},
        });
    sink.check = [](SinkCheck& check) {
        checkServers(check, "bootstrap_servers");
        checkTopic(check, "topic");
        checkProducer(check);
        checkRegistry(check);
    };
    sink.create = [](const SinkConfig& config) { return createKafkaSink(config, false); };
    sink.reader = makeKafkaRecordSource;
    return sink;
}

SinkDescriptor eventHubsSinkDescriptor() {
    SinkDescriptor sink;
    sink.name = "eventhubs";
    sink.description = "Azure Event Hubs through its Kafka endpoint (SASL_SSL, the connection "
                       "string as password)";
    sink.options = {
        {"namespace",
         OptionType::String,
         "",
         true,
         false,
         "Namespace (`my-namespace` -> `my-namespace.servicebus.windows.net:9093`) or host name",
         {}},
        {"event_hub",
         OptionType::String,
         "",
         true,
         false,
         "Event hub (the topic), or a template with `{event_type_id}`",
         {}},
        {"connection_string",
         OptionType::String,
         "",
         true,
         true,
         "Connection string of the namespace or the hub",
         {}},
    };
    for (SinkOption& option : producerOptions()) {
        sink.options.push_back(std::move(option));
    }
    sink.check = [](SinkCheck& check) {
        checkNamespace(check);
        checkTopic(check, "event_hub");
        checkProducer(check);
    };
    sink.create = [](const SinkConfig& config) { return createKafkaSink(config, true); };
    sink.reader = makeEventHubsRecordSource;
    return sink;
}

} // namespace streamgen
