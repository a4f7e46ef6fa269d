#pragma once

#include "engine/encoders/event_layout.h"
#include "engine/encoders/file_framer.h"
#include "engine/encoders/format.h"
#include "engine/encoders/text_values.h"
#include "model/diagnostic.h"

#include <memory>
#include <string>
#include <vector>

namespace streamgen {

/// CSV per RFC 4180 with "\n" line ends. Every event type shares one set of columns, so that a
/// folder of mixed events reads as one table: `event_type_id`, then the union of all fields by
/// name (common fields, then each type's fields in config order). A row leaves the columns of
/// other types empty; null is an empty cell. Only strings can need quotes; the other values
/// never contain the delimiter (the delimiter is one of `,` `;` `|` tab).
class CsvEncoder {
public:
    static constexpr FormatInfo kInfo{
        Format::Csv, "csv", "CSV (RFC 4180) with a header line; one column per field", "csv", true};

    struct Field {
        std::string before;               ///< delimiters from the previous cell to this one
        std::vector<std::string> choices; ///< `before`, then each string value quoted if needed
    };
    struct Type {
        std::string prefix; ///< the event_type_id cell
        std::vector<Field> fields;
        std::string after;              ///< delimiters of the empty columns after the last field
        std::vector<std::size_t> order; ///< layout field index of each written cell
    };

    CsvEncoder(const EventLayout& layout, Diagnostics& diagnostics);

    const Type& type(uint32_t index) const { return m_types[index]; }
    /// The layout index of the field written at each position: column order.
    std::vector<std::size_t> fieldOrder(uint32_t index) const { return m_types[index].order; }
    void begin(const Type& type, std::string& out) const { out.append(type.prefix); }
    void field(const Type& type, std::size_t index, const Value& value, std::string& out) const {
        const Field& field = type.fields[index];
        // The delimiters before a cell go out with the cell in one append where they can.
        switch (value.type) {
        case ValueType::String:
            if (value.choice < field.choices.size()) {
                out.append(field.choices[value.choice]);
                return;
            }
            out.append(field.before);
            appendCell(value.text, out);
            return;
        case ValueType::Int:
        case ValueType::Float32:
        case ValueType::Float64:
            if (field.before.size() == 1) {
                char cell[72];
                cell[0] = m_delimiter;
                json::appendSpan(out, cell, text::writeNumber(cell + 1, value));
                return;
            }
            break;
        case ValueType::Nested:
            out.append(field.before);
            appendNestedCell(value, out);
            return;
        case ValueType::Uuid:
            if (field.before.size() == 1) {
                char cell[37];
                cell[0] = m_delimiter;
                text::writeUuid(cell + 1, value.high, value.low);
                out.append(cell, sizeof cell);
                return;
            }
            break;
        default:
            break;
        }
        out.append(field.before);
        text::appendPlain(out, value);
    }
    void end(const Type& type, std::string& out) const { out.append(type.after); }

    std::unique_ptr<FileFramer> makeFramer() const {
        return std::make_unique<LineFramer>(m_header);
    }
    /// The header line, newline included.
    std::string schema() const { return m_header; }

private:
    void appendCell(std::string_view text, std::string& out) const;
    /// A struct, array or map as its JSON text in one cell.
    void appendNestedCell(const Value& value, std::string& out) const;
    Type compileType(const TypeLayout& layout, const std::vector<std::string>& columns) const;

    char m_delimiter = ',';
    std::string m_header;
    std::vector<Type> m_types;
};

} // namespace streamgen
