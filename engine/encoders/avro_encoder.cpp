#include "avro_encoder.h"

#include "engine/encoders/avro_container.h"

#include <nlohmann/json.hpp>

namespace streamgen {

namespace {

using nlohmann::ordered_json;

constexpr const char* kNamespace = "streamgen";

AvroEncoder::Kind kindOf(const FieldLayout& field) {
    switch (field.type) {
    case FieldType::Float:
        return AvroEncoder::Kind::Float;
    case FieldType::Double:
        return AvroEncoder::Kind::Double;
    case FieldType::String:
        return AvroEncoder::Kind::String;
    case FieldType::Uuid:
        return AvroEncoder::Kind::Uuid;
    case FieldType::Boolean:
        return AvroEncoder::Kind::Boolean;
    default:
        return AvroEncoder::Kind::Long;
    }
}

ordered_json schemaType(const FieldLayout& field) {
    switch (field.type) {
    case FieldType::Uuid:
        return {{"type", "string"}, {"logicalType", "uuid"}};
    case FieldType::Int:
        return field.wide ? "long" : "int";
    case FieldType::Long:
        return "long";
    case FieldType::Float:
        return "float";
    case FieldType::Double:
        return "double";
    case FieldType::String:
        return "string";
    case FieldType::Boolean:
        return "boolean";
    case FieldType::Timestamp:
        return {{"type", "long"}, {"logicalType", "timestamp-millis"}};
    case FieldType::Date:
        return {{"type", "int"}, {"logicalType", "date"}};
    }
    return "string";
}

ordered_json fieldSchema(const FieldLayout& field) {
    ordered_json schema = {{"name", field.name}};
    if (field.nullable) {
        schema["type"] = ordered_json::array({"null", schemaType(field)});
        schema["default"] = nullptr;
    } else {
        schema["type"] = schemaType(field);
    }
    return schema;
}

} // namespace

AvroEncoder::AvroEncoder(const EventLayout& layout, Diagnostics& diagnostics) {
    ordered_json fileSchema = ordered_json::array();
    for (const TypeLayout& typeLayout : layout.types) {
        encoding::checkFieldNames(typeLayout.fields, "avro", diagnostics);
        const std::string name = encoding::identifierFor(typeLayout.id);
        const std::string fullName = std::string(kNamespace) + "." + name;
        if (std::find(m_recordNames.begin(), m_recordNames.end(), fullName) !=
            m_recordNames.end()) {
            encoding::addError(diagnostics, typeLayout.location, typeLayout.path,
                               "event type `" + typeLayout.id + "` becomes the avro record `" +
                                   name + "`, like an earlier type; rename one of them");
        }
        m_recordNames.push_back(fullName);
        ordered_json fields = ordered_json::array({{{"name", "event_type_id"}, {"type", "string"}}});
        Type type;
        appendString(typeLayout.id, type.prefix);
        for (const FieldLayout& fieldLayout : typeLayout.fields) {
            fields.push_back(fieldSchema(fieldLayout));
            Field field;
            field.kind = kindOf(fieldLayout);
            field.nullable = fieldLayout.nullable;
            for (const std::string& choice : fieldLayout.choices) {
                std::string encoded;
                appendString(choice, encoded);
                field.choices.push_back(std::move(encoded));
            }
            type.fields.push_back(std::move(field));
        }
        m_types.push_back(std::move(type));
        ordered_json record = {
            {"type", "record"}, {"name", name}, {"namespace", kNamespace}, {"fields", fields}};
        m_typeSchemas.push_back(record.dump());
        fileSchema.push_back(std::move(record));
    }
    m_fileSchema = fileSchema.dump();
}

std::unique_ptr<FileFramer> AvroEncoder::makeFramer() const {
    return std::make_unique<AvroContainerFramer>(m_fileSchema);
}

} // namespace streamgen
