// Writes the Parquet files that test_parquet_readers.py reads back with DuckDB and hyparquet, and
// expected.json: per file its columns, every row and the statistics FileWriter reported. Values
// come from a hash of (row, column), so the files are the same on every run.
//
// usage: parquet_fixture_writer OUTPUT_DIR

#include "sinks/delta/parquet_writer.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

namespace {

using namespace streamgen::parquet;
using nlohmann::json;

using Cell = std::variant<std::monostate, bool, int64_t, double, std::string>;

struct FixtureColumn {
    Column column;
    bool expectDictionary = false; ///< the writer should pick a dictionary for it
};

struct Fixture {
    std::string file;
    WriterOptions options;
    std::vector<FixtureColumn> columns;
    std::size_t rows = 0;
    std::size_t rowGroupRows = 0;
    std::function<Cell(std::size_t row, std::size_t column)> value;
};

uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

uint64_t hashOf(std::size_t row, std::size_t column) {
    return mix(row * 1000003ULL + column);
}

const char* typeName(ColumnType type) {
    switch (type) {
    case ColumnType::Boolean:
        return "Boolean";
    case ColumnType::Int32:
        return "Int32";
    case ColumnType::Int64:
        return "Int64";
    case ColumnType::Float:
        return "Float";
    case ColumnType::Double:
        return "Double";
    case ColumnType::String:
        return "String";
    case ColumnType::Date:
        return "Date";
    case ColumnType::TimestampMicros:
        return "TimestampMicros";
    }
    return "?";
}

/// JSON has no NaN, infinities or 64-bit integers: those travel as strings.
json realJson(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "Infinity" : "-Infinity";
    }
    return value;
}

json integerJson(int64_t value, ColumnType type) {
    if (type == ColumnType::Int64 || type == ColumnType::TimestampMicros) {
        return std::to_string(value);
    }
    if (type == ColumnType::Boolean) {
        return value != 0;
    }
    return value;
}

json cellJson(const Cell& cell, ColumnType type) {
    if (const auto* flag = std::get_if<bool>(&cell)) {
        return *flag;
    }
    if (const auto* integer = std::get_if<int64_t>(&cell)) {
        return integerJson(*integer, type);
    }
    if (const auto* real = std::get_if<double>(&cell)) {
        return realJson(type == ColumnType::Float ? static_cast<float>(*real) : *real);
    }
    if (const auto* text = std::get_if<std::string>(&cell)) {
        return *text;
    }
    return nullptr;
}

void append(ColumnData& data, ColumnType type, const Cell& cell) {
    if (std::holds_alternative<std::monostate>(cell)) {
        return data.appendNull();
    }
    switch (type) {
    case ColumnType::Boolean:
        return data.appendBool(std::get<bool>(cell));
    case ColumnType::Int32:
    case ColumnType::Date:
        return data.appendInt32(static_cast<int32_t>(std::get<int64_t>(cell)));
    case ColumnType::Int64:
    case ColumnType::TimestampMicros:
        return data.appendInt64(std::get<int64_t>(cell));
    case ColumnType::Float:
        return data.appendFloat(static_cast<float>(std::get<double>(cell)));
    case ColumnType::Double:
        return data.appendDouble(std::get<double>(cell));
    case ColumnType::String:
        return data.appendString(std::get<std::string>(cell));
    }
}

const char* codecName(Compression compression) {
    switch (compression) {
    case Compression::None:
        return "UNCOMPRESSED";
    case Compression::Snappy:
        return "SNAPPY";
    case Compression::Zstd:
        return "ZSTD";
    }
    return "?";
}

json statisticsJson(const ColumnStatistics& statistics, ColumnType type) {
    json out{{"nullCount", statistics.nullCount}, {"hasMinMax", statistics.hasMinMax}};
    if (!statistics.hasMinMax) {
        return out;
    }
    switch (type) {
    case ColumnType::Float:
    case ColumnType::Double:
        out["min"] = realJson(statistics.minReal);
        out["max"] = realJson(statistics.maxReal);
        break;
    case ColumnType::String:
        out["min"] = statistics.minText;
        out["max"] = statistics.maxText;
        break;
    default:
        out["min"] = integerJson(statistics.minInteger, type);
        out["max"] = integerJson(statistics.maxInteger, type);
        break;
    }
    return out;
}

json columnsJson(const Fixture& fixture) {
    json columns = json::array();
    for (const FixtureColumn& column : fixture.columns) {
        columns.push_back({{"name", column.column.name},
                           {"type", typeName(column.column.type)},
                           {"nullable", column.column.nullable},
                           {"expectDictionary", column.expectDictionary}});
    }
    return columns;
}

