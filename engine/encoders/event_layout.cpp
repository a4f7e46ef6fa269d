#include "event_layout.h"

#include "model/kinds/field_kinds.h"

namespace streamgen {

namespace {

FieldLayout fieldLayout(const FieldSpec& field, const std::string& parent) {
    FieldLayout layout;
    layout.name = field.name;
    layout.storage = fieldKind(field.type).storage(field);
    layout.type = field.type;
    layout.nullable = field.nullRatio > 0.0;
    if (layout.storage == ValueStorage::String) {
        layout.choices = writtenValues(field);
    }
    layout.location = field.location;
    layout.path = parent + "." + field.name;
    for (const FieldSpec& child : field.children) {
        layout.children.push_back(fieldLayout(child, layout.path));
    }
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
        // Omitted fields are generated for expressions only: no format writes them.
        for (const FieldSpec& field : config.commonFields) {
            if (!field.omit) {
                typeLayout.fields.push_back(fieldLayout(field, "common_fields"));
            }
        }
        for (const FieldSpec& field : type.fields) {
            if (!field.omit) {
                typeLayout.fields.push_back(fieldLayout(field, path + ".fields"));
            }
        }
        layout.types.push_back(std::move(typeLayout));
    }
    return layout;
}

} // namespace streamgen
