#include "postgres_connection.h"

#include <libpq-fe.h>
#include <vector>

namespace streamgen {

namespace {

// libpq copies what PQputCopyData is given into its output buffer; chunks keep that buffer small.
constexpr std::size_t kCopyChunk = 256 * 1024;

std::string oneLine(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    while (!text.empty() && text.back() == ' ') {
        text.pop_back();
    }
    // libpq doubles spaces after "FATAL:" and "ERROR:".
    for (std::size_t pos = text.find("  "); pos != std::string::npos; pos = text.find("  ", pos)) {
        text.erase(pos, 1);
    }
    return text;
}

} // namespace

void PgResultDeleter::operator()(pg_result* result) const {
    PQclear(result);
}

PgConnection::~PgConnection() {
    close();
}

bool PgConnection::open(const PostgresSettings& settings, std::string& error) {
    close();
    // Keys before `dbname` are defaults the connection string overrides; the password option
    // comes after it, so it wins over one in the string.
    // Keepalives: a server host that vanished (a cable pulled) shows as an error within about a
    // minute instead of leaving a sender waiting for an answer for ever.
    std::vector<const char*> keys{"connect_timeout", "application_name",    "client_encoding",
                                  "keepalives_idle", "keepalives_interval", "keepalives_count",
                                  "dbname"};
    std::vector<const char*> values{
        "10", "streamgen", "UTF8", "30", "10", "3", settings.connection.c_str()};
    if (!settings.password.empty()) {
        keys.push_back("password");
        values.push_back(settings.password.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    m_conn = PQconnectdbParams(keys.data(), values.data(), 1);
    if (m_conn == nullptr || PQstatus(m_conn) != CONNECTION_OK) {
        error = m_conn == nullptr ? "out of memory" : lastError();
        close();
        return false;
    }
    // Notices ("relation already exists, skipping") would go to stderr between progress lines.
    PQsetNoticeProcessor(
        m_conn, [](void*, const char*) {}, nullptr);
    m_backend = {PQbackendPID(m_conn), ""};
    const PgResult started =
        exec("SELECT backend_start::text FROM pg_stat_activity WHERE pid = pg_backend_pid()");
    if (succeeded(started.get()) && PQntuples(started.get()) == 1) {
        m_backend.started = PQgetvalue(started.get(), 0, 0);
    }
    return true;
}

void PgConnection::terminate(const Backend& backend) {
    if (backend.pid == 0 || backend.started.empty()) {
        return;
    }
    exec("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE pid = $1 AND "
         "backend_start = $2::timestamptz",
         {std::to_string(backend.pid), backend.started});
}

void PgConnection::close() {
    if (m_conn != nullptr) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
}

bool PgConnection::lost() const {
    return m_conn == nullptr || PQstatus(m_conn) == CONNECTION_BAD;
}

PgResult PgConnection::exec(const std::string& sql) {
    return PgResult(m_conn != nullptr ? PQexec(m_conn, sql.c_str()) : nullptr);
}

PgResult PgConnection::exec(const std::string& sql, std::initializer_list<std::string> params) {
    if (m_conn == nullptr) {
        return nullptr;
    }
    std::vector<const char*> values;
    for (const std::string& param : params) {
        values.push_back(param.c_str());
    }
    return PgResult(PQexecParams(m_conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0));
}

bool PgConnection::copyIn(const std::string& copySql, std::string_view data, std::string& error,
                          std::string* state) {
    PgResult start = exec(copySql);
    if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) {
        error = errorText(start.get(), lastError());
        if (state != nullptr) {
            *state = sqlState(start.get());
        }
        return false;
    }
    bool sent = true;
    for (std::size_t pos = 0; sent && pos < data.size(); pos += kCopyChunk) {
        const std::size_t size = std::min(kCopyChunk, data.size() - pos);
        sent = PQputCopyData(m_conn, data.data() + pos, static_cast<int>(size)) == 1;
    }
    // After a failed send, ending the copy still collects the server's reason.
    PQputCopyEnd(m_conn, sent ? nullptr : "streamgen could not send the rows");
    bool ok = sent;
    std::string firstError;
    std::string firstState;
    while (PgResult result{PQgetResult(m_conn)}) {
        if (!succeeded(result.get()) && firstError.empty()) {
            ok = false;
            firstError = errorText(result.get(), lastError());
            firstState = sqlState(result.get());
        }
    }
    if (!ok) {
        error = firstError.empty() ? lastError() : firstError;
        if (state != nullptr) {
            *state = firstState;
        }
    }
    return ok && !lost();
}

std::string PgConnection::lastError() const {
    return m_conn == nullptr ? "not connected" : oneLine(PQerrorMessage(m_conn));
}

std::string PgConnection::serverVersion() const {
    const int version = m_conn != nullptr ? PQserverVersion(m_conn) : 0;
    return std::to_string(version / 10000) + "." + std::to_string(version % 10000);
}

bool succeeded(const pg_result* result) {
    if (result == nullptr) {
        return false;
    }
    const ExecStatusType status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

std::string sqlState(const pg_result* result) {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    return state != nullptr ? state : "";
}

std::string errorText(const pg_result* result, const std::string& fallback) {
    const char* primary =
        result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    if (primary == nullptr) {
        return fallback;
    }
    std::string out = primary;
    if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) {
        out += " (" + std::string(detail) + ")";
    }
    if (const char* context = PQresultErrorField(result, PG_DIAG_CONTEXT)) {
        out += "; " + std::string(context);
    }
    return oneLine(out);
}

} // namespace streamgen
