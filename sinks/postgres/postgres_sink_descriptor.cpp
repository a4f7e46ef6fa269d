// The `postgres` sink: rows in PostgreSQL tables, loaded with COPY.
#include "postgres_reader.h"
#include "postgres_sink.h"
#include "sinks/sink_check.h"
#include "sinks/sink_descriptors.h"
#include "sinks/sink_options.h"

#include <libpq-fe.h>
#include <map>

namespace streamgen {

namespace {

namespace o = postgres_option;

bool jsonbLayout(const SinkCheck& check) {
    return check.literal(o::kLayout).value_or("") == "jsonb";
}

/// The connection string as written: libpq must read it, and a password in it must be a
/// reference.
void checkConnection(SinkCheck& check) {
    const OptionNode* node = check.option(o::kConnection);
    if (node == nullptr || node->kind != OptionNode::Kind::Scalar) {
        return;
    }
    if (literalPasswordOffset(node->scalar)) {
        check.error(
            o::kConnection,
            std::string("sink_config.") + o::kConnection +
                " holds a password in clear: write a reference in its place, such as "
                "postgresql://user:{{secrets/scope/key}}@host/db or password=${PGPASSWORD}, "
                "or give it in sink_config.password");
        return;
    }
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(node->scalar.c_str(), &error);
    if (options == nullptr) {
        std::string message = error != nullptr ? error : "cannot be read";
        while (!message.empty() && message.back() == '\n') {
            message.pop_back();
        }
        check.error(o::kConnection, std::string("sink_config.") + o::kConnection + ": " + message +
                                        " (expected keyword=value pairs or a postgresql:// URI)");
    }
    PQfreemem(error);
    PQconninfoFree(options);
}

void checkIdentifier(SinkCheck& check, const char* option, bool mayBeEmpty) {
    const auto name = check.literal(option);
    if (!name || (name->empty() && mayBeEmpty) || isPlainIdentifier(*name)) {
        return;
    }
    // A prefix is the start of a name, so it follows the same rules.
    check.error(option, std::string("sink_config.") + option +
                            ": expected a PostgreSQL name: a letter or `_`, then letters, digits "
                            "or `_`, at most 63 bytes; got `" +
                            *name + "`");
}

void checkInteger(SinkCheck& check, const char* option, int64_t minimum) {
    const auto text = check.literal(option);
    const auto value = text ? parseInteger(*text) : std::nullopt;
    if (value && *value < minimum) {
        check.error(option, std::string("sink_config.") + option + ": expected at least " +
                                std::to_string(minimum) + ", got " + *text);
    }
}

/// Located at an event type's id or a field, not at the sink section.
void reportAt(SinkCheck& check, SourceLocation location, std::string path, std::string message) {
    OptionNode at;
    at.location = location;
    check.report(Diagnostic::Severity::Error, at, std::move(path), std::move(message));
}

/// table_per_type: a table per event type, a column per field; the names must stay apart.
void checkTables(SinkCheck& check) {
    const Config& config = check.config();
    const std::string prefix = check.literal(o::kTablePrefix).value_or("");
    const std::string progress = check.literal(o::kProgressTable).value_or("streamgen_commits");
    std::map<std::string, std::string> tables; // table -> the event type id that makes it
    for (std::size_t t = 0; t < config.eventTypes.size(); ++t) {
        const EventType& type = config.eventTypes[t];
        const std::string path = "event_types[" + std::to_string(t) + "].event_type_id";
        const SourceLocation where = type.idLocation.known() ? type.idLocation : type.location;
        const std::string table = tableNameFor(prefix, type.id);
        if (table.size() > kMostIdentifierBytes) {
            reportAt(check, where, path,
                     "the postgres table of event type `" + type.id + "` would be `" + table +
                         "`, longer than PostgreSQL's 63 bytes; shorten the id or table_prefix");
        } else if (const auto [it, added] = tables.emplace(table, type.id); !added) {
            reportAt(check, where, path,
                     "event types `" + it->second + "` and `" + type.id +
                         "` would both write postgres table `" + table + "`; rename one");
        } else if (table == progress) {
            reportAt(check, where, path,
                     "the postgres table of event type `" + type.id + "` is `" + table +
                         "`, the sink's progress_table; set another progress_table");
        }
        std::size_t fields = 0;
        const auto checkField = [&](const FieldSpec& field, const std::string& fieldPath) {
            fields += field.omit ? 0 : 1;
            if (!field.omit && field.name.size() > kMostIdentifierBytes) {
                reportAt(check, field.location, fieldPath,
                         "field `" + field.name +
                             "` is longer than a PostgreSQL column name may be (63 bytes)");
            }
        };
        for (const FieldSpec& field : config.commonFields) {
            checkField(field, "common_fields." + field.name);
        }
        for (const FieldSpec& field : type.fields) {
            checkField(field, "event_types[" + std::to_string(t) + "].fields." + field.name);
        }
        if (fields == 0) {
            reportAt(check, where, path,
                     "event type `" + type.id +
                         "` has no fields: its postgres table would have no column (use "
                         "layout: jsonb, or give it fields)");
        }
    }
    if (check.option(o::kTable) != nullptr) {
        check.warning(o::kTable, std::string("sink_config.") + o::kTable +
                                     " is ignored with layout table_per_type (tables are named "
                                     "after event types, with table_prefix)");
    }
}

void checkJsonbTable(SinkCheck& check) {
    const std::string table = check.literal(o::kTable).value_or("events");
    if (table == check.literal(o::kProgressTable).value_or("streamgen_commits")) {
        check.error(o::kProgressTable, std::string("sink_config.") + o::kProgressTable +
                                           " must differ from the events table `" + table + "`");
    }
    if (check.option(o::kTablePrefix) != nullptr) {
        check.warning(o::kTablePrefix, std::string("sink_config.") + o::kTablePrefix +
                                           " is ignored with layout jsonb (one `table`)");
    }
}

} // namespace

SinkDescriptor postgresSinkDescriptor() {
    SinkDescriptor sink;
    sink.name = "postgres";
    sink.aliases = {"postgresql"};
    sink.description = "PostgreSQL tables loaded with COPY in transactions; delivered when the "
                       "transaction committed";
    sink.options = {
        {o::kConnection,
         OptionType::String,
         "",
         true,
         false,
         "libpq connection string or URI, e.g. postgresql://user:{{secrets/pg/password}}@host/db",
         {}},
        {o::kPassword,
         OptionType::String,
         "",
         false,
         true,
         "Password, if not in the connection string (or in ~/.pgpass)",
         {}},
        {o::kSchema, OptionType::String, "public", false, false, "Schema of the tables", {}},
        {o::kLayout,
         OptionType::String,
         "table_per_type",
         false,
         false,
         "table_per_type: a table per event type, a column per field; jsonb: one table of "
         "(event_type, sequence, payload jsonb)",
         {"table_per_type", "jsonb"}},
        {o::kTablePrefix,
         OptionType::String,
         "",
         false,
         false,
         "table_per_type: tables are named prefix + event type id (`user.purchase` -> "
         "user_purchase)",
         {}},
        {o::kTable, OptionType::String, "events", false, false, "jsonb: the table", {}},
        {o::kCreateTable,
         OptionType::Boolean,
         "true",
         false,
         false,
         "Create missing tables, with column types mapped from the fields",
         {}},
        {o::kBatchRows,
         OptionType::Integer,
         "100000",
         false,
         false,
         "Rows per transaction of each worker, about (and at most ~32 MiB of them)",
         {}},
        {o::kCommitInterval,
         OptionType::Integer,
         "1000",
         false,
         false,
         "Commit a transaction at the latest this long after its first row",
         {}},
        {o::kProgressTable,
         OptionType::String,
         "streamgen_commits",
         false,
         false,
         "The sink's record of committed batches, so that a lost connection duplicates no row; "
         "\"\" = none",
         {}},
        {o::kReconnectTimeout,
         OptionType::Integer,
         "60000",
         false,
         false,
         "How long to try reconnecting after the connection broke, before the run fails",
         {}},
    };
    sink.check = [](SinkCheck& check) {
        checkConnection(check);
        checkIdentifier(check, o::kSchema, false);
        checkIdentifier(check, o::kTable, false);
        checkIdentifier(check, o::kTablePrefix, true);
        checkIdentifier(check, o::kProgressTable, true);
        checkInteger(check, o::kBatchRows, 1);
        checkInteger(check, o::kCommitInterval, 0);
        checkInteger(check, o::kReconnectTimeout, 0);
        if (jsonbLayout(check)) {
            checkJsonbTable(check);
        } else {
            checkTables(check);
        }
    };
    sink.create = [](const SinkConfig& config) {
        SinkCreation result;
        PostgresSettings settings;
        if (readPostgresSettings(config, settings, result.error)) {
            result.sink = std::make_unique<PostgresSink>(std::move(settings));
        }
        return result;
    };
    sink.rowFormat = [](const SinkConfig& config) {
        const OptionNode* layout = config.options.find(o::kLayout);
        const bool jsonb = layout != nullptr && layout->kind == OptionNode::Kind::Scalar &&
                           layout->scalar == "jsonb";
        return jsonb ? Format::Json : Format::Csv;
    };
    sink.reader = makePostgresRecordSource;
    return sink;
}

} // namespace streamgen
