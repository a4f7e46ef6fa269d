#pragma once

#include "parquet_writer.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace streamgen {

/// The protocol versions of the tables StreamGen writes: readers and writers of Delta 1.0 on
/// read them, and the features they need (appends, `txn`, statistics) are all in version 2.
inline constexpr int kDeltaReaderVersion = 1;
inline constexpr int kDeltaWriterVersion = 2;

/// Ranges [begin, end) of a stream's event indexes.
using IndexRanges = std::vector<std::pair<uint64_t, uint64_t>>;

/// What a table's `_delta_log` says once its commits are replayed in order.
struct DeltaTableState {
    int64_t version = -1; ///< the latest commit; -1 when the table has no log yet
    int minReaderVersion = 0;
    int minWriterVersion = 0;
    std::string tableId;      ///< metaData.id
    std::string schemaString; ///< metaData.schemaString (a Spark StructType as JSON)
    std::vector<std::string> partitionColumns;
    std::map<std::string, int64_t> transactions; ///< txn: appId -> version
    /// appId -> the indexes beyond its txn version that its latest commit also holds (kept in
    /// commitInfo by a run that stopped with gaps).
    std::map<std::string, IndexRanges> beyond;
    std::vector<std::string> files; ///< paths of the files added and not removed
};

/// Replays the JSON commits of the table at `table`. Throws std::runtime_error for a log it
/// cannot read: a commit that is not JSON, a gap in the versions, a table whose early commits
/// were folded into a checkpoint (StreamGen reads JSON commits only).
DeltaTableState readDeltaLog(const std::filesystem::path& table);

/// Replays one commit's actions (JSON lines) onto `state`; throws on a line that is not JSON.
void applyDeltaCommit(const std::string& actions, DeltaTableState& state);

/// Writes commit `version` holding `actions` (JSON lines): the file appears whole or not at all
/// (written aside, then hard-linked to its name, which fails if another writer took the
/// version first). Returns false when that version exists; throws std::runtime_error when the
/// log cannot be written.
bool writeDeltaCommit(const std::filesystem::path& table, int64_t version,
                      const std::string& actions);

/// The path of commit `version`: `_delta_log/` and the version in 20 digits, `.json`.
std::filesystem::path deltaCommitPath(const std::filesystem::path& table, int64_t version);

/// A random version 4 UUID in its 36-character form: table ids and data file names.
std::string randomUuid();

/// Spark's type name of a column (`long`, `timestamp`...).
const char* sparkTypeName(parquet::ColumnType type);
/// Spark's StructType JSON of `columns`, as Delta keeps it in metaData.schemaString.
std::string sparkSchemaString(const std::vector<parquet::Column>& columns);

} // namespace streamgen
