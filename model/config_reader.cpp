#include "config_reader.h"

#include "smart_fields.h"
#include "validator.h"

#include <climits>

namespace streamgen::detail {

namespace {

const std::vector<std::string>& topLevelKeys() {
    static const std::vector<std::string> keys{
        "common_fields", "event_types",          "generation_mode", "streaming_config",
        "batch_config",  "serialization_format", "format_options",  "sink_config",
        "seed",          "smart_fields",         "identity_field"};
    return keys;
}

std::string indexPath(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

std::optional<EventType> readEventType(YamlReader& reader, const YAML::Node& node,
                                       const std::string& path) {
    if (!reader.expectMap(node, path, "an event type (a mapping with `event_type_id`)")) {
        return std::nullopt;
    }
    static const std::vector<std::string> keys{"event_type_id", "weight", "enabled", "fields"};
    EventType type;
    type.location = locationOf(node);
    for (const auto& [name, kv] : reader.entries(node, path, keys)) {
        const YAML::Node& value = kv.second;
        const std::string keyPath = joinPath(path, name);
        if (name == "event_type_id") {
            type.id = reader.readString(value, keyPath).value_or("");
            type.idLocation = locationOf(value);
        } else if (name == "weight") {
            type.weight = reader.readDouble(value, keyPath).value_or(type.weight);
            type.weightLocation = locationOf(value);
        } else if (name == "enabled") {
            type.enabled = reader.readBool(value, keyPath).value_or(type.enabled);
        } else {
            type.fields = readFields(reader, value, keyPath);
            type.fieldsLocation = locationOf(value);
        }
    }
    if (!type.idLocation.known()) {
        type.idLocation = type.location;
    }
    return type;
}

void readEventTypes(YamlReader& reader, const YAML::Node& node, Config& config) {
    if (node.IsNull()) {
        return;
    }
    if (!reader.expectSequence(node, "event_types", "a list of event types")) {
        return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        reader.visit(item);
        if (auto type = readEventType(reader, item, indexPath("event_types", i))) {
            config.eventTypes.push_back(std::move(*type));
        }
    }
}

void readGenerationMode(YamlReader& reader, const YAML::Node& node, Config& config) {
    const auto text = reader.readString(node, "generation_mode");
    if (text == "streaming" || text == "batch") {
        config.generationMode =
            *text == "streaming" ? GenerationMode::Streaming : GenerationMode::Batch;
    } else if (text) {
        const std::string suggestion = nearestName(*text, {"streaming", "batch"});
        reader.error(node, "generation_mode",
                     "unknown generation_mode `" + *text + "`; expected streaming or batch" +
                         (suggestion.empty() ? "" : " (did you mean `" + suggestion + "`?)"));
    }
}

void readStreaming(YamlReader& reader, const YAML::Node& node, Config& config) {
    if (node.IsNull() || !reader.expectMap(node, "streaming_config", "a mapping")) {
        return;
    }
    for (const auto& [name, kv] :
         reader.entries(node, "streaming_config", {"total_rows_per_second"})) {
        config.totalRowsPerSecond = reader.readDouble(kv.second, "streaming_config." + name)
                                        .value_or(config.totalRowsPerSecond);
        config.rateLocation = locationOf(kv.second);
    }
}

void readBatch(YamlReader& reader, const YAML::Node& node, Config& config) {
    if (node.IsNull() || !reader.expectMap(node, "batch_config", "a mapping")) {
        return;
    }
    for (const auto& [name, kv] :
         reader.entries(node, "batch_config", {"total_rows", "partitions"})) {
        const std::string path = "batch_config." + name;
        if (name == "total_rows") {
            config.batchTotalRows = reader.readInt(kv.second, path).value_or(config.batchTotalRows);
            config.totalRowsLocation = locationOf(kv.second);
        } else {
            config.batchPartitions = static_cast<int>(
                reader.readInt(kv.second, path, INT_MIN, INT_MAX).value_or(config.batchPartitions));
            config.partitionsLocation = locationOf(kv.second);
        }
    }
}

// Sink options are a handful of keys; a free-form tree larger than this is an alias bomb (or a
// mistake), and walking it is stopped long before the whole document's node budget is spent.
constexpr std::size_t kMaxSinkNodes = 10000;

struct SinkTooLarge {
    SourceLocation location;
};

OptionNode readOption(YamlReader& reader, const YAML::Node& node, const std::string& path,
                      int depth, std::size_t visitLimit) {
    reader.visit(node);
    if (reader.visited() > visitLimit) {
        throw SinkTooLarge{locationOf(node)};
    }
    OptionNode option;
    option.location = locationOf(node);
    if (depth > reader.maxDepth()) {
        reader.error(node, path,
                     "nesting deeper than " + std::to_string(reader.maxDepth()) + " levels");
        return option;
    }
    if (node.IsScalar()) {
        option.kind = OptionNode::Kind::Scalar;
        option.scalar = node.Scalar();
    } else if (node.IsSequence()) {
        option.kind = OptionNode::Kind::List;
        for (std::size_t i = 0; i < node.size(); ++i) {
            option.items.push_back(
                readOption(reader, node[i], indexPath(path, i), depth + 1, visitLimit));
        }
    } else if (node.IsMap()) {
        option.kind = OptionNode::Kind::Map;
        for (const auto& [name, kv] : reader.entries(node, path, {})) {
            option.entries.emplace_back(
                name,
                readOption(reader, kv.second, joinPath(path, name), depth + 1, visitLimit));
        }
    }
    return option;
}

void readSinkEntries(YamlReader& reader, const YAML::Node& node, Config& config,
                     std::size_t visitLimit);

void readSink(YamlReader& reader, const YAML::Node& node, Config& config) {
    config.sink.location = locationOf(node);
    if (!reader.expectMap(node, "sink_config", "a mapping with `type`")) {
        return;
    }
    config.sink.type.clear();
    config.sink.options.location = locationOf(node);
    const std::size_t visitLimit = reader.visited() + kMaxSinkNodes;
    try {
        readSinkEntries(reader, node, config, visitLimit);
    } catch (const SinkTooLarge& tooLarge) {
        config.sink.options = OptionNode{};
        reader.error(node, "sink_config",
                     "sink_config expands to more than " + std::to_string(kMaxSinkNodes) +
                         " nodes (aliases count at every use): too many aliases of aliases? "
                         "(stopped at " +
                         std::to_string(tooLarge.location.line) + ":" +
                         std::to_string(tooLarge.location.column) + ")");
    }
}

void readSinkEntries(YamlReader& reader, const YAML::Node& node, Config& config,
                     std::size_t visitLimit) {
    for (const auto& [name, kv] : reader.entries(node, "sink_config", {})) {
        if (name == "type") {
            config.sink.type = reader.readString(kv.second, "sink_config.type").value_or("");
            config.sink.typeLocation = locationOf(kv.second);
        } else {
            // Like OptionNode::set, the options become a map with their first entry.
            config.sink.options.kind = OptionNode::Kind::Map;
            config.sink.options.entries.emplace_back(
                name, readOption(reader, kv.second, "sink_config." + name, 2, visitLimit));
        }
    }
}

void readFormatOptions(YamlReader& reader, const YAML::Node& node, Config& config) {
    if (!reader.expectMap(node, "format_options", "a mapping of format options")) {
        return;
    }
    try {
        config.formatOptions =
            readOption(reader, node, "format_options", 1, reader.visited() + kMaxSinkNodes);
    } catch (const SinkTooLarge&) {
        config.formatOptions = OptionNode{};
        reader.error(node, "format_options",
                     "format_options expands to more than " + std::to_string(kMaxSinkNodes) +
                         " nodes (aliases count at every use)");
    }
}

void readTopLevelEntry(YamlReader& reader, const std::string& name, const YAML::Node& value,
                       Config& config) {
    if (name == "common_fields") {
        config.commonFields = readFields(reader, value, name);
    } else if (name == "event_types") {
        config.eventTypesLocation = locationOf(value);
        readEventTypes(reader, value, config);
    } else if (name == "generation_mode") {
        readGenerationMode(reader, value, config);
    } else if (name == "streaming_config") {
        readStreaming(reader, value, config);
    } else if (name == "batch_config") {
        readBatch(reader, value, config);
    } else if (name == "serialization_format") {
        config.serializationFormat = reader.readString(value, name).value_or("json");
        config.serializationFormatLocation = locationOf(value);
    } else if (name == "format_options") {
        readFormatOptions(reader, value, config);
    } else if (name == "sink_config") {
        readSink(reader, value, config);
    } else if (name == "identity_field") {
        config.identityField = reader.readString(value, name).value_or("");
        config.identityFieldLocation = locationOf(value);
    } else {
        config.seed = reader.readUnsigned(value, name).value_or(0);
    }
}

} // namespace

void readConfigTree(YamlReader& reader, const YAML::Node& root, Config& config) {
    config.eventTypesLocation = locationOf(root);
    bool smartFields = false;
    for (const auto& [name, kv] : reader.entries(root, "", topLevelKeys())) {
        if (name == "smart_fields") {
            // Decided once every field is read; the config keeps the kinds it decided.
            smartFields = reader.readBool(kv.second, name).value_or(false);
            continue;
        }
        readTopLevelEntry(reader, name, kv.second, config);
        if (name == "event_types" && !config.eventTypesLocation.known()) {
            config.eventTypesLocation = locationOf(kv.first);
        }
    }
    if (smartFields) {
        applySmartFields(config);
    }
}

} // namespace streamgen::detail
