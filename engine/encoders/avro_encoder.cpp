#include "avro_encoder.h"

#include "engine/encoders/avro_container.h"
#include "engine/nested_values.h"

#include <nlohmann/json.hpp>

namespace streamgen {

namespace {

using nlohmann::ordered_json;

constexpr const char* kNamespace = "streamgen";

AvroEncoder::Kind kindOf(ValueStorage storage) {
    switch (storage) {
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
    case ValueStorage::Struct:
    case ValueStorage::Array:
    case ValueStorage::Map:
        return AvroEncoder::Kind::Nested;
    default:
        return AvroEncoder::Kind::Long;
    }
}

ordered_json fieldSchema(const FieldLayout& field, const std::string& scope);
ordered_json schemaType(const FieldLayout& field, const std::string& scope);

/// The type of a field, or of an array's items or a map's values: `scope` names the records
/// of nested structs (`user_purchase_device`), which must differ across the whole schema.
ordered_json valueSchema(const FieldLayout& field, const std::string& scope) {
    ordered_json type = schemaType(field, scope);
    return field.nullable ? ordered_json::array({"null", type}) : type;
}

ordered_json schemaType(const FieldLayout& field, const std::string& scope) {
    const std::string name = scope + "_" + encoding::identifierFor(field.name);
    switch (field.storage) {
    case ValueStorage::Struct: {
        ordered_json fields = ordered_json::array();
        for (const FieldLayout& child : field.children) {
            fields.push_back(fieldSchema(child, name));
        }
        return {{"type", "record"}, {"name", name}, {"fields", fields}};
    }
    case ValueStorage::Array:
        return {{"type", "array"}, {"items", valueSchema(field.children.at(0), name)}};
    case ValueStorage::Map:
        return {{"type", "map"}, {"values", valueSchema(field.children.at(1), name)}};
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

ordered_json fieldSchema(const FieldLayout& field, const std::string& scope) {
    ordered_json schema = {{"name", field.name}, {"type", valueSchema(field, scope)}};
    if (field.nullable) {
        schema["default"] = nullptr;
    }
    return schema;
}

void appendLeaf(const Value& value, ValueStorage storage, std::string& out);

void appendChild(const NestedChild& child, uint64_t key, uint64_t sequence, std::string& out) {
    Value value;
    childValue(child, key, sequence, value);
    if (child.nullable) {
        if (value.isNull()) {
            out.push_back('\0');
            return;
        }
        out.push_back('\2');
    }
    appendLeaf(value, child.storage, out);
}

void appendLeaf(const Value& value, ValueStorage storage, std::string& out) {
    const double real = value.type == ValueType::Decimal ? decimalValue(value) : value.real;
    switch (kindOf(storage)) {
    case AvroEncoder::Kind::Long:
        encoding::appendVarint(out, encoding::zigzag(value.integer));
        return;
    case AvroEncoder::Kind::Float:
        encoding::appendLittleEndian(out, static_cast<float>(real));
        return;
    case AvroEncoder::Kind::Double:
        encoding::appendLittleEndian(out, real);
        return;
    case AvroEncoder::Kind::Boolean:
        out.push_back(value.integer != 0 ? '\1' : '\0');
        return;
    case AvroEncoder::Kind::Uuid:
    case AvroEncoder::Kind::String:
    case AvroEncoder::Kind::Nested:
        if (value.type == ValueType::Nested) {
            break;
        }
        if (value.type == ValueType::Uuid) {
            char text[36];
            text::writeUuid(text, value.high, value.low);
            AvroEncoder::appendString(std::string_view(text, sizeof text), out);
        } else {
            AvroEncoder::appendString(value.text, out);
        }
        return;
    }
    const NestedGenerator& nested = *value.nested;
    const uint64_t key = value.high;
    const uint64_t sequence = value.low;
    if (nested.storage == ValueStorage::Struct) {
        for (const NestedChild& child : nested.children) {
            appendChild(child, key, sequence, out);
        }
        return;
    }
    // One block holding every item (a count, then the items), then the empty block that ends
    // the array or map.
    const std::size_t countAt = out.size();
    uint64_t count = 0;
    if (nested.storage == ValueStorage::Array) {
        count = nested.length(key);
        for (uint64_t i = 0; i < count; ++i) {
            appendChild(nested.children[0], NestedGenerator::itemKey(key, i), sequence, out);
        }
    } else {
        forEachMapEntry(nested, key, sequence, [&](std::string_view keyText, uint64_t itemKey) {
            AvroEncoder::appendString(keyText, out);
            appendChild(nested.children[1], itemKey, sequence, out);
            ++count;
        });
    }
    if (count != 0) {
        char head[10];
        const char* end =
            encoding::writeVarint(head, encoding::zigzag(static_cast<int64_t>(count)));
        out.insert(countAt, head, static_cast<std::size_t>(end - head));
    }
    out.push_back('\0');
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
        ordered_json fields =
            ordered_json::array({{{"name", "event_type_id"}, {"type", "string"}}});
        Type type;
        appendString(typeLayout.id, type.prefix);
        for (const FieldLayout& fieldLayout : typeLayout.fields) {
            fields.push_back(fieldSchema(fieldLayout, name));
            Field field;
            field.kind = kindOf(fieldLayout.storage);
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

void AvroEncoder::appendNested(const Value& value, std::string& out) {
    appendLeaf(value, value.nested->storage, out);
}

std::unique_ptr<FileFramer> AvroEncoder::makeFramer() const {
    return std::make_unique<AvroContainerFramer>(m_fileSchema);
}

} // namespace streamgen
