#include "kafka_settings.h"

#include "sink_options.h"

#include <algorithm>

namespace streamgen {

namespace {

constexpr std::size_t kMaxTopicLength = 249;

/// A scalar option with secret references resolved; "" when absent and not required.
bool scalarOption(const OptionNode& options, const std::string& key, std::string& value,
                  std::string& error, bool required = false) {
    std::string problem;
    if (auto resolved = sinkOption(options, key, problem)) {
        value = std::move(*resolved);
        return true;
    }
    if (problem.empty() && required) {
        problem = "sink_config." + key + " is required";
    }
    if (!problem.empty()) {
        error = std::move(problem);
        return false;
    }
    return true;
}

/// A map of scalars (`headers:`, `properties:`), in file order, secrets resolved. Nested maps are
/// flattened back into dotted names, so `--set sink_config.properties.linger.ms=5` (which nests
/// `linger: {ms: 5}`) means librdkafka's `linger.ms`.
bool flattenInto(const OptionNode& map, const std::string& prefix, const std::string& key,
                 std::vector<std::pair<std::string, std::string>>& out, std::string& error) {
    for (const auto& [name, value] : map.entries) {
        const std::string full = prefix.empty() ? name : prefix + "." + name;
        if (value.kind == OptionNode::Kind::Map) {
            if (!flattenInto(value, full, key, out, error)) {
                return false;
            }
            continue;
        }
        std::string resolved;
        if (!scalarOption(map, name, resolved, error)) {
            error = "sink_config." + key + "." + full + error.substr(error.find(':'));
            return false;
        }
        out.emplace_back(full, resolved);
    }
    return true;
}

bool scalarMap(const OptionNode& options, const std::string& key,
               std::vector<std::pair<std::string, std::string>>& out, std::string& error) {
    const OptionNode* node = options.find(key);
    if (!node || node->kind == OptionNode::Kind::Null) {
        return true;
    }
    if (node->kind != OptionNode::Kind::Map) {
        error = "sink_config." + key + ": expected a mapping of names to values";
        return false;
    }
    return flattenInto(*node, "", key, out, error);
}

bool readRegistry(const OptionNode& options, SchemaRegistrySettings& registry,
                  std::string& error) {
    if (!scalarOption(options, "schema_registry_url", registry.url, error) ||
        !scalarOption(options, "schema_registry_username", registry.username, error) ||
        !scalarOption(options, "schema_registry_password", registry.password, error) ||
        !scalarOption(options, "subject_name_strategy", registry.subjectStrategy, error)) {
        return false;
    }
    if (registry.subjectStrategy.empty()) {
        registry.subjectStrategy = "topic";
    }
    if (registry.subjectStrategy != "topic" && registry.subjectStrategy != "record" &&
        registry.subjectStrategy != "topic_record") {
        error = "sink_config.subject_name_strategy: expected topic, record or topic_record, got `" +
                registry.subjectStrategy + "`";
        return false;
    }
    return true;
}

bool readCommon(const SinkConfig& config, KafkaSettings& settings, std::string& error) {
    settings.properties = kafkaDefaultProperties();
    const auto sequence = sinkOption(config.options, "sequence_header", error);
    if (!error.empty()) {
        return false;
    }
    if (sequence) {
        const auto value = parseBoolean(*sequence);
        if (!value) {
            error = "sink_config.sequence_header: expected true or false, got `" + *sequence + "`";
            return false;
        }
        settings.sequenceHeader = *value;
    }
    return scalarMap(config.options, "headers", settings.headers, error) &&
           scalarMap(config.options, "properties", settings.properties, error) &&
           readRegistry(config.options, settings.registry, error);
}

} // namespace

const std::vector<std::pair<std::string, std::string>>& kafkaDefaultProperties() {
    static const std::vector<std::pair<std::string, std::string>> defaults{
        {"enable.idempotence", "true"}, {"acks", "all"},
        {"linger.ms", "5"},             {"compression.type", "lz4"},
        {"message.timeout.ms", "30000"},
    };
    return defaults;
}

std::string KafkaSettings::topicFor(const std::string& eventTypeId) const {
    std::string topic;
    static const std::string placeholder = "{event_type_id}";
    for (std::size_t i = 0; i < topicTemplate.size();) {
        if (topicTemplate.compare(i, placeholder.size(), placeholder) == 0) {
            topic += eventTypeId;
            i += placeholder.size();
        } else {
            topic += topicTemplate[i++];
        }
    }
    for (char& c : topic) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                             (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!allowed) {
            c = '_';
        }
    }
    if (topic.size() > kMaxTopicLength) {
        topic.resize(kMaxTopicLength);
    }
    return topic;
}

std::string KafkaSettings::property(const std::string& name) const {
    for (auto it = properties.rbegin(); it != properties.rend(); ++it) {
        if (it->first == name) {
            return it->second;
        }
    }
    return {};
}

bool readKafkaSettings(const SinkConfig& config, KafkaSettings& settings, std::string& error) {
    settings = KafkaSettings{};
    if (!scalarOption(config.options, "bootstrap_servers", settings.bootstrapServers, error,
                      true) ||
        !scalarOption(config.options, "topic", settings.topicTemplate, error, true) ||
        !readCommon(config, settings, error)) {
        return false;
    }
    if (settings.topicFor("x").empty()) {
        error = "sink_config.topic: the topic name is empty";
        return false;
    }
    settings.properties.insert(settings.properties.begin(),
                               {"bootstrap.servers", settings.bootstrapServers});
    return true;
}

bool readEventHubsSettings(const SinkConfig& config, KafkaSettings& settings, std::string& error) {
    settings = KafkaSettings{};
    std::string ns;
    std::string connectionString;
    if (!scalarOption(config.options, "namespace", ns, error, true) ||
        !scalarOption(config.options, "event_hub", settings.topicTemplate, error, true) ||
        !scalarOption(config.options, "connection_string", connectionString, error, true) ||
        !readCommon(config, settings, error)) {
        return false;
    }
    // A namespace may be given as its short name or as the full host name.
    settings.bootstrapServers = ns.find('.') == std::string::npos
                                    ? ns + ".servicebus.windows.net:9093"
                                    : (ns.find(':') == std::string::npos ? ns + ":9093" : ns);
    // Event Hubs' Kafka endpoint: SASL PLAIN over TLS, the literal user `$ConnectionString` and
    // the connection string as password. Event Hubs does not support idempotent producers.
    const std::vector<std::pair<std::string, std::string>> endpoint{
        {"bootstrap.servers", settings.bootstrapServers},
        {"security.protocol", "SASL_SSL"},
        {"sasl.mechanism", "PLAIN"},
        {"sasl.username", "$ConnectionString"},
        {"sasl.password", connectionString},
        {"enable.idempotence", "false"},
    };
    // The endpoint settings go after the defaults and before the user's own properties.
    const auto userStart = settings.properties.begin() +
                           static_cast<std::ptrdiff_t>(kafkaDefaultProperties().size());
    settings.properties.insert(userStart, endpoint.begin(), endpoint.end());
    return true;
}

} // namespace streamgen
