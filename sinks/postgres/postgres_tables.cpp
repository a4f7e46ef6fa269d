#include "postgres_tables.h"

#include "engine/sink.h"
#include "postgres_connection.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <libpq-fe.h>
#include <map>

namespace streamgen {

namespace {

/// The column types an existing table may have for each type the sink writes: those whose text
/// input reads every value the sink writes, without loss.
const std::map<std::string, std::vector<std::string>>& acceptedTypes() {
    static const std::map<std::string, std::vector<std::string>> accepted{
        {"integer", {"integer", "bigint", "numeric"}},
        {"bigint", {"bigint", "numeric"}},
        {"real", {"real", "double precision", "numeric"}},
        {"double precision", {"double precision", "numeric"}},
        {"numeric", {"numeric", "double precision"}},
        {"text", {"text", "character varying"}},
        {"uuid", {"uuid", "text", "character varying"}},
        {"boolean", {"boolean"}},
        {"timestamp with time zone", {"timestamp with time zone", "timestamp without time zone"}},
        {"date", {"date", "timestamp with time zone", "timestamp without time zone"}},
        {"jsonb", {"jsonb", "json", "text"}},
    };
    return accepted;
}

/// The event_type_id cell as the CSV encoder writes it (quoted when it must be).
std::string csvCell(std::string_view text, char delimiter) {
    const char special[] = {delimiter, '"', '\r', '\n'};
    if (text.find_first_of(std::string_view(special, sizeof special)) == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c == '"' ? "\"\"" : std::string(1, c);
    }
    return out + "\"";
}

/// `text` as a cell of COPY's text format.
std::string textCell(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

std::string delimiterLiteral(char delimiter) {
    return delimiter == '\t' ? "E'\\t'" : std::string("'") + delimiter + "'";
}

std::string columnList(const PostgresTable& table) {
    std::string out;
    for (const PostgresColumn& column : table.columns) {
        out += (out.empty() ? "" : ", ") + quoteIdentifier(column.name);
    }
    return out;
}

std::string createSql(const PostgresTable& table, const std::string& schema) {
    std::string columns;
    for (const PostgresColumn& column : table.columns) {
        columns += (columns.empty() ? "" : ", ") + quoteIdentifier(column.name) + " " + column.type;
    }
    return "CREATE TABLE IF NOT EXISTS " + qualifiedName(schema, table.name) + " (" + columns + ")";
}

/// An existing table's column.
struct ExistingColumn {
    std::string type;
    bool nullable = true;
    bool hasDefault = false;
};

/// The columns of `schema.table` by name, in table order; false with `error` when they cannot be
/// read. No rows: the table does not exist (or shows no column to this user).
bool readColumns(PgConnection& connection, const std::string& schema, const std::string& table,
                 std::vector<std::pair<std::string, ExistingColumn>>& out, std::string& error) {
    const PgResult result = connection.exec(
        "SELECT column_name, data_type, is_nullable = 'YES', column_default IS NOT NULL OR "
        "is_identity = 'YES' OR is_generated <> 'NEVER' FROM information_schema.columns "
        "WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
        {schema, table});
    if (!succeeded(result.get())) {
        error = errorText(result.get(), connection.lastError());
        return false;
    }
    for (int row = 0; row < PQntuples(result.get()); ++row) {
        out.emplace_back(PQgetvalue(result.get(), row, 0),
                         ExistingColumn{PQgetvalue(result.get(), row, 1),
                                        PQgetvalue(result.get(), row, 2)[0] == 't',
                                        PQgetvalue(result.get(), row, 3)[0] == 't'});
    }
    return true;
}

/// "" when the existing columns take the table's rows, else what stands in the way.
std::string compatibility(const PostgresTable& table, const std::string& schema,
                          const std::vector<std::pair<std::string, ExistingColumn>>& existing) {
    const std::string name = "table " + schema + "." + table.name;
    for (const PostgresColumn& column : table.columns) {
        const auto found = std::find_if(existing.begin(), existing.end(),
                                        [&](const auto& e) { return e.first == column.name; });
        const std::string origin = column.path.empty() ? "" : " (" + column.path + ")";
        if (found == existing.end()) {
            std::string names;
            for (const auto& [existingName, _] : existing) {
                names += (names.empty() ? "" : ", ") + existingName;
            }
            return name + " has no column " + column.name + ", which the config writes" + origin +
                   "; its columns are " + names;
        }
        const auto& accepted = acceptedTypes().at(column.type);
        if (std::find(accepted.begin(), accepted.end(), found->second.type) == accepted.end()) {
            return name + " has column " + column.name + " of type " + found->second.type +
                   "; the config writes " + column.type + origin;
        }
    }
    for (const auto& [existingName, column] : existing) {
        const bool written =
            std::any_of(table.columns.begin(), table.columns.end(),
                        [&, n = &existingName](const PostgresColumn& c) { return c.name == *n; });
        if (!written && !column.nullable && !column.hasDefault) {
            return name + " has column " + existingName +
                   " NOT NULL without a default, which the config does not write";
        }
    }
    return "";
}

std::string progressTableSql(const PostgresSettings& settings) {
    return "CREATE TABLE IF NOT EXISTS " + qualifiedName(settings.schema, settings.progressTable) +
           " (run_id text NOT NULL, worker integer NOT NULL, batch bigint NOT NULL, "
           "committed_at timestamp with time zone NOT NULL DEFAULT now(), "
           "PRIMARY KEY (run_id, worker, batch))";
}

/// Two sinks creating the same table at once: one of them sees a duplicate key in the catalog.
bool lostCreateRace(const std::string& state) {
    return state == "23505" || state == "42P07";
}

} // namespace

std::string postgresType(const FieldLayout& field) {
    switch (field.storage) {
    case ValueStorage::Int32:
        return "integer";
    case ValueStorage::Int64:
        return "bigint";
    case ValueStorage::Float32:
        return "real";
    case ValueStorage::Float64:
        return field.type == FieldType::Decimal ? "numeric" : "double precision";
    case ValueStorage::String:
        return "text";
    case ValueStorage::Uuid:
        return "uuid";
    case ValueStorage::Boolean:
        return "boolean";
    case ValueStorage::Timestamp:
        return "timestamp with time zone";
    case ValueStorage::Date:
        return "date";
    case ValueStorage::Struct:
    case ValueStorage::Array:
    case ValueStorage::Map:
        return "jsonb";
    }
    return "text";
}

PostgresTables::PostgresTables(const Plan& plan, const PostgresSettings& settings)
    : m_jsonb(settings.layout == PostgresLayout::Jsonb) {
    const Format needed = m_jsonb ? Format::Json : Format::Csv;
    if (plan.format() != needed) {
        throw SinkError(std::string("the postgres sink's ") +
                        (m_jsonb ? "jsonb layout needs events encoded as JSON"
                                 : "table_per_type layout needs events encoded as CSV"));
    }
    if (m_jsonb) {
        PostgresTable table;
        table.name = settings.table;
        table.columns = {{"event_type", "text", "", false},
                         {"sequence", "bigint", "", false},
                         {"payload", "jsonb", "", false}};
        table.copySql = "COPY " + qualifiedName(settings.schema, table.name) + " (" +
                        columnList(table) + ") FROM STDIN";
        m_tables.push_back(std::move(table));
        for (uint32_t type = 0; type < plan.typeCount(); ++type) {
            m_typeCells.push_back(textCell(plan.typeId(type)));
        }
        return;
    }
    // The header is `event_type_id` and the delimiter, then the columns.
    const std::string header = plan.schema();
    constexpr std::size_t kFirstCell = 13;
    m_delimiter =
        header.size() > kFirstCell && header[kFirstCell] != '\n' ? header[kFirstCell] : ',';
    std::vector<std::string> lineColumns;
    for (uint32_t type = 0; type < plan.typeCount(); ++type) {
        for (const FieldLayout& field : plan.layout(type).fields) {
            if (std::find(lineColumns.begin(), lineColumns.end(), field.name) ==
                lineColumns.end()) {
                lineColumns.push_back(field.name);
            }
        }
    }
    for (uint32_t type = 0; type < plan.typeCount(); ++type) {
        const TypeLayout& layout = plan.layout(type);
        if (layout.fields.empty()) {
            throw SinkError("event type `" + layout.id +
                            "` has no fields: a table needs at least one column");
        }
        std::vector<std::pair<std::size_t, const FieldLayout*>> cells;
        for (const FieldLayout& field : layout.fields) {
            const auto column = static_cast<std::size_t>(
                std::find(lineColumns.begin(), lineColumns.end(), field.name) -
                lineColumns.begin());
            cells.emplace_back(column, &field);
        }
        std::sort(cells.begin(), cells.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        PostgresTable table;
        table.name = tableNameFor(settings.tablePrefix, layout.id);
        table.prefixBytes = csvCell(layout.id, m_delimiter).size();
        table.lineColumns = lineColumns.size();
        std::string notNull;
        for (const auto& [column, field] : cells) {
            const bool string = field->storage == ValueStorage::String && !field->nullable;
            table.columns.push_back({field->name, postgresType(*field), field->path, string});
            if (string) {
                notNull += (notNull.empty() ? "" : ", ") + quoteIdentifier(field->name);
            }
            if (!table.runs.empty() && table.runs.back().second + 1 == column) {
                table.runs.back().second = column;
            } else {
                table.runs.emplace_back(column, column);
            }
        }
        table.copySql = "COPY " + qualifiedName(settings.schema, table.name) + " (" +
                        columnList(table) + ") FROM STDIN WITH (FORMAT csv, DELIMITER " +
                        delimiterLiteral(m_delimiter) +
                        (notNull.empty() ? "" : ", FORCE_NOT_NULL (" + notNull + ")") + ")";
        m_tables.push_back(std::move(table));
    }
}

void PostgresTables::appendRow(uint32_t type, uint64_t sequence, std::string_view line,
                               std::string& out) const {
    if (!m_jsonb) {
        appendCsvRow(m_tables[type], line, out);
        return;
    }
    out += m_typeCells[type];
    char digits[24];
    digits[0] = '\t';
    char* end = std::to_chars(digits + 1, digits + sizeof digits, sequence).ptr;
    *end++ = '\t';
    out.append(digits, static_cast<std::size_t>(end - digits));
    // JSON escapes control characters, so only its backslashes need escaping for COPY.
    for (std::size_t pos = 0; pos < line.size();) {
        const void* found = std::memchr(line.data() + pos, '\\', line.size() - pos);
        const std::size_t next =
            found != nullptr
                ? static_cast<std::size_t>(static_cast<const char*>(found) - line.data())
                : line.size();
        out.append(line.data() + pos, next - pos);
        if (next < line.size()) {
            out += "\\\\";
        }
        pos = next + 1;
    }
    out.push_back('\n');
}

void PostgresTables::appendCsvRow(const PostgresTable& table, std::string_view line,
                                  std::string& out) const {
    // Columns of other types are empty cells, one delimiter each: only this type's runs of
    // cells are scanned (to find where a run ends) and copied.
    const auto cellEnd = [&](std::size_t pos) {
        if (pos < line.size() && line[pos] == '"') {
            for (pos = line.find('"', pos + 1); pos != std::string_view::npos;
                 pos = line.find('"', pos + 2)) {
                if (pos + 1 >= line.size() || line[pos + 1] != '"') {
                    return pos + 1;
                }
            }
            return line.size();
        }
        const std::size_t found = line.find(m_delimiter, pos);
        return found == std::string_view::npos ? line.size() : found;
    };
    std::size_t pos = table.prefixBytes; // the delimiter before column `next`
    std::size_t next = 0;
    for (std::size_t r = 0; r < table.runs.size(); ++r) {
        const auto [first, last] = table.runs[r];
        pos += first - next;
        const std::size_t start = pos + 1;
        std::size_t end = start;
        if (r + 1 == table.runs.size()) {
            end = line.size() - (table.lineColumns - 1 - last);
        } else {
            for (std::size_t column = first; column <= last; ++column) {
                end = cellEnd(column == first ? start : end + 1);
            }
        }
        if (r > 0) {
            out.push_back(m_delimiter);
        }
        out.append(line.data() + start, end - start);
        pos = end;
        next = last + 1;
    }
    out.push_back('\n');
}

std::string PostgresTables::prepare(PgConnection& connection,
                                    const PostgresSettings& settings) const {
    for (const PostgresTable& table : m_tables) {
        const std::string name = "table " + settings.schema + "." + table.name;
        for (int attempt = 0;; ++attempt) {
            std::vector<std::pair<std::string, ExistingColumn>> existing;
            std::string error;
            if (!readColumns(connection, settings.schema, table.name, existing, error)) {
                return "cannot read the columns of " + name + ": " + error;
            }
            if (!existing.empty()) {
                if (std::string problem = compatibility(table, settings.schema, existing);
                    !problem.empty()) {
                    return problem;
                }
                break;
            }
            if (!settings.createTable) {
                return name + " does not exist; create it, or set create_table: true";
            }
            const PgResult created = connection.exec(createSql(table, settings.schema));
            if (succeeded(created.get())) {
                break;
            }
            if (attempt > 0 || !lostCreateRace(sqlState(created.get()))) {
                return "cannot create " + name + ": " +
                       errorText(created.get(), connection.lastError());
            }
        }
    }
    if (!settings.progressTable.empty()) {
        const PgResult created = connection.exec(progressTableSql(settings));
        if (!succeeded(created.get()) && !lostCreateRace(sqlState(created.get()))) {
            return "cannot create the progress table " + settings.schema + "." +
                   settings.progressTable + " (set progress_table: \"\" to do without): " +
                   errorText(created.get(), connection.lastError());
        }
    }
    return "";
}

std::vector<std::pair<bool, std::string>>
PostgresTables::describe(PgConnection& connection, const PostgresSettings& settings) const {
    std::vector<std::pair<bool, std::string>> out;
    for (const PostgresTable& table : m_tables) {
        const std::string name = "table " + settings.schema + "." + table.name;
        std::vector<std::pair<std::string, ExistingColumn>> existing;
        std::string error;
        if (!readColumns(connection, settings.schema, table.name, existing, error)) {
            out.emplace_back(false, "cannot read the columns of " + name + ": " + error);
        } else if (existing.empty()) {
            out.emplace_back(settings.createTable,
                             name + (settings.createTable
                                         ? ": will be created"
                                         : " does not exist (create_table is off)"));
        } else {
            const std::string problem = compatibility(table, settings.schema, existing);
            out.emplace_back(problem.empty(),
                             problem.empty() ? name + ": exists, columns match" : problem);
        }
    }
    return out;
}

} // namespace streamgen
