#pragma once

#include "model/config.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace streamgen {

/// How events become rows.
enum class PostgresLayout {
    TablePerType, ///< a table per event type, a column per field
    Jsonb,        ///< one table: event_type text, sequence bigint, payload jsonb
};

/// The `postgres` sink's options as the sink uses them, secret references resolved.
struct PostgresSettings {
    /// libpq keyword/value string or URI, references resolved; may hold the password.
    std::string connection;
    std::string password; ///< the `password` option; "" = none (then the connection's, if any)
    std::string schema = "public";
    PostgresLayout layout = PostgresLayout::TablePerType;
    std::string tablePrefix; ///< table_per_type: table = prefix + the sanitized event type id
    std::string table = "events";
    bool createTable = true;
    int64_t batchRows = 100000;      ///< rows of one transaction, about
    int64_t commitIntervalMs = 1000; ///< a transaction commits at the latest this long after its
                                     ///< first row
    /// The sink's record of committed transactions ("" = none): it tells whether a commit whose
    /// answer was lost went through.
    std::string progressTable = "streamgen_commits";
    int64_t reconnectTimeoutMs = 60000;
    /// `user@host:port/dbname` as far as the connection says, never the password: for messages.
    std::string target;
};

/// Reads the sink section; false with `error` set when an option or a reference is unusable.
bool readPostgresSettings(const SinkConfig& config, PostgresSettings& settings, std::string& error);

/// The option names, shared by the descriptor and the settings reader.
namespace postgres_option {
inline constexpr const char* kConnection = "connection_string";
inline constexpr const char* kPassword = "password";
inline constexpr const char* kSchema = "schema";
inline constexpr const char* kLayout = "layout";
inline constexpr const char* kTablePrefix = "table_prefix";
inline constexpr const char* kTable = "table";
inline constexpr const char* kCreateTable = "create_table";
inline constexpr const char* kBatchRows = "batch_rows";
inline constexpr const char* kCommitInterval = "commit_interval_ms";
inline constexpr const char* kProgressTable = "progress_table";
inline constexpr const char* kReconnectTimeout = "reconnect_timeout_ms";
} // namespace postgres_option

/// PostgreSQL's limit on identifier length, in bytes; longer names are cut silently by the server.
inline constexpr std::size_t kMostIdentifierBytes = 63;

/// True for a name usable unquoted: a letter or `_`, then letters, digits and `_`, at most 63
/// bytes.
bool isPlainIdentifier(std::string_view name);
/// `"name"` with inner quotes doubled.
std::string quoteIdentifier(std::string_view name);
/// `"schema"."table"`.
std::string qualifiedName(std::string_view schema, std::string_view table);
/// The table of an event type in the table_per_type layout: the prefix, then the id in lower
/// case with every character other than a letter, digit or `_` made `_` (`user.purchase` ->
/// `user_purchase`); `_` in front when it would start with a digit.
std::string tableNameFor(std::string_view prefix, std::string_view eventTypeId);

/// Where a password written in clear stands in a connection string as written (keyword/value
/// `password=...`, a URI's `user:password@` or `?password=`): the byte offset of the value, or
/// nullopt when there is none or it is a secret reference.
std::optional<std::size_t> literalPasswordOffset(std::string_view connection);

} // namespace streamgen