/// Writes one fixture to `directory`, consuming the writer's output as a sink would.
json writeFixture(const Fixture& fixture, const std::string& directory) {
    std::vector<Column> columns;
    for (const FixtureColumn& column : fixture.columns) {
        columns.push_back(column.column);
    }
    FileWriter writer(columns, fixture.options);
    std::ofstream file(directory + "/" + fixture.file, std::ios::binary);
    json rows = json::array();
    std::size_t rowGroups = 0;
    for (std::size_t row = 0; row < fixture.rows; ++row) {
        json jsonRow = json::array();
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const Cell cell = fixture.value(row, c);
            append(writer.column(c), columns[c].type, cell);
            jsonRow.push_back(cellJson(cell, columns[c].type));
        }
        rows.push_back(std::move(jsonRow));
        writer.endRow();
        if (writer.pendingRows() == fixture.rowGroupRows) {
            writer.endRowGroup();
            ++rowGroups;
            file.write(writer.output().data(),
                       static_cast<std::streamsize>(writer.output().size()));
            writer.consumeOutput();
        }
    }
    rowGroups += writer.pendingRows() > 0 ? 1 : 0;
    writer.finish();
    file.write(writer.output().data(), static_cast<std::streamsize>(writer.output().size()));
    if (!file) {
        throw std::runtime_error("cannot write " + fixture.file);
    }
    json statistics = json::array();
    for (std::size_t c = 0; c < columns.size(); ++c) {
        statistics.push_back(statisticsJson(writer.statistics()[c], columns[c].type));
    }
    return {{"file", fixture.file},    {"compression", codecName(fixture.options.compression)},
            {"rowGroups", rowGroups},  {"columns", columnsJson(fixture)},
            {"rows", std::move(rows)}, {"statistics", std::move(statistics)}};
}

// --- The fixtures -----------------------------------------------------------------------------

const std::vector<std::string> kWords{"",          "alpha",  "beta",    "é",          "日本語",
                                      "🦆 duck", "Zürich", "a\tb\nc", "\"quoted\"", "z"};

