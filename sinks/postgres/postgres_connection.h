#pragma once

#include "postgres_settings.h"

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

struct pg_conn;
struct pg_result;

namespace streamgen {

struct PgResultDeleter {
    void operator()(pg_result* result) const;
};
/// A libpq result, cleared when it goes out of scope.
using PgResult = std::unique_ptr<pg_result, PgResultDeleter>;

/// One libpq connection: the sink opens one per worker, and one for its checks.
class PgConnection {
public:
    PgConnection() = default;
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    /// Connects with the settings' connection string and password (application_name
    /// `streamgen`, a 10 s connect timeout and UTF-8 unless the string says otherwise). False
    /// with `error` (libpq's message, on one line) when the server cannot be reached or refuses.
    bool open(const PostgresSettings& settings, std::string& error);
    void close();
    /// True when the connection is gone (the server went away or was never reached).
    bool lost() const;

    /// Runs one statement (or several separated by `;`) and returns the last result.
    PgResult exec(const std::string& sql);
    /// Runs one statement with text parameters $1, $2, ...
    PgResult exec(const std::string& sql, std::initializer_list<std::string> params);
    /// Sends `data` as the input of `copySql` (COPY ... FROM STDIN); false with `error` set when
    /// the server refused a row or the connection broke.
    bool copyIn(const std::string& copySql, std::string_view data, std::string& error,
                std::string* sqlState = nullptr);

    /// The connection's last error message, on one line.
    std::string lastError() const;
    /// The server's version, e.g. "15.6".
    std::string serverVersion() const;

    /// The server process of the connection, as pg_stat_activity knows it: its pid and start
    /// time (a pid alone may have been reused). Pid 0 when unknown.
    struct Backend {
        int pid = 0;
        std::string started;
    };
    const Backend& backend() const { return m_backend; }
    /// Ends `backend` if it still runs (waiting up to 5 s): after a connection broke, the old
    /// process may not have noticed yet and still hold its transaction open. Best effort.
    void terminate(const Backend& backend);

private:
    pg_conn* m_conn = nullptr;
    Backend m_backend;
};

/// True when the result is a success (command done or rows returned).
bool succeeded(const pg_result* result);
/// The result's SQLSTATE, or "" (no result: the connection broke).
std::string sqlState(const pg_result* result);
/// The server's message with its detail and context ("COPY t, line 3, column amount: ..."), on
/// one line; `fallback` when there is no result.
std::string errorText(const pg_result* result, const std::string& fallback);

} // namespace streamgen
