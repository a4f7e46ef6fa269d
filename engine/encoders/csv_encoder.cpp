#include "csv_encoder.h"

#include "engine/encoders/encoder_support.h"

#include <algorithm>

namespace streamgen {

namespace {

constexpr std::string_view kDelimiters = ",;|\t";

/// Reads `format_options.delimiter`; a tab may be written as "\t" or "tab".
char readDelimiter(const EventLayout& layout, Diagnostics& diagnostics) {
    const OptionNode* options = layout.formatOptions;
    const OptionNode* node = options != nullptr ? options->find("delimiter") : nullptr;
    if (node == nullptr) {
        return ',';
    }
    std::string text = node->kind == OptionNode::Kind::Scalar ? node->scalar : "";
    if (text == "\\t" || text == "tab") {
        text.assign(1, '\t');
    }
    if (text.size() != 1 || kDelimiters.find(text[0]) == std::string_view::npos) {
        encoding::addError(diagnostics, node->location, "format_options.delimiter",
                           std::string("format_options.delimiter: expected one of `,` `;` `|` "
                                       "or tab, got `")
                               .append(node->scalar)
                               .append("`"));
        return ',';
    }
    return text[0];
}

} // namespace

void CsvEncoder::appendNestedCell(const Value& value, std::string& out) const {
    thread_local std::string json;
    json.clear();
    text::appendNested(json, value);
    appendCell(json, out);
}

void CsvEncoder::appendCell(std::string_view text, std::string& out) const {
    const char special[] = {m_delimiter, '"', '\r', '\n'};
    const bool quote =
        text.find_first_of(std::string_view(special, sizeof special)) != std::string_view::npos;
    if (!quote) {
        out.append(text);
        return;
    }
    out.push_back('"');
    for (const char c : text) {
        if (c == '"') {
            out.push_back('"');
        }
        out.push_back(c);
    }
    out.push_back('"');
}

CsvEncoder::CsvEncoder(const EventLayout& layout, Diagnostics& diagnostics)
    : m_delimiter(readDelimiter(layout, diagnostics)) {
    std::vector<std::string> columns;
    for (const TypeLayout& type : layout.types) {
        for (const FieldLayout& field : type.fields) {
            if (std::find(columns.begin(), columns.end(), field.name) == columns.end()) {
                columns.push_back(field.name);
            }
        }
    }
    appendCell("event_type_id", m_header);
    for (const std::string& column : columns) {
        m_header.push_back(m_delimiter);
        appendCell(column, m_header);
    }
    m_header.push_back('\n');

    for (const TypeLayout& typeLayout : layout.types) {
        m_types.push_back(compileType(typeLayout, columns));
    }
}

CsvEncoder::Type CsvEncoder::compileType(const TypeLayout& layout,
                                         const std::vector<std::string>& columns) const {
    Type type;
    appendCell(layout.id, type.prefix);
    std::vector<std::size_t> columnOf;
    for (const FieldLayout& field : layout.fields) {
        columnOf.push_back(static_cast<std::size_t>(
            std::find(columns.begin(), columns.end(), field.name) - columns.begin()));
        type.order.push_back(type.order.size());
    }
    // Cells are written left to right, so a type whose fields stand in another order than the
    // columns is generated in column order (values do not depend on the order).
    std::stable_sort(type.order.begin(), type.order.end(),
                     [&](std::size_t a, std::size_t b) { return columnOf[a] < columnOf[b]; });
    std::size_t next = 0; // the first column not written yet, after event_type_id
    for (const std::size_t index : type.order) {
        const FieldLayout& fieldLayout = layout.fields[index];
        Field field;
        field.before.assign(columnOf[index] - next + 1, m_delimiter);
        next = columnOf[index] + 1;
        for (const std::string& choice : fieldLayout.choices) {
            std::string cell = field.before;
            appendCell(choice, cell);
            field.choices.push_back(std::move(cell));
        }
        type.fields.push_back(std::move(field));
    }
    type.after.assign(columns.size() - next, m_delimiter);
    return type;
}

} // namespace streamgen
