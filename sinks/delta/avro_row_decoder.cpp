#include "avro_row_decoder.h"

#include "engine/json_writer.h"

#include <charconv>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace streamgen {

namespace {

using nlohmann::ordered_json;

enum class AvroKind : uint8_t {
    Int,
    Long,
    Float,
    Double,
    String,
    Boolean,
    TimestampMillis,
    Date,
    Record,
    Array,
    Map,
};

/// A value's Avro type, as a tree for nested values.
struct AvroNode {
    AvroKind kind = AvroKind::String;
    bool nullable = false;          ///< the union ["null", T]
    std::vector<std::string> names; ///< Record: the field names, pre-quoted for JSON
    std::vector<AvroNode> children; ///< Record: its fields; Array: [items]; Map: [values]
};

AvroNode nodeOf(const ordered_json& type);

AvroNode plainNodeOf(const ordered_json& type) {
    AvroNode node;
    if (type.is_string()) {
        const std::string name = type.get<std::string>();
        static const std::pair<const char*, AvroKind> kPrimitives[] = {
            {"int", AvroKind::Int},       {"long", AvroKind::Long},
            {"float", AvroKind::Float},   {"double", AvroKind::Double},
            {"string", AvroKind::String}, {"boolean", AvroKind::Boolean},
        };
        for (const auto& [primitive, kind] : kPrimitives) {
            if (name == primitive) {
                node.kind = kind;
                return node;
            }
        }
        throw std::runtime_error("Avro type `" + name + "` has no table column type");
    }
    const std::string base = type.at("type").get<std::string>();
    const std::string logical = type.value("logicalType", "");
    if (logical == "timestamp-millis") {
        node.kind = AvroKind::TimestampMillis;
    } else if (logical == "date") {
        node.kind = AvroKind::Date;
    } else if (base == "record") {
        node.kind = AvroKind::Record;
        for (const ordered_json& field : type.at("fields")) {
            node.names.push_back(json::quote(field.at("name").get<std::string>()));
            node.children.push_back(nodeOf(field.at("type")));
        }
    } else if (base == "array") {
        node.kind = AvroKind::Array;
        node.children.push_back(nodeOf(type.at("items")));
    } else if (base == "map") {
        node.kind = AvroKind::Map;
        node.children.push_back(nodeOf(type.at("values")));
    } else {
        return plainNodeOf(type.at("type"));
    }
    return node;
}

AvroNode nodeOf(const ordered_json& type) {
    if (type.is_array()) {
        // StreamGen writes a nullable value as ["null", T] and nothing else as a union.
        if (type.size() != 2 || type[0] != "null") {
            throw std::runtime_error("Avro union " + type.dump() + " has no table column type");
        }
        AvroNode node = plainNodeOf(type[1]);
        node.nullable = true;
        return node;
    }
    return plainNodeOf(type);
}

bool isNested(const AvroNode& node) {
    return node.kind == AvroKind::Record || node.kind == AvroKind::Array ||
           node.kind == AvroKind::Map;
}

parquet::ColumnType columnTypeOf(const AvroNode& node) {
    switch (node.kind) {
    case AvroKind::Int:
        return parquet::ColumnType::Int32;
    case AvroKind::Long:
        return parquet::ColumnType::Int64;
    case AvroKind::Float:
        return parquet::ColumnType::Float;
    case AvroKind::Double:
        return parquet::ColumnType::Double;
    case AvroKind::Boolean:
        return parquet::ColumnType::Boolean;
    case AvroKind::TimestampMillis:
        return parquet::ColumnType::TimestampMicros;
    case AvroKind::Date:
        return parquet::ColumnType::Date;
    default:
        return parquet::ColumnType::String;
    }
}

/// Reads the Avro binary encoding; every read checks the end, so a payload that does not
/// follow its schema is an error rather than a read past the batch.
class Reader {
public:
    explicit Reader(std::string_view bytes)
        : m_at(bytes.data()), m_end(bytes.data() + bytes.size()) {}

    int64_t varint() {
        uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            const auto byte = static_cast<uint8_t>(*m_at++);
            value |= static_cast<uint64_t>(byte & 0x7FU) << shift;
            if ((byte & 0x80U) == 0) {
                return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1U);
            }
        }
        throw std::runtime_error("Avro payload: a varint longer than 10 bytes");
    }
    template <typename T> T fixed() {
        need(sizeof(T));
        T value;
        std::memcpy(&value, m_at, sizeof(T));
        m_at += sizeof(T);
        return value;
    }
    std::string_view bytes() {
        const int64_t length = varint();
        if (length < 0) {
            throw std::runtime_error("Avro payload: a negative string length");
        }
        need(static_cast<std::size_t>(length));
        const std::string_view text(m_at, static_cast<std::size_t>(length));
        m_at += length;
        return text;
    }
    bool boolean() {
        need(1);
        return *m_at++ != 0;
    }
    bool atEnd() const { return m_at == m_end; }

private:
    void need(std::size_t count) const {
        if (static_cast<std::size_t>(m_end - m_at) < count) {
            throw std::runtime_error("Avro payload ends inside a value");
        }
    }
    const char* m_at;
    const char* m_end;
};

