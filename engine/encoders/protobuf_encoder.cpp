#include "protobuf_encoder.h"

#include "engine/nested_values.h"

#include <algorithm>
#include <cctype>

namespace streamgen {

namespace {

constexpr const char* kEnvelope = "Event";

enum WireType : uint32_t { kVarint = 0, kFixed64 = 1, kLength = 2, kFixed32 = 5 };

std::string key(uint32_t number, WireType wire) {
    std::string out;
    encoding::appendVarint(out, (static_cast<uint64_t>(number) << 3) | wire);
    return out;
}

/// `user.purchase` -> `UserPurchase`; a leading digit gets an `E` in front.
std::string messageNameFor(const std::string& id) {
    std::string out;
    bool upper = true;
    for (const char c : id) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
            upper = true;
            continue;
        }
        out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
        upper = false;
    }
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])) != 0) {
        out.insert(out.begin(), 'E');
    }
    return out;
}

std::string lowerIdentifier(const std::string& id) {
    std::string out = encoding::identifierFor(id);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

ProtobufEncoder::Kind kindOf(ValueStorage storage) {
    switch (storage) {
    case ValueStorage::Float32:
        return ProtobufEncoder::Kind::Float;
    case ValueStorage::Float64:
        return ProtobufEncoder::Kind::Double;
    case ValueStorage::String:
        return ProtobufEncoder::Kind::String;
    case ValueStorage::Uuid:
        return ProtobufEncoder::Kind::Uuid;
    case ValueStorage::Timestamp:
        return ProtobufEncoder::Kind::Timestamp;
    case ValueStorage::Struct:
    case ValueStorage::Array:
    case ValueStorage::Map:
        return ProtobufEncoder::Kind::Nested;
    default:
        return ProtobufEncoder::Kind::Varint;
    }
}

WireType wireOf(ProtobufEncoder::Kind kind) {
    switch (kind) {
    case ProtobufEncoder::Kind::Varint:
        return kVarint;
    case ProtobufEncoder::Kind::Float:
        return kFixed32;
    case ProtobufEncoder::Kind::Double:
        return kFixed64;
    default:
        return kLength;
    }
}

const char* protoType(ValueStorage storage) {
    switch (storage) {
    case ValueStorage::Int32:
    case ValueStorage::Date:
        return "int32";
    case ValueStorage::Int64:
        return "int64";
    case ValueStorage::Float32:
        return "float";
    case ValueStorage::Float64:
        return "double";
    case ValueStorage::Boolean:
        return "bool";
    case ValueStorage::Timestamp:
        return "google.protobuf.Timestamp";
    default:
        return "string";
    }
}

std::string pascalCase(const std::string& name) {
    std::string out;
    bool upper = true;
    for (const char c : name) {
        if (c == '_') {
            upper = true;
            continue;
        }
        out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
        upper = false;
    }
    return out;
}

/// Writes the declarations of one message's fields, nested messages included. Protobuf has no
/// null inside a repeated field or a map and no repeated field directly inside another: those
/// are located errors.
class MessageWriter {
public:
    explicit MessageWriter(Diagnostics& diagnostics) : m_diagnostics(diagnostics) {}

    /// The line declaring `field` as number `number`, its nested messages added to `messages`.
    std::string declare(const FieldLayout& field, uint32_t number, const std::string& indent,
                        std::string& messages) {
        const std::string line = " " + field.name + " = " + std::to_string(number) + ";\n";
        switch (field.storage) {
        case ValueStorage::Array: {
            const FieldLayout& items = field.children.at(0);
            checkRepeated(items, "an array's items");
            return indent + "repeated " +
                   typeOf(items, pascalCase(field.name) + "Item", indent, messages) + line;
        }
        case ValueStorage::Map: {
            const FieldLayout& values = field.children.at(1);
            checkRepeated(values, "a map's values");
            return indent + "map<string, " +
                   typeOf(values, pascalCase(field.name) + "Value", indent, messages) + ">" + line;
        }
        default:
            return indent + "optional " + typeOf(field, pascalCase(field.name), indent, messages) +
                   line;
        }
    }

    /// The fields of a struct as the body of message `name`.
    std::string message(const std::string& name, const std::vector<FieldLayout>& fields,
                        const std::string& indent) {
        std::string nested;
        std::string body;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            body += declare(fields[i], static_cast<uint32_t>(i + 1), indent + "  ", nested);
        }
        return indent + "message " + name + " {\n" + nested + body + indent + "}\n";
    }

private:
    std::string typeOf(const FieldLayout& field, const std::string& messageName,
                       const std::string& indent, std::string& messages) {
        if (field.storage != ValueStorage::Struct) {
            return protoType(field.storage);
        }
        messages += message(messageName, field.children, indent);
        return messageName;
    }

    void checkRepeated(const FieldLayout& field, const char* what) {
        if (field.storage == ValueStorage::Array || field.storage == ValueStorage::Map) {
            encoding::addError(m_diagnostics, field.location, field.path,
                               std::string("protobuf cannot hold an array or map as ") + what +
                                   "; make them structs with the array or map as a field");
        } else if (field.nullable) {
            encoding::addError(m_diagnostics, field.location, field.path,
                               std::string("protobuf cannot write null as ") + what +
                                   "; leave out null_ratio");
        }
    }

    Diagnostics& m_diagnostics;
};

