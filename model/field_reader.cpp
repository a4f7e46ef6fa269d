#include "config_reader.h"
#include "time_format.h"
#include "validator.h"

#include <climits>

namespace streamgen::detail {

namespace {

constexpr int64_t kDefaultSequenceBeginMs = 1'704'067'200'000; // 2024-01-01T00:00:00Z

const std::vector<std::string>& fieldKeys() {
    static const std::vector<std::string> keys{"type",    "range",      "precision",  "values",
                                               "weights", "true_ratio", "null_ratio", "mode",
                                               "begin",   "end",        "interval_ms"};
    return keys;
}

/// Whether an option key means something for a field of this type.
bool appliesTo(const std::string& key, FieldType type) {
    const bool isInt = type == FieldType::Int || type == FieldType::Long;
    const bool isFloat = type == FieldType::Float || type == FieldType::Double;
    if (key == "range") {
        return isInt || isFloat || type == FieldType::Date;
    }
    if (key == "precision") {
        return isFloat;
    }
    if (key == "values" || key == "weights") {
        return type == FieldType::String;
    }
    if (key == "true_ratio") {
        return type == FieldType::Boolean;
    }
    if (key == "mode" || key == "begin" || key == "end" || key == "interval_ms") {
        return type == FieldType::Timestamp;
    }
    return true;
}

std::optional<FieldType> readType(YamlReader& reader, const YAML::Node& node,
                                  const std::string& path) {
    const auto name = reader.readString(node, path);
    if (!name) {
        return std::nullopt;
    }
    if (auto type = parseFieldType(*name)) {
        return type;
    }
    const std::string suggestion = nearestName(*name, fieldTypeNames());
    std::string message = "unknown field type `" + *name + "`";
    message += suggestion.empty() ? "; expected one of uuid, int, long, float, double, string, "
                                    "timestamp, boolean, date"
                                  : "; did you mean `" + suggestion + "`?";
    reader.error(node, path, message);
    return std::nullopt;
}

void readRange(YamlReader& reader, const YAML::Node& node, const std::string& path,
               FieldSpec& field) {
    if (!node.IsSequence() || node.size() != 2) {
        reader.error(node, path,
                     "expected `[min, max]` (a list of two values), found " + describe(node));
        return;
    }
    const YAML::Node low = node[0];
    const YAML::Node high = node[1];
    reader.visit(low);
    reader.visit(high);
    if (field.type == FieldType::Int || field.type == FieldType::Long) {
        const auto min = reader.readInt(low, path + "[0]");
        const auto max = reader.readInt(high, path + "[1]");
        field.intMin = min.value_or(field.intMin);
        field.intMax = max.value_or(field.intMax);
    } else if (field.type == FieldType::Date) {
        std::optional<int32_t> days[2];
        for (int i = 0; i < 2; ++i) {
            const YAML::Node& item = i == 0 ? low : high;
            const std::string itemPath = path + "[" + std::to_string(i) + "]";
            if (auto text = reader.readString(item, itemPath)) {
                days[i] = parseIsoDate(*text);
                if (!days[i]) {
                    reader.error(item, itemPath,
                                 "expected a date \"YYYY-MM-DD\", found " + describe(item));
                }
            }
        }
        if (days[0] && days[1]) {
            field.dateRange = std::make_pair(*days[0], *days[1]);
        }
    } else {
        const auto min = reader.readDouble(low, path + "[0]");
        const auto max = reader.readDouble(high, path + "[1]");
        field.floatMin = min.value_or(field.floatMin);
        field.floatMax = max.value_or(field.floatMax);
    }
}

void readValues(YamlReader& reader, const YAML::Node& node, const std::string& path,
                FieldSpec& field) {
    if (!reader.expectSequence(node, path, "a list of values")) {
        return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        reader.visit(item);
        if (!item.IsScalar()) {
            reader.error(item, path + "[" + std::to_string(i) + "]",
                         "expected a value (a string or number), found " + describe(item));
            continue;
        }
        field.values.push_back(item.Scalar());
    }
}

void readWeights(YamlReader& reader, const YAML::Node& node, const std::string& path,
                 FieldSpec& field) {
    if (!reader.expectSequence(node, path, "a list of numbers")) {
        return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        reader.visit(item);
        // A bad entry still takes its place so that the length check stays meaningful.
        field.weights.push_back(
            reader.readDouble(item, path + "[" + std::to_string(i) + "]").value_or(1.0));
    }
}

void readTimestampOption(YamlReader& reader, const std::string& key, const YAML::Node& node,
                         const std::string& path, FieldSpec& field) {
    if (key == "mode") {
        const auto text = reader.readString(node, path);
        static const std::vector<std::string> modes{"now", "sequence", "random"};
        if (text == "now" || text == "sequence" || text == "random") {
            field.timestampMode = *text == "now"        ? TimestampMode::Now
                                  : *text == "sequence" ? TimestampMode::Sequence
                                                        : TimestampMode::Random;
        } else if (text) {
            const std::string suggestion = nearestName(*text, modes);
            reader.error(node, path,
                         "unknown timestamp mode `" + *text +
                             "`; expected now, sequence or random" +
                             (suggestion.empty() ? "" : " (did you mean `" + suggestion + "`?)"));
        }
        field.modeLocation = locationOf(node);
    } else if (key == "interval_ms") {
        field.intervalMs = reader.readInt(node, path).value_or(field.intervalMs);
        field.intervalLocation = locationOf(node);
    } else {
        const auto text = reader.readString(node, path);
        const auto ms = text ? parseIsoTimestamp(*text) : std::nullopt;
        if (text && !ms) {
            reader.error(
                node, path,
                "expected an ISO-8601 UTC timestamp like \"2024-01-01T00:00:00Z\", found " +
                    describe(node));
        }
        (key == "begin" ? field.beginMs : field.endMs) = ms.value_or(0);
        (key == "begin" ? field.beginLocation : field.endLocation) = locationOf(node);
    }
}

void readOption(YamlReader& reader, const std::string& key, const YAML::Node& node,
                const std::string& path, FieldSpec& field) {
    if (key == "range") {
        readRange(reader, node, path, field);
        field.rangeLocation = locationOf(node);
    } else if (key == "precision") {
        field.precision = reader.readInt(node, path, INT_MIN, INT_MAX);
        field.precisionLocation = locationOf(node);
    } else if (key == "values") {
        readValues(reader, node, path, field);
        field.valuesLocation = locationOf(node);
    } else if (key == "weights") {
        readWeights(reader, node, path, field);
        field.weightsLocation = locationOf(node);
    } else if (key == "true_ratio") {
        field.trueRatio = reader.readDouble(node, path).value_or(field.trueRatio);
        field.trueRatioLocation = locationOf(node);
    } else if (key == "null_ratio") {
        field.nullRatio = reader.readDouble(node, path).value_or(field.nullRatio);
        field.nullRatioLocation = locationOf(node);
    } else {
        readTimestampOption(reader, key, node, path, field);
    }
}

void applyTimestampDefaults(YamlReader& reader, const YAML::Node& spec, const std::string& path,
                            FieldSpec& field) {
    if (field.type != FieldType::Timestamp) {
        return;
    }
    if (field.timestampMode == TimestampMode::Sequence && !field.beginLocation.known()) {
        field.beginMs = kDefaultSequenceBeginMs;
    }
    if (field.timestampMode == TimestampMode::Random &&
        (!field.beginLocation.known() || !field.endLocation.known())) {
        reader.error(spec, path, "timestamp mode `random` needs both `begin` and `end`");
    }
}

} // namespace

std::optional<FieldSpec> readField(YamlReader& reader, const YAML::Node& key,
                                   const YAML::Node& value, const std::string& path) {
    if (!reader.expectMap(value, path, "a field spec (a mapping with `type`)")) {
        return std::nullopt;
    }
    FieldSpec field;
    field.name = key.Scalar();
    field.location = locationOf(key);
    const auto options = reader.entries(value, path, fieldKeys());
    std::optional<FieldType> type;
    bool hasType = false;
    for (const auto& [name, kv] : options) {
        if (name == "type") {
            hasType = true;
            type = readType(reader, kv.second, joinPath(path, name));
            field.typeLocation = locationOf(kv.second);
        }
    }
    if (!hasType) {
        reader.error(key, path, "field `" + field.name + "` needs a `type`");
    }
    if (!type) {
        return std::nullopt;
    }
    field.type = *type;
    for (const auto& [name, kv] : options) {
        if (name == "type") {
            continue;
        }
        if (!appliesTo(name, field.type)) {
            reader.warning(kv.first, joinPath(path, name),
                           "`" + name + "` does not apply to " + fieldTypeName(field.type) +
                               " fields and is ignored");
            continue;
        }
        readOption(reader, name, kv.second, joinPath(path, name), field);
    }
    applyTimestampDefaults(reader, value, path, field);
    return field;
}

std::vector<FieldSpec> readFields(YamlReader& reader, const YAML::Node& node,
                                  const std::string& path) {
    std::vector<FieldSpec> fields;
    if (node.IsNull()) {
        return fields;
    }
    if (!reader.expectMap(node, path, "a mapping of field name to field spec")) {
        return fields;
    }
    for (const auto& [name, kv] : reader.entries(node, path, {})) {
        if (auto field = readField(reader, kv.first, kv.second, joinPath(path, name))) {
            fields.push_back(std::move(*field));
        }
    }
    return fields;
}

} // namespace streamgen::detail