/// The shortest text that reads back as `value` in its own type: a float field reads as the
/// JSON encoder writes it, not with the digits of its double widening.
template <typename T> void appendNumber(std::string& out, T value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void writeJson(Reader& in, const AvroNode& node, std::string& out);

/// Arrays and maps are blocks of items, each block's count first and a 0 count last; a negative
/// count is followed by the block's byte size.
template <typename Item> void forEachBlockItem(Reader& in, Item&& item) {
    bool first = true;
    for (int64_t count = in.varint(); count != 0; count = in.varint()) {
        if (count < 0) {
            count = -count;
            in.varint();
        }
        for (int64_t i = 0; i < count; ++i) {
            item(first);
            first = false;
        }
    }
}

void writePlainJson(Reader& in, const AvroNode& node, std::string& out) {
    switch (node.kind) {
    case AvroKind::Int:
    case AvroKind::Long:
        json::appendInt(out, in.varint());
        return;
    case AvroKind::Float:
        appendNumber(out, in.fixed<float>());
        return;
    case AvroKind::Double:
        appendNumber(out, in.fixed<double>());
        return;
    case AvroKind::String:
        json::appendQuoted(out, in.bytes());
        return;
    case AvroKind::Boolean:
        out.append(in.boolean() ? "true" : "false");
        return;
    case AvroKind::TimestampMillis:
        json::appendTimestamp(out, in.varint());
        return;
    case AvroKind::Date:
        json::appendDate(out, in.varint());
        return;
    case AvroKind::Record:
        out.push_back('{');
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            out.append(i == 0 ? "" : ",").append(node.names[i]).push_back(':');
            writeJson(in, node.children[i], out);
        }
        out.push_back('}');
        return;
    case AvroKind::Array:
        out.push_back('[');
        forEachBlockItem(in, [&](bool first) {
            out.append(first ? "" : ",");
            writeJson(in, node.children[0], out);
        });
        out.push_back(']');
        return;
    case AvroKind::Map:
        out.push_back('{');
        forEachBlockItem(in, [&](bool first) {
            out.append(first ? "" : ",");
            json::appendQuoted(out, in.bytes());
            out.push_back(':');
            writeJson(in, node.children[0], out);
        });
        out.push_back('}');
        return;
    }
}

void writeJson(Reader& in, const AvroNode& node, std::string& out) {
    if (node.nullable && in.varint() == 0) {
        out.append("null");
        return;
    }
    writePlainJson(in, node, out);
}

} // namespace

struct AvroRowDecoder::Step {
    AvroNode node;
    int column = -1;
};

std::vector<RowColumn> rowColumnsOf(const ordered_json& recordSchema) {
    std::vector<RowColumn> columns;
    for (const ordered_json& field : recordSchema.at("fields")) {
        const AvroNode node = nodeOf(field.at("type"));
        columns.push_back({field.at("name").get<std::string>(), columnTypeOf(node), node.nullable,
                           isNested(node)});
    }
    return columns;
}

AvroRowDecoder::AvroRowDecoder(const ordered_json& recordSchema, const std::vector<int>& target,
                               std::vector<int> nullColumns)
    : m_nullColumns(std::move(nullColumns)) {
    const ordered_json& fields = recordSchema.at("fields");
    for (std::size_t i = 0; i < fields.size(); ++i) {
        m_steps.push_back({nodeOf(fields[i].at("type")), i < target.size() ? target[i] : -1});
    }
}

AvroRowDecoder::~AvroRowDecoder() = default;
AvroRowDecoder::AvroRowDecoder(AvroRowDecoder&&) noexcept = default;
AvroRowDecoder& AvroRowDecoder::operator=(AvroRowDecoder&&) noexcept = default;

void AvroRowDecoder::decode(std::string_view payload, parquet::FileWriter& file) const {
    Reader in(payload);
    for (const Step& step : m_steps) {
        if (step.column < 0) {
            // Not stored: read past it.
            m_json.clear();
            writeJson(in, step.node, m_json);
            continue;
        }
        parquet::ColumnData& column = file.column(static_cast<std::size_t>(step.column));
        if (step.node.nullable && in.varint() == 0) {
            column.appendNull();
            continue;
        }
        switch (step.node.kind) {
        case AvroKind::Int:
        case AvroKind::Date:
            column.appendInt32(static_cast<int32_t>(in.varint()));
            break;
        case AvroKind::Long:
            column.appendInt64(in.varint());
            break;
        case AvroKind::TimestampMillis:
            column.appendInt64(in.varint() * 1000);
            break;
        case AvroKind::Float:
            column.appendFloat(in.fixed<float>());
            break;
        case AvroKind::Double:
            column.appendDouble(in.fixed<double>());
            break;
        case AvroKind::String:
            column.appendString(in.bytes());
            break;
        case AvroKind::Boolean:
            column.appendBool(in.boolean());
            break;
        case AvroKind::Record:
        case AvroKind::Array:
        case AvroKind::Map:
            m_json.clear();
            writePlainJson(in, step.node, m_json);
            column.appendString(m_json);
            break;
        }
    }
    if (!in.atEnd()) {
        throw std::runtime_error("Avro payload longer than its record");
    }
    for (const int column : m_nullColumns) {
        file.column(static_cast<std::size_t>(column)).appendNull();
    }
    file.endRow();
}

} // namespace streamgen
