#pragma once

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

/// JSON Lines: one object per event, `event_type_id` first, then the fields in layout order.
/// Keys and string values are escaped once, at compile time.
class JsonEncoder {
public:
    static constexpr FormatInfo kInfo{Format::Json, "json", "JSON Lines: one object per event",
                                      "jsonl", true};

    struct Field {
        std::string literal;              ///< `,"name":`
        std::string quoted;               ///< `,"name":"`, before texts written as they are
        std::vector<std::string> choices; ///< `,"name":"value"` for each string value
    };
    struct Type {
        std::string prefix; ///< `{"event_type_id":"<id>"`
        std::vector<Field> fields;
    };

    JsonEncoder(const EventLayout& layout, Diagnostics& diagnostics);

    const Type& type(uint32_t index) const { return m_types[index]; }
    void begin(const Type& type, std::string& out) const { out.append(type.prefix); }
    /// Key and value go out together where they can: a chosen string in one append.
    void field(const Type& type, std::size_t index, const Value& value, std::string& out) const {
        const Field& field = type.fields[index];
        switch (value.type) {
        case ValueType::String:
            if (value.choice < field.choices.size()) {
                out.append(field.choices[value.choice]);
                return;
            }
            if (value.choice == Value::kPlainText) {
                out.append(field.literal);
                out.append(value.text.data() - 1, value.text.size() + 2);
                return;
            }
            break;
        case ValueType::Timestamp:
            out.append(field.quoted);
            text::appendTimestamp(out, value.integer);
            out.push_back('"');
            return;
        default:
            break;
        }
        out.append(field.literal);
        appendValue(value, out);
    }
    void end(const Type&, std::string& out) const { out.push_back('}'); }

    std::unique_ptr<FileFramer> makeFramer() const { return std::make_unique<LineFramer>(); }
    /// Appends any value as JSON (strings escaped now, unless they need no escaping).
    static void appendValue(const Value& value, std::string& out) {
        switch (value.type) {
        case ValueType::Null:
            out.append("null");
            return;
        case ValueType::Bool:
            text::appendPlain(out, value);
            return;
        case ValueType::String:
            if (value.choice == Value::kPlainText) {
                out.append(value.text.data() - 1, value.text.size() + 2);
            } else {
                json::appendQuoted(out, value.text);
            }
            return;
        case ValueType::Nested:
            text::appendNested(out, value);
            return;
        case ValueType::Uuid: {
            char quoted[38];
            quoted[0] = '"';
            quoted[37] = '"';
            text::writeUuid(quoted + 1, value.high, value.low);
            out.append(quoted, sizeof quoted);
            return;
        }
        case ValueType::Timestamp:
        case ValueType::Date:
            out.push_back('"');
            text::appendPlain(out, value);
            out.push_back('"');
            return;
        default:
            text::appendNumber(out, value);
            return;
        }
    }
    /// JSON has no schema to print.
    std::string schema() const { return {}; }

private:
    std::vector<Type> m_types;
};

} // namespace streamgen
