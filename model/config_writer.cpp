#include "config_io.h"
#include "kinds/field_kinds.h"
#include "number_format.h"
#include "time_format.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <type_traits>
#include <yaml-cpp/yaml.h>

namespace streamgen {

namespace {

using detail::formatDouble;

/// Numbers and booleans are written plain so that dblstreamgen reads them as such; any other
/// sink option is quoted, which keeps its text exactly as written (`~`, `{{secrets/..}}`, ...).
bool plainScalar(const std::string& text) {
    if (text == "true" || text == "false") {
        return true;
    }
    double number = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    return !text.empty() && ec == std::errc{} && end == text.data() + text.size();
}

void emitNumber(YAML::Emitter& out, double value) {
    out << formatDouble(value);
}

/// Keys that are not plain identifiers (or that YAML would read as null) are quoted.
void emitKey(YAML::Emitter& out, const std::string& key) {
    const bool identifier =
        !key.empty() && key != "null" && key != "Null" && key != "NULL" &&
        std::all_of(
            key.begin(), key.end(),
            [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '.' || c == '-'; }) &&
        key.front() != '-' && key.front() != '.';
    out << YAML::Key;
    if (identifier) {
        out << key;
    } else {
        out << YAML::DoubleQuoted << key;
    }
    out << YAML::Value;
}

void emitOption(YAML::Emitter& out, const OptionNode& node) {
    switch (node.kind) {
    case OptionNode::Kind::Null:
        out << YAML::Null;
        break;
    case OptionNode::Kind::Scalar:
        if (plainScalar(node.scalar)) {
            out << node.scalar;
        } else {
            out << YAML::DoubleQuoted << node.scalar;
        }
        break;
    case OptionNode::Kind::List:
        out << YAML::BeginSeq;
        for (const auto& item : node.items) {
            emitOption(out, item);
        }
        out << YAML::EndSeq;
        break;
    case OptionNode::Kind::Map:
        out << YAML::BeginMap;
        for (const auto& [key, value] : node.entries) {
            emitKey(out, key);
            emitOption(out, value);
        }
        out << YAML::EndMap;
        break;
    }
}

void emitIsoPair(YAML::Emitter& out, const std::string& low, const std::string& high) {
    out << YAML::Flow << YAML::BeginSeq << YAML::DoubleQuoted << low << YAML::DoubleQuoted << high
        << YAML::EndSeq;
}

void emitFields(YAML::Emitter& out, const std::vector<FieldSpec>& fields);
void emitSpec(YAML::Emitter& out, const FieldSpec& field);

/// Writes a value in the form the reader reads it back from, exactly.
void emitValue(YAML::Emitter& out, const FieldOption& option, const OptionValue& value) {
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, IntegerRange>) {
                out << YAML::Flow << YAML::BeginSeq << std::to_string(v.min)
                    << std::to_string(v.max) << YAML::EndSeq;
            } else if constexpr (std::is_same_v<T, NumberRange>) {
                out << YAML::Flow << YAML::BeginSeq << formatDouble(v.min) << formatDouble(v.max)
                    << YAML::EndSeq;
            } else if constexpr (std::is_same_v<T, DateRange>) {
                emitIsoPair(out, detail::formatIsoDate(v.first), detail::formatIsoDate(v.last));
            } else if constexpr (std::is_same_v<T, int64_t>) {
                if (option.type == FieldOptionType::Timestamp) {
                    out << YAML::DoubleQuoted << detail::formatIsoTimestamp(v);
                } else {
                    out << std::to_string(v);
                }
            } else if constexpr (std::is_same_v<T, double>) {
                emitNumber(out, v);
            } else if constexpr (std::is_same_v<T, bool>) {
                out << (v ? "true" : "false");
            } else if constexpr (std::is_same_v<T, std::string>) {
                out << YAML::DoubleQuoted << v;
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                out << YAML::Flow << YAML::BeginSeq;
                for (const auto& item : v) {
                    out << YAML::DoubleQuoted << item;
                }
                out << YAML::EndSeq;
            } else if constexpr (std::is_same_v<T, std::vector<double>>) {
                out << YAML::Flow << YAML::BeginSeq;
                for (double item : v) {
                    emitNumber(out, item);
                }
                out << YAML::EndSeq;
            } else if constexpr (std::is_same_v<T, std::vector<FieldSpec>>) {
                if (option.type == FieldOptionType::Element && v.size() == 1) {
                    emitSpec(out, v.front());
                } else {
                    emitFields(out, v);
                }
            } else {
                out << YAML::Null;
            }
        },
        value);
}

