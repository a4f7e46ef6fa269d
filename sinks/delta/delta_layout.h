#pragma once

#include "engine/plan.h"
#include "parquet_writer.h"

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace streamgen {

/// Where the delta sink puts each event type's rows: the tables, and for each type its table
/// and where its Avro record's fields land among that table's columns.
struct DeltaLayout {
    struct Table {
        std::filesystem::path folder;
        std::vector<parquet::Column> columns;
    };
    std::vector<Table> tables;
    std::vector<uint32_t> tableOf;               ///< per type
    std::vector<nlohmann::ordered_json> records; ///< per type: its Avro record schema
    std::vector<std::vector<int>> targets;       ///< per type: the column of each record field
    std::vector<std::vector<int>> nullColumns;   ///< per type: columns its rows leave null
};

/// One table at `path` for the whole stream (`event_type_id`, then every field of every type by
/// name), or with `tablePerType` a table `<path>/<tablePrefix><type>` per type. Throws
/// SinkError when two types give one column two types in a table of the stream.
DeltaLayout deltaLayout(const Plan& plan, const std::filesystem::path& path, bool tablePerType,
                        const std::string& tablePrefix);

} // namespace streamgen
