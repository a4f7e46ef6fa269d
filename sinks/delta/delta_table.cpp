#include "delta_table.h"

#include "engine/json_writer.h"
#include "sinks/fd_io.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace streamgen {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using nlohmann::ordered_json;

namespace {

int64_t nowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// The schema strings of two tables name the same columns with the same types; nullability and
/// metadata may differ, as Spark itself allows on append.
std::string schemaMismatch(const std::string& existing, const std::vector<parquet::Column>& ours) {
    const Json table = Json::parse(existing, nullptr, false);
    if (table.is_discarded() || !table.contains("fields")) {
        return "its schema string does not parse";
    }
    const Json& fields = table["fields"];
    for (const parquet::Column& column : ours) {
        const auto it = std::find_if(fields.begin(), fields.end(), [&](const Json& field) {
            return field.value("name", "") == column.name;
        });
        if (it == fields.end()) {
            return "it has no column `" + column.name + "`";
        }
        const Json& type = (*it)["type"];
        if (!type.is_string() || type.get<std::string>() != sparkTypeName(column.type)) {
            return "its column `" + column.name + "` is of type " + type.dump() +
                   "; the config writes " + sparkTypeName(column.type);
        }
    }
    if (fields.size() != ours.size()) {
        return "it has " + std::to_string(fields.size()) + " columns; the config writes " +
               std::to_string(ours.size());
    }
    return {};
}

void addBound(ordered_json& out, const parquet::Column& column, const parquet::ColumnStatistics& s,
              bool maximum) {
    using parquet::ColumnType;
    const int64_t integer = maximum ? s.maxInteger : s.minInteger;
    const double real = maximum ? s.maxReal : s.minReal;
    switch (column.type) {
    case ColumnType::Int32:
    case ColumnType::Int64:
        out[column.name] = integer;
        return;
    case ColumnType::Float:
    case ColumnType::Double:
        if (std::isfinite(real)) {
            out[column.name] = real;
        }
        return;
    case ColumnType::String: {
        // Delta readers skip files by these bounds: only whole values are exact ones, and a
        // column has both bounds or neither.
        if (s.minText.size() <= 32 && s.maxText.size() <= 32) {
            out[column.name] = maximum ? s.maxText : s.minText;
        }
        return;
    }
    case ColumnType::Date: {
        char buffer[24];
        out[column.name] = std::string(buffer, streamgen::json::writeDate(buffer, integer));
        return;
    }
    case ColumnType::TimestampMicros:
    case ColumnType::Boolean:
        return;
    }
}

} // namespace

std::string deltaStatistics(const std::vector<parquet::Column>& columns,
                            const std::vector<parquet::ColumnStatistics>& statistics,
                            uint64_t rows) {
    ordered_json minimum = ordered_json::object();
    ordered_json maximum = ordered_json::object();
    ordered_json nulls = ordered_json::object();
    for (std::size_t i = 0; i < columns.size() && i < statistics.size(); ++i) {
        nulls[columns[i].name] = statistics[i].nullCount;
        if (statistics[i].hasMinMax) {
            addBound(minimum, columns[i], statistics[i], false);
            addBound(maximum, columns[i], statistics[i], true);
        }
    }
    return ordered_json{
        {"numRecords", rows}, {"minValues", minimum}, {"maxValues", maximum}, {"nullCount", nulls}}
        .dump();
}

DeltaTable::DeltaTable(fs::path folder, std::vector<parquet::Column> columns)
    : m_folder(std::move(folder)), m_columns(std::move(columns)),
      m_schemaString(sparkSchemaString(m_columns)) {}

DeltaProgress DeltaTable::open(bool overwrite, const std::string& appId) {
    std::error_code error;
    fs::create_directories(m_folder / "_delta_log", error);
    if (error) {
        throw std::runtime_error("cannot create the table folder " + m_folder.string() + ": " +
                                 error.message());
    }
    m_state = readDeltaLog(m_folder);
    m_overwrite = overwrite;
    if (m_state.version < 0) {
        return {};
    }
    if (m_state.minReaderVersion > kDeltaReaderVersion ||
        m_state.minWriterVersion > kDeltaWriterVersion) {
        throw std::runtime_error(
            "the Delta table " + m_folder.string() + " needs protocol reader " +
            std::to_string(m_state.minReaderVersion) + " / writer " +
            std::to_string(m_state.minWriterVersion) + "; StreamGen writes reader " +
            std::to_string(kDeltaReaderVersion) + " / writer " +
            std::to_string(kDeltaWriterVersion) +
            " tables (use another path, or mode: overwrite is refused too)");
    }
    if (!m_state.partitionColumns.empty()) {
        throw std::runtime_error("the Delta table " + m_folder.string() +
                                 " is partitioned; StreamGen appends to unpartitioned tables only");
    }
    if (overwrite) {
        return {};
    }
    if (const std::string mismatch = schemaMismatch(m_state.schemaString, m_columns);
        !mismatch.empty()) {
        throw std::runtime_error("cannot append to the Delta table " + m_folder.string() + ": " +
                                 mismatch + " (mode: overwrite replaces the table)");
    }
    DeltaProgress progress;
    if (const auto it = m_state.transactions.find(appId); it != m_state.transactions.end()) {
        progress.prefix = static_cast<uint64_t>(std::max<int64_t>(it->second, 0));
    }
    if (const auto it = m_state.beyond.find(appId); it != m_state.beyond.end()) {
        progress.beyond = it->second;
    }
    return progress;
}

