#include "avro_encoder.h"

#include "engine/encoders/avro_container.h"

#include <nlohmann/json.hpp>

namespace streamgen {

namespace {

using nlohmann::ordered_json;

constexpr const char* kNamespace = "streamgen";

AvroEncoder::Kind kindOf(const FieldLayout& field) {
    switch (field.storage) {
    case ValueStorage::Float32:
        return AvroEncoder::Kind::Float;
    case ValueStorage::Float64:
        return AvroEncoder::Kind::Double;
    case ValueStorage::String:
        return AvroEncoder::Kind::String;
    case ValueStorage::Uuid:
        return AvroEncoder::Kind::Uuid;
    case ValueStorage::Boolean:
        return AvroEncoder::Kind::Boolean;
    default:
        return AvroEncoder::Kind::Long;
    }
}

ordered_json schemaType(const FieldLayout& field) {
    switch (field.storage) {
    case ValueStorage::Uuid:
        return {{"type", "string"}, {"logicalType", "uuid"}};
    case ValueStorage::Int32:
        return "int";
    case ValueStorage::Int64:
        return "long";
    case ValueStorage::Float32:
        return "float";
    case ValueStorage::Float64:
        return "double";
    case ValueStorage::String:
        return "string";
    case ValueStorage::Boolean:
        return "boolean";
    case ValueStorage::Timestamp:
        return {{"type", "long"}, {"logicalType", "timestamp-millis"}};
    case ValueStorage::Date:
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
