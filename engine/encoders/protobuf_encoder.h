#pragma once

#include "engine/encoders/encoder_support.h"
#include "engine/encoders/event_layout.h"
#include "engine/encoders/file_framer.h"
#include "engine/encoders/format.h"
#include "engine/encoders/text_values.h"
#include "engine/json_writer.h"
#include "model/diagnostic.h"

#include <memory>
#include <string>
#include <vector>

namespace streamgen {

/// Protocol Buffers (proto3) wire format, written by hand on the hot path: libprotobuf needs
/// generated or dynamic message objects, built and filled per event, where the layout here is
/// fixed when the plan compiles. Each event type is a message: `string event_type_id = 1`, then
/// the fields numbered from 2, each `optional` so that null is an absent field. Timestamps are
/// `google.protobuf.Timestamp`, dates int32 days since 1970-01-01. Files hold length-delimited
/// `Event` messages, whose `oneof` names the type.
class ProtobufEncoder {
public:
    static constexpr FormatInfo kInfo{
        Format::Protobuf, "protobuf",
        "Protocol Buffers binary; files hold length-delimited Event messages", "pb", false};

    enum class Kind : uint8_t { Varint, Float, Double, String, Uuid, Timestamp, Nested };
    struct Field {
        Kind kind = Kind::Varint;
        uint32_t number = 0;              ///< the field's number in its message
        std::string tag;                  ///< the field's key (number and wire type) as bytes
        std::vector<std::string> choices; ///< tag, length and bytes of each string value
    };
    struct Type {
        std::string prefix; ///< field 1, `event_type_id`, encoded
        std::vector<Field> fields;
    };

    ProtobufEncoder(const EventLayout& layout, Diagnostics& diagnostics);

    const Type& type(uint32_t index) const { return m_types[index]; }
    void begin(const Type& type, std::string& out) const { out.append(type.prefix); }
    void field(const Type& type, std::size_t index, const Value& value, std::string& out) const {
        if (value.isNull()) {
            return;
        }
        const Field& field = type.fields[index];
        if (field.kind == Kind::String && value.choice < field.choices.size()) {
            out.append(field.choices[value.choice]);
            return;
        }
        if (field.kind == Kind::Nested) {
            appendNestedValue(field.number, value, out);
            return;
        }
        out.append(field.tag);
        switch (field.kind) {
        case Kind::Varint: // int32 / int64 (negative: 10 bytes, as protobuf does), bool, date
            encoding::appendVarint(out, static_cast<uint64_t>(value.integer));
            return;
        case Kind::Float:
            encoding::appendLittleEndian(out, static_cast<float>(realOf(value)));
            return;
        case Kind::Double:
            encoding::appendLittleEndian(out, realOf(value));
            return;
        case Kind::String:
            encoding::appendVarint(out, value.text.size());
            out.append(value.text);
            return;
        case Kind::Uuid: {
            out.push_back(36);
            char text[36];
            text::writeUuid(text, value.high, value.low);
            out.append(text, sizeof text);
            return;
        }
        case Kind::Timestamp:
            appendTimestamp(value.integer, out);
            return;
        case Kind::Nested:
            return;
        }
    }
    void end(const Type&, std::string&) const {}

    std::unique_ptr<FileFramer> makeFramer() const;
    /// The `.proto` file: a message per event type, then `Event`.
    std::string schema() const { return m_proto; }
    /// The name of one event type's message, e.g. `UserPurchase`.
    const std::string& messageName(uint32_t index) const { return m_messageNames[index]; }

private:
    static double realOf(const Value& value) {
        return value.type == ValueType::Decimal ? decimalValue(value) : value.real;
    }

public:
    /// A struct as a message field, an array as a repeated field (packed when numeric), a map
    /// as repeated entries (key = 1, value = 2): every field numbered `number`.
    static void appendNestedValue(uint32_t number, const Value& value, std::string& out);
    /// A google.protobuf.Timestamp body (seconds = 1, nanos = 2; zeros left out), length first.
    static void appendTimestamp(int64_t epochMs, std::string& out) {
        const int64_t seconds = json::floorDiv(epochMs, 1000);
        const auto nanos = static_cast<uint64_t>(json::floorMod(epochMs, 1000)) * 1000000U;
        char body[24];
        char* end = body + 1;
        if (seconds != 0) {
            *end++ = '\x08';
            end = encoding::writeVarint(end, static_cast<uint64_t>(seconds));
        }
        if (nanos != 0) {
            *end++ = '\x10';
            end = encoding::writeVarint(end, nanos);
        }
        body[0] = static_cast<char>(end - body - 1);
        json::appendSpan(out, body, end);
    }

private:
    std::vector<Type> m_types;
    std::vector<std::string> m_messageNames;
    std::string m_proto;
};

} // namespace streamgen
