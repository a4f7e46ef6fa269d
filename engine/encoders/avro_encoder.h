#pragma once

#include "engine/encoders/encoder_support.h"
#include "engine/encoders/event_layout.h"
#include "engine/encoders/file_framer.h"
#include "engine/encoders/format.h"
#include "engine/encoders/text_values.h"
#include "model/diagnostic.h"

#include <memory>
#include <string>
#include <vector>

namespace streamgen {

/// Avro binary encoding, written by hand on the hot path: avro-c builds a generic value per
/// datum (allocation and a schema walk per event), while the layout here is known at compile
/// time. Each event type is a record (namespace `streamgen`, name from the id) with
/// `event_type_id` first; a nullable field is the union ["null", T]. Files are Object Container
/// Files whose schema is the union of the records; a payload is one record's body.
class AvroEncoder {
public:
    static constexpr FormatInfo kInfo{Format::Avro, "avro",
                                      "Avro binary; files are Object Container Files (deflate)",
                                      "avro", false};

    enum class Kind : uint8_t { Long, Float, Double, String, Uuid, Boolean, Nested };
    struct Field {
        Kind kind = Kind::Long;
        bool nullable = false;
        std::vector<std::string> choices; ///< pre-encoded string values
    };
    struct Type {
        std::string prefix; ///< the encoded `event_type_id`
        std::vector<Field> fields;
    };

    AvroEncoder(const EventLayout& layout, Diagnostics& diagnostics);

    const Type& type(uint32_t index) const { return m_types[index]; }
    void begin(const Type& type, std::string& out) const { out.append(type.prefix); }
    void field(const Type& type, std::size_t index, const Value& value, std::string& out) const {
        const Field& field = type.fields[index];
        if (field.nullable) {
            if (value.isNull()) {
                out.push_back('\0'); // union branch 0: null
                return;
            }
            out.push_back('\2'); // union branch 1, zigzag-encoded
        }
        switch (field.kind) {
        case Kind::Long: // int, long, timestamp-millis and date all encode as zigzag varints
            encoding::appendVarint(out, encoding::zigzag(value.integer));
            return;
        case Kind::Float:
            encoding::appendLittleEndian(out, static_cast<float>(realOf(value)));
            return;
        case Kind::Double:
            encoding::appendLittleEndian(out, realOf(value));
            return;
        case Kind::String:
            if (value.choice < field.choices.size()) {
                out.append(field.choices[value.choice]);
            } else {
                appendString(value.text, out);
            }
            return;
        case Kind::Uuid: {
            out.push_back(static_cast<char>(encoding::zigzag(36)));
            char text[36];
            text::writeUuid(text, value.high, value.low);
            out.append(text, sizeof text);
            return;
        }
        case Kind::Boolean:
            out.push_back(value.integer != 0 ? '\1' : '\0');
            return;
        case Kind::Nested:
            appendNested(value, out);
            return;
        }
    }
    void end(const Type&, std::string&) const {}

    std::unique_ptr<FileFramer> makeFramer() const;
    /// The schema of files: a JSON array of the records.
    std::string schema() const { return m_fileSchema; }
    /// The record schema of one event type (JSON), as registered with a Schema Registry.
    const std::string& typeSchema(uint32_t index) const { return m_typeSchemas[index]; }
    /// The full name of one event type's record, e.g. `streamgen.user_purchase`.
    const std::string& recordName(uint32_t index) const { return m_recordNames[index]; }

    static void appendString(std::string_view text, std::string& out) {
        encoding::appendVarint(out, encoding::zigzag(static_cast<int64_t>(text.size())));
        out.append(text);
    }

private:
    /// A struct as its fields in turn, an array or map as one block of items and the end mark.
    static void appendNested(const Value& value, std::string& out);
    static double realOf(const Value& value) {
        return value.type == ValueType::Decimal ? decimalValue(value) : value.real;
    }

    std::vector<Type> m_types;
    std::vector<std::string> m_typeSchemas;
    std::vector<std::string> m_recordNames;
    std::string m_fileSchema;
    uint64_t m_syncSeed = 0;
};

} // namespace streamgen
