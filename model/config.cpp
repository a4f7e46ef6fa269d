#include "config.h"

#include <algorithm>
#include <array>

namespace streamgen {

namespace {

struct TypeName {
    const char* name;
    FieldType type;
};

// Canonical names first; the rest are aliases people bring from Spark, dbldatagen and JSON Schema.
constexpr std::array kTypeNames{
    TypeName{"uuid", FieldType::Uuid},           TypeName{"int", FieldType::Int},
    TypeName{"long", FieldType::Long},           TypeName{"float", FieldType::Float},
    TypeName{"double", FieldType::Double},       TypeName{"string", FieldType::String},
    TypeName{"timestamp", FieldType::Timestamp}, TypeName{"boolean", FieldType::Boolean},
    TypeName{"date", FieldType::Date},           TypeName{"integer", FieldType::Int},
    TypeName{"bigint", FieldType::Long},         TypeName{"str", FieldType::String},
    TypeName{"bool", FieldType::Boolean},        TypeName{"datetime", FieldType::Timestamp},
};
constexpr std::size_t kCanonicalTypeCount = 9;

} // namespace

const char* fieldTypeName(FieldType type) {
    for (std::size_t i = 0; i < kCanonicalTypeCount; ++i) {
        if (kTypeNames[i].type == type) {
            return kTypeNames[i].name;
        }
    }
    return "string";
}

std::optional<FieldType> parseFieldType(const std::string& name) {
    for (const auto& entry : kTypeNames) {
        if (name == entry.name) {
            return entry.type;
        }
    }
    return std::nullopt;
}

const std::vector<std::string>& fieldTypeNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> result;
        for (std::size_t i = 0; i < kCanonicalTypeCount; ++i) {
            result.emplace_back(kTypeNames[i].name);
        }
        return result;
    }();
    return names;
}

bool FieldSpec::hasRange() const {
    switch (type) {
    case FieldType::Int:
    case FieldType::Long:
    case FieldType::Float:
    case FieldType::Double:
        return true;
    case FieldType::Date:
        return dateRange.has_value();
    default:
        return false;
    }
}

bool FieldSpec::operator==(const FieldSpec& o) const {
    if (name != o.name || type != o.type || nullRatio != o.nullRatio) {
        return false;
    }
    switch (type) {
    case FieldType::Int:
    case FieldType::Long:
        return intMin == o.intMin && intMax == o.intMax;
    case FieldType::Float:
    case FieldType::Double:
        return floatMin == o.floatMin && floatMax == o.floatMax && precision == o.precision;
    case FieldType::String:
        return values == o.values && weights == o.weights;
    case FieldType::Boolean:
        return trueRatio == o.trueRatio;
    case FieldType::Timestamp:
        if (timestampMode != o.timestampMode) {
            return false;
        }
        if (timestampMode == TimestampMode::Sequence) {
            return beginMs == o.beginMs && intervalMs == o.intervalMs;
        }
        if (timestampMode == TimestampMode::Random) {
            return beginMs == o.beginMs && endMs == o.endMs;
        }
        return true;
    case FieldType::Date:
        return dateRange == o.dateRange;
    case FieldType::Uuid:
        return true;
    }
    return true;
}

bool EventType::operator==(const EventType& o) const {
    return id == o.id && weight == o.weight && enabled == o.enabled && fields == o.fields;
}

OptionNode OptionNode::makeScalar(std::string text) {
    OptionNode node;
    node.kind = Kind::Scalar;
    node.scalar = std::move(text);
    return node;
}

const OptionNode* OptionNode::find(const std::string& key) const {
    for (const auto& [k, v] : entries) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

OptionNode* OptionNode::find(const std::string& key) {
    return const_cast<OptionNode*>(std::as_const(*this).find(key));
}

void OptionNode::set(const std::string& key, std::string value) {
    if (kind == Kind::Null) {
        kind = Kind::Map;
    }
    if (OptionNode* existing = find(key)) {
        *existing = makeScalar(std::move(value));
        return;
    }
    entries.emplace_back(key, makeScalar(std::move(value)));
}

bool OptionNode::operator==(const OptionNode& o) const {
    return kind == o.kind && scalar == o.scalar && items == o.items && entries == o.entries;
}

bool SinkConfig::operator==(const SinkConfig& o) const {
    return type == o.type && options == o.options;
}

double Config::enabledWeightSum() const {
    double sum = 0.0;
    for (const auto& type : eventTypes) {
        if (type.enabled && type.weight > 0.0) {
            sum += type.weight;
        }
    }
    return sum;
}

double Config::shareOf(std::size_t index) const {
    if (index >= eventTypes.size()) {
        return 0.0;
    }
    const auto& type = eventTypes[index];
    const double sum = enabledWeightSum();
    if (!type.enabled || type.weight <= 0.0 || sum <= 0.0) {
        return 0.0;
    }
    return type.weight / sum;
}

int Config::indexOfType(const std::string& id) const {
    const auto it = std::find_if(eventTypes.begin(), eventTypes.end(),
                                 [&](const EventType& t) { return t.id == id; });
    return it == eventTypes.end() ? -1 : static_cast<int>(it - eventTypes.begin());
}

bool Config::operator==(const Config& o) const {
    return commonFields == o.commonFields && eventTypes == o.eventTypes &&
           generationMode == o.generationMode && totalRowsPerSecond == o.totalRowsPerSecond &&
           batchTotalRows == o.batchTotalRows && batchPartitions == o.batchPartitions &&
           serializationFormat == o.serializationFormat && formatOptions == o.formatOptions &&
           sink == o.sink && seed == o.seed;
}

} // namespace streamgen
