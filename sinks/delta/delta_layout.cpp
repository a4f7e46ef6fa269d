#include "delta_layout.h"

#include "avro_row_decoder.h"
#include "delta_log.h"

#include "engine/sink.h"

#include <algorithm>
#include <cctype>

namespace streamgen {

namespace {

/// A folder name for an event type: letters, digits and `_`, as Spark and SQL want table
/// names.
std::string tableNameOf(const std::string& prefix, const std::string& typeId) {
    std::string name = prefix;
    for (const char c : typeId) {
        name.push_back(std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_');
    }
    return name;
}

} // namespace

DeltaLayout deltaLayout(const Plan& plan, const std::filesystem::path& path, bool tablePerType,
                        const std::string& tablePrefix) {
    DeltaLayout layout;
    const uint32_t types = static_cast<uint32_t>(plan.typeCount());
    auto& records = layout.records;
    for (uint32_t type = 0; type < types; ++type) {
        records.push_back(nlohmann::ordered_json::parse(plan.avroTypeSchema(type)));
    }
    auto& targets = layout.targets;
    auto& nullColumns = layout.nullColumns;
    targets.resize(types);
    nullColumns.resize(types);
    if (tablePerType) {
        for (uint32_t type = 0; type < types; ++type) {
            std::vector<parquet::Column> columns;
            targets[type].push_back(-1); // the table is the type: no event_type_id column
            const std::vector<RowColumn> fields = rowColumnsOf(records[type]);
            for (std::size_t i = 1; i < fields.size(); ++i) {
                targets[type].push_back(static_cast<int>(columns.size()));
                columns.push_back({fields[i].name, fields[i].type, fields[i].nullable});
            }
            layout.tableOf.push_back(type);
            layout.tables.push_back(
                {path / tableNameOf(tablePrefix, plan.typeId(type)), std::move(columns)});
        }
    } else {
        // One table for the stream: event_type_id, then every field of every type by name;
        // a row holds null in the columns its type does not have.
        std::vector<parquet::Column> columns{{"event_type_id", parquet::ColumnType::String, false}};
        for (uint32_t type = 0; type < types; ++type) {
            const std::vector<RowColumn> fields = rowColumnsOf(records[type]);
            std::vector<bool> has(columns.size(), false);
            targets[type].push_back(0);
            has[0] = true;
            for (std::size_t i = 1; i < fields.size(); ++i) {
                auto it = std::find_if(columns.begin(), columns.end(), [&](const auto& column) {
                    return column.name == fields[i].name;
                });
                if (it == columns.end()) {
                    columns.push_back({fields[i].name, fields[i].type, true});
                    has.push_back(false);
                    it = columns.end() - 1;
                } else if (it->type != fields[i].type) {
                    throw SinkError("delta: field `" + fields[i].name + "` of `" +
                                    plan.typeId(type) + "` is a " + sparkTypeName(fields[i].type) +
                                    " and elsewhere a " + sparkTypeName(it->type) +
                                    "; one table needs one type per column (table_per: "
                                    "event_type writes a table per type)");
                }
                const auto column = static_cast<std::size_t>(it - columns.begin());
                targets[type].push_back(static_cast<int>(column));
                has[column] = true;
            }
            for (std::size_t column = 0; column < has.size(); ++column) {
                if (!has[column]) {
                    nullColumns[type].push_back(static_cast<int>(column));
                }
            }
            layout.tableOf.push_back(0);
        }
        // Columns found after a type was compiled are null in its rows as well.
        for (uint32_t type = 0; type < types; ++type) {
            for (std::size_t column = 0; column < columns.size(); ++column) {
                const auto& t = targets[type];
                const auto& n = nullColumns[type];
                if (std::find(t.begin(), t.end(), static_cast<int>(column)) == t.end() &&
                    std::find(n.begin(), n.end(), static_cast<int>(column)) == n.end()) {
                    nullColumns[type].push_back(static_cast<int>(column));
                }
            }
        }
        layout.tables.push_back({path, std::move(columns)});
    }
    return layout;
}

} // namespace streamgen