/// A value of `type` derived from `hash`, spread over the type's range.
Cell typedValue(ColumnType type, uint64_t hash, bool highCardinality) {
    switch (type) {
    case ColumnType::Boolean:
        return (hash & 1) != 0;
    case ColumnType::Int32:
        return static_cast<int64_t>(static_cast<int32_t>(hash >> 17));
    case ColumnType::Int64:
        return static_cast<int64_t>(hash);
    case ColumnType::Float:
        return static_cast<double>(static_cast<float>(static_cast<int32_t>(hash >> 32)) / 1024.0f);
    case ColumnType::Double:
        return static_cast<double>(static_cast<int64_t>(hash)) / 3.0;
    case ColumnType::String:
        return highCardinality ? "user-" + std::to_string(hash % 100000000) + "-" +
                                     kWords[(hash >> 40) % kWords.size()]
                               : kWords[hash % kWords.size()];
    case ColumnType::Date:
        return static_cast<int64_t>(hash % 75000) - 25000; // 1901 .. 2175
    case ColumnType::TimestampMicros:
        // About 1900 .. 2100, negative before 1970.
        return static_cast<int64_t>(hash % 6'300'000'000'000'000ULL) - 2'200'000'000'000'000LL;
    }
    return {};
}

const std::vector<ColumnType> kAllTypes{
    ColumnType::Boolean, ColumnType::Int32,  ColumnType::Int64, ColumnType::Float,
    ColumnType::Double,  ColumnType::String, ColumnType::Date,  ColumnType::TimestampMicros};

std::vector<FixtureColumn> everyTypeColumns(bool dictionary) {
    std::vector<FixtureColumn> columns;
    for (const ColumnType type : kAllTypes) {
        const std::string name = typeName(type);
        const bool lowCardinality = type == ColumnType::String && dictionary;
        columns.push_back({{name + "_required", type, false}, lowCardinality});
        columns.push_back({{name + "_nullable", type, true}, lowCardinality});
    }
    columns.push_back({{"String_unique", ColumnType::String, true}, false});
    columns.push_back({{"String_constant", ColumnType::String, false}, dictionary});
    columns.push_back({{"Int64_all_null", ColumnType::Int64, true}, false});
    return columns;
}

/// Nulls at random and in one long run that covers whole pages.
bool isNull(std::size_t row, uint64_t hash) {
    return (row >= 300 && row < 450) || hash % 5 == 0;
}

Fixture everyTypeFixture(std::string file, Compression compression, bool dictionary) {
    Fixture fixture;
    fixture.file = std::move(file);
    fixture.options.compression = compression;
    fixture.options.dictionary = dictionary;
    fixture.options.pageRows = 100;
    fixture.columns = everyTypeColumns(dictionary);
    fixture.rows = 2500;
    fixture.rowGroupRows = 1000;
    const auto columns = fixture.columns;
    fixture.value = [columns](std::size_t row, std::size_t c) -> Cell {
        const Column& column = columns[c].column;
        const uint64_t hash = hashOf(row, c);
        if (column.name == "Int64_all_null" || (column.nullable && isNull(row, hash >> 7))) {
            return {};
        }
        if (column.name == "String_constant") {
            return std::string("constant ✓");
        }
        return typedValue(column.type, hash, column.name == "String_unique");
    };
    return fixture;
}

/// Each type's extremes and special values, one per row, in fewer rows than a bit-packed group.
Fixture edgeValueFixture() {
    Fixture fixture;
    fixture.file = "edge_values.parquet";
    fixture.options.compression = Compression::Snappy;
    for (const ColumnType type : kAllTypes) {
        fixture.columns.push_back({{std::string(typeName(type)) + "_edges", type, true}, false});
    }
    fixture.rows = 7;
    fixture.rowGroupRows = 7;
    const double inf = std::numeric_limits<double>::infinity();
    const float fmax = std::numeric_limits<float>::max();
    const int64_t i64min = std::numeric_limits<int64_t>::min();
    const int64_t i64max = std::numeric_limits<int64_t>::max();
    const std::vector<std::vector<Cell>> byType{
        {true, false, {}, true, true, false, {}},
        {int64_t{INT32_MIN}, int64_t{INT32_MAX}, int64_t{0}, int64_t{-1}, {}, int64_t{1}, {}},
        {i64min, i64max, int64_t{0}, int64_t{-1}, int64_t{1}, {}, int64_t{1} << 53},
        {std::nan(""), inf, -inf, -0.0, 0.0, static_cast<double>(fmax), 1e-40},
        {std::nan(""), -0.0, 0.0, std::numeric_limits<double>::denorm_min(),
         std::numeric_limits<double>::max(), -inf, 0.1},
        {std::string(),
         std::string("\xf0\x9f\xa6\x86"),
         {},
         std::string(300, 'x'),
         std::string("\x7f"),
         std::string("\xc2\x80"),
         std::string("A")},
        {int64_t{0}, int64_t{-1}, int64_t{-719162}, int64_t{2932896}, {}, int64_t{19723}, {}},
        {int64_t{0},
         int64_t{-1},
         int64_t{-62135596800000000LL},
         int64_t{253402300799999999LL},
         int64_t{1700000000123456LL},
         {},
         int64_t{1}},
    };
    fixture.value = [byType](std::size_t row, std::size_t c) { return byType[c][row]; };
    return fixture;
}

/// A file with nothing but nulls, in two row groups.
Fixture allNullFixture() {
    Fixture fixture;
    fixture.file = "all_null.parquet";
    fixture.options.compression = Compression::Zstd;
    fixture.options.pageRows = 16;
    for (const ColumnType type : kAllTypes) {
        fixture.columns.push_back({{std::string(typeName(type)) + "_nulls", type, true}, false});
    }
    fixture.rows = 50;
    fixture.rowGroupRows = 30;
    fixture.value = [](std::size_t, std::size_t) { return Cell{}; };
    return fixture;
}

/// Only the footer: a schema and no row group.
Fixture emptyFixture() {
    Fixture fixture;
    fixture.file = "empty.parquet";
    fixture.columns = {{{"id", ColumnType::Int64, false}, false},
                       {{"name", ColumnType::String, true}, false}};
    fixture.value = [](std::size_t, std::size_t) { return Cell{}; };
    return fixture;
}

/// Strings only, in pages whose sizes are not multiples of 8, without dictionaries.
Fixture plainStringFixture() {
    Fixture fixture;
    fixture.file = "strings_plain.parquet";
    fixture.options.compression = Compression::Snappy;
    fixture.options.dictionary = false;
    fixture.options.pageRows = 61;
    fixture.columns = {{{"word", ColumnType::String, true}, false},
                       {{"label", ColumnType::String, false}, false}};
    fixture.rows = 700;
    fixture.rowGroupRows = 700;
    fixture.value = [](std::size_t row, std::size_t c) -> Cell {
        const uint64_t hash = hashOf(row, c);
        if (c == 0 && hash % 3 == 0) {
            return {};
        }
        return typedValue(ColumnType::String, hash, c == 1);
    };
    return fixture;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: parquet_fixture_writer OUTPUT_DIR\n";
        return 2;
    }
    const std::string directory = argv[1];
    const std::vector<Fixture> fixtures{
        everyTypeFixture("every_type_snappy.parquet", Compression::Snappy, true),
        everyTypeFixture("every_type_zstd.parquet", Compression::Zstd, true),
        everyTypeFixture("every_type_uncompressed.parquet", Compression::None, true),
        everyTypeFixture("every_type_plain_snappy.parquet", Compression::Snappy, false),
        edgeValueFixture(),
        allNullFixture(),
        emptyFixture(),
        plainStringFixture(),
    };
    json files = json::array();
    for (const Fixture& fixture : fixtures) {
        files.push_back(writeFixture(fixture, directory));
    }
    std::ofstream(directory + "/expected.json") << json{{"files", files}}.dump(1);
    return 0;
}