/// Options that do not apply are left out, and so are those at their default unless the
/// declaration wants them written (dblstreamgen expects a `range` on every int field).
void emitFieldOption(YAML::Emitter& out, const FieldOption& option, const FieldSpec& field) {
    static const FieldSpec defaults;
    if (!option.applies(field)) {
        return;
    }
    const OptionValue value = option.get(field);
    if (std::holds_alternative<std::monostate>(value) ||
        (!option.writeDefault && value == option.get(defaults))) {
        return;
    }
    out << YAML::Key << option.name << YAML::Value;
    emitValue(out, option, value);
}

void emitSpec(YAML::Emitter& out, const FieldSpec& field) {
    const FieldKind& kind = fieldKind(field.type);
    out << YAML::BeginMap;
    out << YAML::Key << "type" << YAML::Value << YAML::DoubleQuoted << kind.name;
    for (const FieldOption& option : kind.options) {
        emitFieldOption(out, option, field);
    }
    emitFieldOption(out, nullRatioOption(), field);
    out << YAML::EndMap;
}

void emitFields(YAML::Emitter& out, const std::vector<FieldSpec>& fields) {
    out << YAML::BeginMap;
    for (const auto& field : fields) {
        emitKey(out, field.name);
        emitSpec(out, field);
    }
    out << YAML::EndMap;
}

void emitEventTypes(YAML::Emitter& out, const std::vector<EventType>& types) {
    out << YAML::BeginSeq;
    for (const auto& type : types) {
        out << YAML::BeginMap;
        out << YAML::Key << "event_type_id" << YAML::Value << YAML::DoubleQuoted << type.id;
        out << YAML::Key << "weight" << YAML::Value;
        emitNumber(out, type.weight);
        if (!type.enabled) {
            out << YAML::Key << "enabled" << YAML::Value << "false";
        }
        if (!type.fields.empty()) {
            out << YAML::Key << "fields" << YAML::Value;
            emitFields(out, type.fields);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

void emitRunSettings(YAML::Emitter& out, const Config& config) {
    out << YAML::Key << "generation_mode" << YAML::Value << YAML::DoubleQuoted
        << (config.generationMode == GenerationMode::Batch ? "batch" : "streaming");
    out << YAML::Key << "streaming_config" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "total_rows_per_second" << YAML::Value;
    emitNumber(out, config.totalRowsPerSecond);
    out << YAML::EndMap;
    out << YAML::Key << "batch_config" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "total_rows" << YAML::Value << std::to_string(config.batchTotalRows);
    out << YAML::Key << "partitions" << YAML::Value << std::to_string(config.batchPartitions);
    out << YAML::EndMap;
    out << YAML::Key << "serialization_format" << YAML::Value << YAML::DoubleQuoted
        << config.serializationFormat;
    if (config.formatOptions.kind == OptionNode::Kind::Map &&
        !config.formatOptions.entries.empty()) {
        out << YAML::Key << "format_options" << YAML::Value;
        emitOption(out, config.formatOptions);
    }
}

void emitSink(YAML::Emitter& out, const SinkConfig& sink) {
    out << YAML::Key << "sink_config" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "type" << YAML::Value << YAML::DoubleQuoted << sink.type;
    for (const auto& [key, value] : sink.options.entries) {
        emitKey(out, key);
        emitOption(out, value);
    }
    out << YAML::EndMap;
}

} // namespace

std::string saveFieldSpecsString(const std::vector<FieldSpec>& specs, bool one) {
    // One line per spec: the compact form an editor of a few specs reads best.
    YAML::Emitter out;
    if (one && specs.size() == 1) {
        out << YAML::Flow;
        emitSpec(out, specs.front());
    } else {
        out << YAML::BeginMap;
        for (const FieldSpec& spec : specs) {
            emitKey(out, spec.name);
            out << YAML::Flow;
            emitSpec(out, spec);
        }
        out << YAML::EndMap;
    }
    return std::string(out.c_str()) + "\n";
}

std::string saveConfigString(const Config& config) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    if (!config.commonFields.empty()) {
        out << YAML::Key << "common_fields" << YAML::Value;
        emitFields(out, config.commonFields);
    }
    out << YAML::Key << "event_types" << YAML::Value;
    emitEventTypes(out, config.eventTypes);
    emitRunSettings(out, config);
    emitSink(out, config.sink);
    out << YAML::Key << "seed" << YAML::Value << std::to_string(config.seed);
    if (!config.identityField.empty()) {
        out << YAML::Key << "identity_field" << YAML::Value << config.identityField;
    }
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

bool saveConfigFile(const Config& config, const std::string& path, std::string* error) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (file) {
        file << saveConfigString(config);
        file.flush();
    }
    if (!file) {
        if (error != nullptr) {
            *error = "cannot write " + path;
        }
        return false;
    }
    return true;
}

} // namespace streamgen
