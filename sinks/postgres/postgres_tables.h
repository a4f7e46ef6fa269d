#pragma once

#include "engine/plan.h"
#include "postgres_settings.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen {

class PgConnection;

/// One column the sink writes.
struct PostgresColumn {
    std::string name;
    std::string type;          ///< as CREATE TABLE writes it: `bigint`, `double precision` ...
    std::string path;          ///< where the field stands in the config, for messages
    bool forceNotNull = false; ///< a string that is never null: an empty cell is ''
};

/// One table the sink writes and how an event's encoded line becomes one of its rows.
struct PostgresTable {
    std::string name;
    std::vector<PostgresColumn> columns; ///< in the order rows carry them
    std::string copySql;                 ///< COPY ... FROM STDIN with the column list
    /// table_per_type: the CSV line of the plan carries every field of every type (the union of
    /// columns); this type's cells stand in runs of consecutive columns [first, last].
    std::size_t prefixBytes = 0; ///< the event_type_id cell, before the first delimiter
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    std::size_t lineColumns = 0; ///< columns of the line after event_type_id
};

/// The tables of a run, from the plan's event types and the settings' layout.
class PostgresTables {
public:
    /// Throws SinkError when the plan is not encoded as the layout needs (CSV for table_per_type,
    /// JSON for jsonb).
    PostgresTables(const Plan& plan, const PostgresSettings& settings);

    const std::vector<PostgresTable>& tables() const { return m_tables; }
    /// The table of events of type `type`.
    std::size_t tableOf(uint32_t type) const { return m_jsonb ? 0 : type; }

    /// Appends the row of one event (its encoded line without the newline) to `out`, as the
    /// table's COPY reads it.
    void appendRow(uint32_t type, uint64_t sequence, std::string_view line, std::string& out) const;

    /// Creates the tables that are missing (when the settings allow) and checks those that
    /// exist: every column the sink writes must be there with a type that holds its values, and
    /// other columns must be nullable or have a default. Returns "" or the first problem.
    std::string prepare(PgConnection& connection, const PostgresSettings& settings) const;
    /// Each table as a run would find it: (true, "exists, columns match" or "will be created")
    /// or (false, its problem). For the Studio's connection test; nothing is created.
    std::vector<std::pair<bool, std::string>> describe(PgConnection& connection,
                                                       const PostgresSettings& settings) const;

private:
    void appendCsvRow(const PostgresTable& table, std::string_view line, std::string& out) const;

    std::vector<PostgresTable> m_tables;
    std::vector<std::string> m_typeCells; ///< jsonb: the event type as a COPY text cell
    bool m_jsonb = false;
    char m_delimiter = ',';
};

/// The column type a field is written as (`FieldLayout` storage and kind).
std::string postgresType(const FieldLayout& field);

} // namespace streamgen
