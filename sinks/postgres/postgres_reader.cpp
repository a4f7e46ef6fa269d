#include "postgres_reader.h"

#include "postgres_connection.h"

#include <charconv>
#include <libpq-fe.h>
#include <stdexcept>

namespace streamgen {

namespace {

/// Rows fetched from the cursor at a time: bounds the client's memory on large tables.
constexpr int kFetchRows = 10000;

} // namespace

PostgresRecordSource::PostgresRecordSource(PostgresSettings settings)
    : m_settings(std::move(settings)) {}

std::string PostgresRecordSource::describe() const {
    return "postgres:" + qualifiedName(m_settings.schema, m_settings.table) + "@" +
           m_settings.target;
}

void PostgresRecordSource::read(const std::function<void(const ReceivedRecord&)>& each) {
    const std::string table = qualifiedName(m_settings.schema, m_settings.table);
    PgConnection connection;
    std::string error;
    if (!connection.open(m_settings, error)) {
        throw std::runtime_error("cannot connect to " + m_settings.target + ": " + error);
    }
    const auto fail = [&](const PgResult& result, const std::string& doing) {
        throw std::runtime_error("cannot read " + table + " on " + m_settings.target + " (" +
                                 doing + "): " + errorText(result.get(), connection.lastError()));
    };
    // A cursor keeps one snapshot (rows written meanwhile are left out) without holding the
    // whole table in the client's memory, as one result of all rows would.
    PgResult begun = connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (!succeeded(begun.get())) {
        fail(begun, "BEGIN");
    }
    PgResult declared = connection.exec("DECLARE streamgen_verify NO SCROLL CURSOR FOR SELECT "
                                        "sequence, payload::text FROM " +
                                        table);
    if (!succeeded(declared.get())) {
        fail(declared, "SELECT");
    }
    const std::string fetch =
        "FETCH FORWARD " + std::to_string(kFetchRows) + " FROM streamgen_verify";
    const std::string originPrefix = m_settings.table + "#";
    std::string origin;
    for (;;) {
        PgResult rows = connection.exec(fetch);
        if (!succeeded(rows.get())) {
            fail(rows, "FETCH");
        }
        const int count = PQntuples(rows.get());
        if (count == 0) {
            break;
        }
        for (int row = 0; row < count; ++row) {
            ReceivedRecord record;
            record.payload =
                std::string_view(PQgetvalue(rows.get(), row, 1),
                                 static_cast<std::size_t>(PQgetlength(rows.get(), row, 1)));
            origin = originPrefix;
            if (PQgetisnull(rows.get(), row, 0) == 0) {
                const char* digits = PQgetvalue(rows.get(), row, 0);
                const char* end = digits + PQgetlength(rows.get(), row, 0);
                uint64_t sequence = 0;
                // A negative or odd value (a row written by hand) leaves the record without a
                // sequence, so the verifier reports it rather than this reader guessing.
                if (std::from_chars(digits, end, sequence).ptr == end) {
                    record.sequence = sequence;
                }
                origin.append(digits, end);
            } else {
                origin += "null";
            }
            record.origin = origin;
            each(record);
        }
    }
    connection.exec("COMMIT");
}

std::unique_ptr<RecordSource> makePostgresRecordSource(const SinkConfig& sink, const Plan&,
                                                       std::string& error) {
    PostgresSettings settings;
    if (!readPostgresSettings(sink, settings, error)) {
        return nullptr;
    }
    if (settings.layout != PostgresLayout::Jsonb) {
        error = "verify reads back the postgres sink's `layout: jsonb` only: the rows of "
                "`table_per_type` tables carry no sequence number and re-render every value";
        return nullptr;
    }
    return std::make_unique<PostgresRecordSource>(std::move(settings));
}

} // namespace streamgen