std::string DeltaTable::actions(const std::vector<DeltaDataFile>& files, const std::string& appId,
                                const DeltaProgress& progress, bool withMetadata) const {
    const int64_t now = nowMillis();
    std::string out;
    const auto line = [&out](const ordered_json& action) { out += action.dump() + "\n"; };
    ordered_json info = {{"timestamp", now},
                         {"operation", m_overwrite ? "WRITE" : "STREAMING UPDATE"},
                         {"operationParameters", {{"mode", m_overwrite ? "Overwrite" : "Append"}}},
                         {"isBlindAppend", !m_overwrite},
                         {"engineInfo", "streamgen"},
                         {"streamgen", {{"appId", appId}, {"beyond", progress.beyond}}}};
    line({{"commitInfo", info}});
    if (withMetadata) {
        line({{"protocol",
               {{"minReaderVersion", kDeltaReaderVersion},
                {"minWriterVersion", kDeltaWriterVersion}}}});
        line({{"metaData",
               {{"id", m_state.tableId.empty() ? randomUuid() : m_state.tableId},
                {"format", {{"provider", "parquet"}, {"options", Json::object()}}},
                {"schemaString", m_schemaString},
                {"partitionColumns", Json::array()},
                {"configuration", Json::object()},
                {"createdTime", now}}}});
    }
    line({{"txn", {{"appId", appId}, {"version", progress.prefix}, {"lastUpdated", now}}}});
    if (m_overwrite) {
        for (const std::string& path : m_state.files) {
            line({{"remove", {{"path", path}, {"deletionTimestamp", now}, {"dataChange", true}}}});
        }
    }
    for (const DeltaDataFile& file : files) {
        line({{"add",
               {{"path", file.path},
                {"partitionValues", Json::object()},
                {"size", file.size},
                {"modificationTime", now},
                {"dataChange", true},
                {"stats", file.stats}}}});
    }
    return out;
}

void DeltaTable::checkConcurrent(int64_t version) {
    DeltaTableState theirs;
    const fs::path path = deltaCommitPath(m_folder, version);
    const std::string text = readWholeFile(path.string());
    applyDeltaCommit(text, theirs);
    const bool changedTable = theirs.minWriterVersion != 0 || !theirs.schemaString.empty();
    // Two writers creating the table at once (shards of one stream, say): theirs came first,
    // and ours appends to it when it has our columns.
    const bool sameCreation =
        version == 0 && !m_overwrite && theirs.minReaderVersion <= kDeltaReaderVersion &&
        theirs.minWriterVersion <= kDeltaWriterVersion && theirs.partitionColumns.empty() &&
        schemaMismatch(theirs.schemaString, m_columns).empty();
    // An append reads nothing, so other writers' appends and removals leave it valid; an
    // overwrite removes what it read, and a change of the table's schema or protocol ends it.
    if (m_overwrite || (changedTable && !sameCreation)) {
        throw std::runtime_error(
            "another writer committed version " + std::to_string(version) + " of the Delta table " +
            m_folder.string() +
            (changedTable ? ", changing its protocol or schema" : " while it was overwritten") +
            "; StreamGen does not overwrite it");
    }
    applyDeltaCommit(text, m_state);
    m_state.version = version;
}

void DeltaTable::commit(const std::vector<DeltaDataFile>& files, const std::string& appId,
                        const DeltaProgress& progress) {
    for (;;) {
        const int64_t version = m_state.version + 1;
        const bool withMetadata = version == 0 || m_overwrite;
        if (writeDeltaCommit(m_folder, version, actions(files, appId, progress, withMetadata))) {
            m_state.version = version;
            if (m_overwrite) {
                m_state.files.clear();
                m_overwrite = false;
            }
            for (const DeltaDataFile& file : files) {
                m_state.files.push_back(file.path);
            }
            return;
        }
        checkConcurrent(version);
    }
}

} // namespace streamgen
