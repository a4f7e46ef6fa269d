#include "config.h"

#include "kinds/field_kinds.h"

#include <algorithm>

namespace streamgen {

const char* fieldTypeName(FieldType type) {
    return fieldKind(type).name;
}

std::optional<FieldType> parseFieldType(const std::string& name) {
    const FieldKind* kind = findFieldKind(name);
    return kind ? std::optional(kind->type) : std::nullopt;
}

const std::vector<std::string>& fieldTypeNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> result;
        for (const FieldKind* kind : fieldKinds()) {
            result.emplace_back(kind->name);
        }
        return result;
    }();
    return names;
}

std::vector<std::string> writtenValues(const FieldSpec& field) {
    const std::string separator = field.textSeparator.empty() ? "_" : field.textSeparator;
    const std::string before = field.prefix.empty() ? "" : field.prefix + separator;
    const std::string after = field.suffix.empty() ? "" : separator + field.suffix;
    std::vector<std::string> values;
    for (const std::string& value : field.values) {
        values.push_back(before + value + after);
    }
    if (values.empty()) {
        values.emplace_back();
    }
    return values;
}

bool FieldSpec::hasRange() const {
    const FieldOption* range = fieldKind(type).option("range");
    return range && range->applies(*this) &&
           !std::holds_alternative<std::monostate>(range->get(*this));
}

bool FieldSpec::operator==(const FieldSpec& o) const {
    if (name != o.name || type != o.type || nullRatio != o.nullRatio) {
        return false;
    }
    for (const FieldOption& option : fieldKind(type).options) {
        const bool applies = option.applies(*this);
        if (applies != option.applies(o) || (applies && option.get(*this) != option.get(o))) {
            return false;
        }
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
           sink == o.sink && seed == o.seed && identityField == o.identityField;
}

} // namespace streamgen