bool usesTimestamp(const std::vector<FieldLayout>& fields) {
    return std::any_of(fields.begin(), fields.end(), [](const FieldLayout& field) {
        return field.storage == ValueStorage::Timestamp || usesTimestamp(field.children);
    });
}

bool isPackable(ValueStorage storage) {
    switch (storage) {
    case ValueStorage::Int32:
    case ValueStorage::Int64:
    case ValueStorage::Date:
    case ValueStorage::Boolean:
    case ValueStorage::Float32:
    case ValueStorage::Float64:
        return true;
    default:
        return false;
    }
}

void appendKey(std::string& out, uint32_t number, WireType wire) {
    encoding::appendVarint(out, (static_cast<uint64_t>(number) << 3) | wire);
}

/// Puts the length of everything written since `begin` in front of it.
void closeLength(std::string& out, std::size_t begin) {
    char head[10];
    const char* end = encoding::writeVarint(head, out.size() - begin);
    out.insert(begin, head, static_cast<std::size_t>(end - head));
}

/// A value without its key, as a packed repeated field holds it.
void appendPacked(const Value& value, ValueStorage storage, std::string& out) {
    const double real = value.type == ValueType::Decimal ? decimalValue(value) : value.real;
    switch (storage) {
    case ValueStorage::Float32:
        encoding::appendLittleEndian(out, static_cast<float>(real));
        return;
    case ValueStorage::Float64:
        encoding::appendLittleEndian(out, real);
        return;
    default:
        encoding::appendVarint(out, static_cast<uint64_t>(value.integer));
        return;
    }
}

/// Field `number` holding `value`; nothing for null.
void appendTagged(uint32_t number, const Value& value, ValueStorage storage, std::string& out) {
    if (value.isNull()) {
        return;
    }
    switch (storage) {
    case ValueStorage::Float32:
        appendKey(out, number, kFixed32);
        appendPacked(value, storage, out);
        return;
    case ValueStorage::Float64:
        appendKey(out, number, kFixed64);
        appendPacked(value, storage, out);
        return;
    case ValueStorage::Timestamp:
        appendKey(out, number, kLength);
        ProtobufEncoder::appendTimestamp(value.integer, out);
        return;
    case ValueStorage::String:
    case ValueStorage::Uuid: {
        appendKey(out, number, kLength);
        if (value.type == ValueType::Uuid) {
            out.push_back(36);
            char text[36];
            text::writeUuid(text, value.high, value.low);
            out.append(text, sizeof text);
        } else {
            encoding::appendVarint(out, value.text.size());
            out.append(value.text);
        }
        return;
    }
    case ValueStorage::Struct:
    case ValueStorage::Array:
    case ValueStorage::Map:
        ProtobufEncoder::appendNestedValue(number, value, out);
        return;
    default:
        appendKey(out, number, kVarint);
        appendPacked(value, storage, out);
        return;
    }
}

void appendChild(uint32_t number, const NestedChild& child, uint64_t key, uint64_t sequence,
                 std::string& out) {
    Value value;
    childValue(child, key, sequence, value);
    appendTagged(number, value, child.storage, out);
}

} // namespace

