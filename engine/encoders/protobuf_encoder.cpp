#include "protobuf_encoder.h"

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

const char* protoType(const FieldLayout& field) {
    switch (field.storage) {
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
    case ValueStorage::String:
    case ValueStorage::Uuid:
        return "string";
    }
    return "string";
}

} // namespace

ProtobufEncoder::ProtobufEncoder(const EventLayout& layout, Diagnostics& diagnostics) {
    std::string messages;
    std::string envelope = std::string("message ") + kEnvelope + " {\n  oneof event {\n";
    bool usesTimestamp = false;
    for (std::size_t t = 0; t < layout.types.size(); ++t) {
        const TypeLayout& typeLayout = layout.types[t];
        const std::string name = messageNameFor(typeLayout.id);
        if (name == kEnvelope || std::find(m_messageNames.begin(), m_messageNames.end(), name) !=
                                     m_messageNames.end()) {
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
        messages += "message " + name + " {\n  string event_type_id = 1;\n";
        for (std::size_t i = 0; i < typeLayout.fields.size(); ++i) {
            const FieldLayout& fieldLayout = typeLayout.fields[i];
            const auto number = static_cast<uint32_t>(i + 2);
            usesTimestamp = usesTimestamp || fieldLayout.storage == ValueStorage::Timestamp;
            messages += "  optional " + std::string(protoType(fieldLayout)) + " " +
                        fieldLayout.name + " = " + std::to_string(number) + ";\n";
            Field field;
            field.kind = kindOf(fieldLayout.storage);
            field.tag = key(number, wireOf(field.kind));
            for (const std::string& choice : fieldLayout.choices) {
                std::string encoded = field.tag;
                encoding::appendVarint(encoded, choice.size());
                encoded.append(choice);
                field.choices.push_back(std::move(encoded));
            }
            type.fields.push_back(std::move(field));
        }
        messages += "}\n\n";
        envelope += "    " + name + " " + lowerIdentifier(typeLayout.id) + " = " +
                    std::to_string(t + 1) + ";\n";
        m_types.push_back(std::move(type));
    }
    envelope += "  }\n}\n";
    m_proto = "syntax = \"proto3\";\n\npackage streamgen;\n\n";
    if (usesTimestamp) {
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
