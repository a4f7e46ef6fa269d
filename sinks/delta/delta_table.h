#pragma once

#include "delta_log.h"
#include "parquet_writer.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace streamgen {

/// A data file written for a table, not committed yet.
struct DeltaDataFile {
    std::string path; ///< relative to the table
    uint64_t size = 0;
    uint64_t rows = 0;
    std::string stats; ///< Delta's statistics JSON: numRecords, minValues, maxValues, nullCount
};

/// What a table holds of one stream (appId) from earlier runs: every index below `prefix`, and
/// the `beyond` ranges that a stopped run had also committed.
struct DeltaProgress {
    uint64_t prefix = 0;
    IndexRanges beyond;
};

/// One Delta table written by StreamGen: its folder, its columns, and its commits. Commits are
/// optimistic: a version taken by another writer is re-read, and an append goes on at the next
/// version unless that writer changed the protocol, the schema or removed files.
class DeltaTable {
public:
    DeltaTable(std::filesystem::path folder, std::vector<parquet::Column> columns);

    const std::filesystem::path& folder() const { return m_folder; }
    const std::vector<parquet::Column>& columns() const { return m_columns; }

    /// Creates the folder, reads the log and checks that StreamGen can append to the table (its
    /// protocol, its schema unless `overwrite`). Returns what the table holds of `appId`
    /// (nothing when overwriting). Throws std::runtime_error with a message for the user.
    DeltaProgress open(bool overwrite, const std::string& appId);

    /// Commits `files` with the stream's progress. The first commit of an overwriting run also
    /// removes every file the table had. Throws std::runtime_error on a conflict it cannot
    /// resolve or a log it cannot write.
    void commit(const std::vector<DeltaDataFile>& files, const std::string& appId,
                const DeltaProgress& progress);
    /// True while an overwriting run has not committed yet (its files are still to be removed).
    bool pendingOverwrite() const { return m_overwrite; }

private:
    std::string actions(const std::vector<DeltaDataFile>& files, const std::string& appId,
                        const DeltaProgress& progress, bool withMetadata) const;
    void checkConcurrent(int64_t version);

    std::filesystem::path m_folder;
    std::vector<parquet::Column> m_columns;
    std::string m_schemaString;
    DeltaTableState m_state;
    bool m_overwrite = false;
};

/// Delta's statistics JSON of a file from its columns' statistics.
std::string deltaStatistics(const std::vector<parquet::Column>& columns,
                            const std::vector<parquet::ColumnStatistics>& statistics,
                            uint64_t rows);

} // namespace streamgen