void ProtobufEncoder::appendNestedValue(uint32_t number, const Value& value, std::string& out) {
    const NestedGenerator& nested = *value.nested;
    const uint64_t key = value.high;
    const uint64_t sequence = value.low;
    switch (nested.storage) {
    case ValueStorage::Array: {
        const NestedChild& items = nested.children[0];
        const uint64_t count = nested.length(key);
        if (count == 0) {
            return;
        }
        if (!isPackable(items.storage)) {
            for (uint64_t i = 0; i < count; ++i) {
                appendChild(number, items, NestedGenerator::itemKey(key, i), sequence, out);
            }
            return;
        }
        appendKey(out, number, kLength);
        const std::size_t begin = out.size();
        Value item;
        for (uint64_t i = 0; i < count; ++i) {
            childValue(items, NestedGenerator::itemKey(key, i), sequence, item);
            appendPacked(item, items.storage, out);
        }
        closeLength(out, begin);
        return;
    }
    case ValueStorage::Map:
        forEachMapEntry(nested, key, sequence, [&](std::string_view keyText, uint64_t itemKey) {
            appendKey(out, number, kLength);
            const std::size_t begin = out.size();
            appendKey(out, 1, kLength);
            encoding::appendVarint(out, keyText.size());
            out.append(keyText);
            appendChild(2, nested.children[1], itemKey, sequence, out);
            closeLength(out, begin);
        });
        return;
    default: {
        appendKey(out, number, kLength);
        const std::size_t begin = out.size();
        for (std::size_t i = 0; i < nested.children.size(); ++i) {
            appendChild(static_cast<uint32_t>(i + 1), nested.children[i], key, sequence, out);
        }
        closeLength(out, begin);
        return;
    }
    }
}

ProtobufEncoder::ProtobufEncoder(const EventLayout& layout, Diagnostics& diagnostics) {
    std::string messages;
    std::string envelope = std::string("message ") + kEnvelope + " {\n  oneof event {\n";
    bool timestamps = false;
    for (std::size_t t = 0; t < layout.types.size(); ++t) {
        const TypeLayout& typeLayout = layout.types[t];
        const std::string name = messageNameFor(typeLayout.id);
        if (name == kEnvelope ||
            std::find(m_messageNames.begin(), m_messageNames.end(), name) != m_messageNames.end()) {
            encoding::addError(diagnostics, typeLayout.location, typeLayout.path,
                               "event type `" + typeLayout.id + "` becomes the protobuf message `" +
                                   name + "`, which is taken; rename the type");
        }
        m_messageNames.push_back(name);
        Type type;
        type.prefix = key(1, kLength);
        encoding::appendVarint(type.prefix, typeLayout.id.size());
        type.prefix.append(typeLayout.id);
        encoding::checkFieldNames(typeLayout.fields, "protobuf", diagnostics);
        MessageWriter writer(diagnostics);
        std::string nested;
        std::string body = "  string event_type_id = 1;\n";
        timestamps = timestamps || usesTimestamp(typeLayout.fields);
        for (std::size_t i = 0; i < typeLayout.fields.size(); ++i) {
            const FieldLayout& fieldLayout = typeLayout.fields[i];
            const auto number = static_cast<uint32_t>(i + 2);
            body += writer.declare(fieldLayout, number, "  ", nested);
            Field field;
            field.kind = kindOf(fieldLayout.storage);
            field.number = number;
            field.tag = key(number, wireOf(field.kind));
            for (const std::string& choice : fieldLayout.choices) {
                std::string encoded = field.tag;
                encoding::appendVarint(encoded, choice.size());
                encoded.append(choice);
                field.choices.push_back(std::move(encoded));
            }
            type.fields.push_back(std::move(field));
        }
        messages += "message " + name + " {\n" + nested + body + "}\n\n";
        envelope += "    " + name + " " + lowerIdentifier(typeLayout.id) + " = " +
                    std::to_string(t + 1) + ";\n";
        m_types.push_back(std::move(type));
    }
    envelope += "  }\n}\n";
    m_proto = "syntax = \"proto3\";\n\npackage streamgen;\n\n";
    if (timestamps) {
        m_proto += "import \"google/protobuf/timestamp.proto\";\n\n";
    }
    m_proto += "// Dates are int32 days since 1970-01-01; UUIDs are strings.\n\n";
    m_proto += messages + envelope;
}

namespace {

/// Length-delimited `Event` envelopes: varint size, then field (type index + 1) holding the
/// type's message.
class ProtobufFramer final : public FileFramer {
public:
    void append(const EventBatch& batch, std::size_t from, std::size_t to,
                std::string& out) override {
        for (std::size_t i = from; i < to; ++i) {
            const std::string_view payload = batch.payload(i);
            char head[24];
            char* end = encoding::writeVarint(
                head, (static_cast<uint64_t>(batch.typeIndex(i) + 1) << 3) | kLength);
            end = encoding::writeVarint(end, payload.size());
            encoding::appendVarint(out, static_cast<uint64_t>(end - head) + payload.size());
            json::appendSpan(out, head, end);
            out.append(payload);
        }
    }
};

} // namespace

std::unique_ptr<FileFramer> ProtobufEncoder::makeFramer() const {
    return std::make_unique<ProtobufFramer>();
}

} // namespace streamgen
