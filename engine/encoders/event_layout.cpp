#include "event_layout.h"

#include <algorithm>
#include <limits>

namespace streamgen {

namespace {

bool needsWideInt(const FieldSpec& field) {
    constexpr int64_t kMin = std::numeric_limits<int32_t>::min();
    constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
    return field.type == FieldType::Int &&
           (std::min(field.intMin, field.intMax) < kMin || std::max(field.intMin, field.intMax) > kMax);
}

FieldLayout fieldLayout(const FieldSpec& field, const std::string& parent) {
    FieldLayout layout;
    layout.name = field.name;
    layout.type = field.type;
    layout.nullable = field.nullRatio > 0.0;
    layout.wide = needsWideInt(field);
    if (field.type == FieldType::String) {
        layout.choices = field.values.empty() ? std::vector<std::string>{""} : field.values;
    }
    layout.location = field.location;
    layout.path = parent + "." + field.name;
    return layout;
}

} // namespace

EventLayout makeEventLayout(const Config& config) {
    EventLayout layout;
    if (config.formatOptions.kind == OptionNode::Kind::Map) {
        layout.formatOptions = &config.formatOptions;
    }
    layout.formatLocation = config.serializationFormatLocation;
    for (std::size_t i = 0; i < config.eventTypes.size(); ++i) {
        const EventType& type = config.eventTypes[i];
        const std::string path = "event_types[" + std::to_string(i) + "]";
        TypeLayout typeLayout;
        typeLayout.id = type.id;
        typeLayout.location = type.idLocation.known() ? type.idLocation : type.location;
        typeLayout.path = path + ".event_type_id";
        for (const FieldSpec& field : config.commonFields) {
            typeLayout.fields.push_back(fieldLayout(field, "common_fields"));
        }
        for (const FieldSpec& field : type.fields) {
            typeLayout.fields.push_back(fieldLayout(field, path + ".fields"));
        }
        layout.types.push_back(std::move(typeLayout));
    }
    return layout;
}

} // namespace streamgen
