#pragma once

#include "parquet_writer.h"

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen {

/// A column of a table, as the Avro record of an event type describes it.
struct RowColumn {
    std::string name;
    parquet::ColumnType type = parquet::ColumnType::String;
    bool nullable = true;
    /// Structs, arrays and maps are stored as their JSON text (a string column).
    bool nested = false;
};

/// The columns an Avro record schema (as `Plan::avroTypeSchema` writes it) becomes, in order:
/// `event_type_id` first, then the fields. Throws std::runtime_error for a type it cannot map.
std::vector<RowColumn> rowColumnsOf(const nlohmann::ordered_json& recordSchema);

/// Reads the Avro binary body of one event type's records into the columns of a Parquet file,
/// field by field, with the steps compiled once from the record schema: a table sink receives
/// events encoded as Avro because that keeps every value's type, and decoding it is a walk over
/// varints and lengths, with no parsing of text.
class AvroRowDecoder {
public:
    /// `recordSchema` is the type's Avro record; `target[i]` is the table column that the
    /// record's field i fills (-1: not stored, such as `event_type_id` in a table of one type);
    /// `nullColumns` are the table's columns this type does not have, set to null on each row.
    AvroRowDecoder(const nlohmann::ordered_json& recordSchema, const std::vector<int>& target,
                   std::vector<int> nullColumns);
    ~AvroRowDecoder();
    AvroRowDecoder(AvroRowDecoder&&) noexcept;
    AvroRowDecoder& operator=(AvroRowDecoder&&) noexcept;

    /// Appends the event in `payload` as one row of `file`. Throws std::runtime_error when the
    /// payload does not follow the schema.
    void decode(std::string_view payload, parquet::FileWriter& file) const;

private:
    struct Step;
    std::vector<Step> m_steps;
    std::vector<int> m_nullColumns;
    /// Scratch text of nested values: decoding runs on one worker per decoder copy.
    mutable std::string m_json;
};

} // namespace streamgen
