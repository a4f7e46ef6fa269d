// The `delta` sink: dblstreamgen's `path`, `mode` and `table_prefix`, with the file sink's limits.
#include "delta_sink.h"
#include "engine/encoders/event_layout.h"
#include "sinks/sink_check.h"
#include "sinks/sink_descriptors.h"
#include "sinks/sink_options.h"

#include <map>

namespace streamgen {

namespace {

std::string storageName(ValueStorage storage) {
    switch (storage) {
    case ValueStorage::Int32:
        return "integer";
    case ValueStorage::Int64:
        return "long";
    case ValueStorage::Float32:
        return "float";
    case ValueStorage::Float64:
        return "double";
    case ValueStorage::Boolean:
        return "boolean";
    case ValueStorage::Timestamp:
        return "timestamp";
    case ValueStorage::Date:
        return "date";
    default:
        return "string";
    }
}

/// One table for all types has one column per field name: the same name must mean the same
/// column type in every type that has it.
void checkColumnTypes(SinkCheck& check) {
    if (check.literal("table_per").value_or("stream") != "stream") {
        return;
    }
    std::map<std::string, std::pair<std::string, std::string>> seen; // name -> type, event type
    for (const TypeLayout& type : makeEventLayout(check.config()).types) {
        for (const FieldLayout& field : type.fields) {
            const std::string column = storageName(field.storage);
            const auto [it, added] = seen.emplace(field.name, std::pair(column, type.id));
            if (!added && it->second.first != column) {
                check.error("table_per",
                            "sink_config.table_per: field `" + field.name + "` is a " + column +
                                " in `" + type.id + "` (line " +
                                std::to_string(field.location.line) + ") and a " +
                                it->second.first + " in `" + it->second.second +
                                "`; one table needs one type per column (table_per: event_type "
                                "writes a table per type)");
            }
        }
    }
}

void checkDeltaSink(SinkCheck& check) {
    if (const auto path = check.literal(kFolderOption); path && path->empty()) {
        check.error(kFolderOption, "sink_config.path: the table folder is empty");
    }
    if (const auto prefix = check.literal("table_prefix");
        prefix && prefix->find('/') != std::string::npos) {
        check.error("table_prefix",
                    "sink_config.table_prefix: expected a name without `/`, got `" + *prefix + "`");
    }
    checkNonNegative(check, {"max_records", "max_bytes", "max_seconds"});
    checkColumnTypes(check);
}

SinkCreation createDeltaSink(const SinkConfig& config) {
    SinkCreation result;
    DeltaSettings settings;
    const auto path = sinkOption(config.options, std::string(kFolderOption), result.error);
    if (!path || path->empty()) {
        if (result.error.empty()) {
            result.error =
                "the delta sink needs a table folder: set sink_config.path or pass --out DIR";
        }
        return result;
    }
    settings.path = *path;
    const auto text = [&](const char* key, const char* fallback) {
        return sinkOption(config.options, key, result.error).value_or(fallback);
    };
    settings.overwrite = text("mode", "append") == "overwrite";
    settings.tablePerType = text("table_per", "stream") == "event_type";
    settings.tablePrefix = text("table_prefix", "");
    const std::string codec = text("compression", "snappy");
    settings.compression = codec == "zstd"   ? parquet::Compression::Zstd
                           : codec == "none" ? parquet::Compression::None
                                             : parquet::Compression::Snappy;
    double records = static_cast<double>(settings.maxRecords);
    double bytes = static_cast<double>(settings.maxBytes);
    if (!result.error.empty() || !readNonNegative(config, "max_records", records, result.error) ||
        !readNonNegative(config, "max_bytes", bytes, result.error) ||
        !readNonNegative(config, "max_seconds", settings.maxSeconds, result.error)) {
        return result;
    }
    constexpr double kMaxLimit = 9.2e18;
    settings.maxRecords =
        std::max<uint64_t>(1, static_cast<uint64_t>(std::min(records, kMaxLimit)));
    settings.maxBytes = std::max<uint64_t>(1, static_cast<uint64_t>(std::min(bytes, kMaxLimit)));
    result.sink = std::make_unique<DeltaSink>(std::move(settings));
    return result;
}

} // namespace

SinkDescriptor deltaSinkDescriptor() {
    SinkDescriptor sink;
    sink.name = "delta";
    sink.description = "Delta Lake tables: Parquet files and `_delta_log` commits; delivered "
                       "when committed, and a rerun of the same seed continues the table";
    sink.options = {
        {std::string(kFolderOption),
         OptionType::String,
         "",
         true,
         false,
         "Folder of the table, or of the tables with table_per: event_type (`--out DIR`)",
         {}},
        {"mode",
         OptionType::String,
         "append",
         false,
         false,
         "append adds to the table; overwrite replaces what it held in the first commit",
         {"append", "overwrite"}},
        {"table_per",
         OptionType::String,
         "stream",
         false,
         false,
         "stream: one table with event_type_id and every field; event_type: a table per type",
         {"stream", "event_type"}},
        {"table_prefix",
         OptionType::String,
         "",
         false,
         false,
         "Start of each table's folder name with table_per: event_type",
         {}},
        {"compression",
         OptionType::String,
         "snappy",
         false,
         false,
         "Parquet page compression",
         {"snappy", "zstd", "none"}},
        {"max_records",
         OptionType::Integer,
         "1000000",
         false,
         false,
         "Commit after this many events",
         {}},
        {"max_bytes",
         OptionType::Integer,
         "134217728",
         false,
         false,
         "Start a new data file after this many bytes",
         {}},
        {"max_seconds",
         OptionType::Number,
         "10",
         false,
         false,
         "Commit every this many seconds at the starting rate; 0 = by max_records only",
         {}},
    };
    sink.check = checkDeltaSink;
    sink.create = createDeltaSink;
    sink.rowFormat = [](const SinkConfig&) { return Format::Avro; };
    return sink;
}

} // namespace streamgen
