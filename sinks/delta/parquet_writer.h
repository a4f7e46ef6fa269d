#pragma once

// Parquet is written here rather than through a library because Debian 12 packages neither
// Apache Arrow nor parquet-cpp; the subset a generator needs (flat columns, PLAIN and
// dictionary encodings, snappy/zstd pages, statistics, a Thrift compact footer) is small.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen::parquet {

/// The value type of a column, with the physical and logical Parquet types it is written as.
enum class ColumnType {
    Boolean,         ///< BOOLEAN
    Int32,           ///< INT32
    Int64,           ///< INT64
    Float,           ///< FLOAT
    Double,          ///< DOUBLE
    String,          ///< BYTE_ARRAY, logical STRING (UTF8)
    Date,            ///< INT32, logical DATE (days since 1970-01-01)
    TimestampMicros, ///< INT64, logical TIMESTAMP(isAdjustedToUTC = true, MICROS)
};

/// One leaf column of a flat schema (the root is implicit).
struct Column {
    std::string name;
    ColumnType type = ColumnType::String;
    bool nullable = true; ///< OPTIONAL (with definition levels) or REQUIRED
};

enum class Compression { None, Snappy, Zstd };

struct WriterOptions {
    Compression compression = Compression::Snappy;
    /// String columns are dictionary-encoded when their distinct values are few enough to pay.
    bool dictionary = true;
    /// Rows per data page inside a column chunk.
    std::size_t pageRows = 20000;
};

/// Minimum, maximum and null count of one column over everything written to a file, in the
/// column's own type: `integer` for Boolean, Int32, Int64, Date and TimestampMicros; `real` for
/// Float and Double; `text` for String. `hasMinMax` is false when every value was null.
struct ColumnStatistics {
    uint64_t nullCount = 0;
    bool hasMinMax = false;
    int64_t minInteger = 0;
    int64_t maxInteger = 0;
    double minReal = 0.0;
    double maxReal = 0.0;
    std::string minText;
    std::string maxText;
};

/// The values of one column for the rows of the current row group, appended in row order.
/// Appending copies the value into the column's buffer and allocates only when a buffer grows.
/// Each column takes the append of its type: appendInt32 for Int32 and Date, appendInt64 for
/// Int64 and TimestampMicros (microseconds since the epoch), appendBool, appendFloat,
/// appendDouble, appendString; appendNull only when the column is nullable.
class ColumnData {
public:
    void appendNull();
    void appendBool(bool value);
    void appendInt32(int32_t value);
    void appendInt64(int64_t value);
    void appendFloat(float value);
    void appendDouble(double value);
    void appendString(std::string_view value);

private:
    friend class FileWriter;
    friend class ColumnEncoder;
    /// Empties the buffers for the next row group, keeping their capacity.
    void clear();

    /// One per row, also for required columns, so that a missing or extra value is caught when
    /// the row group ends: 0 null, 1 present.
    std::vector<uint8_t> m_defined;
    std::vector<int64_t> m_integers; ///< present values of integer-like and boolean columns
    std::vector<double> m_reals;     ///< present values of Float and Double columns
    std::string m_bytes;             ///< String: the present values laid end to end
    std::vector<uint32_t> m_ends;    ///< String: the end of each value in m_bytes
};

/// Writes one Parquet file into a byte buffer: the caller appends one value per column for each
/// row, ends row groups when it likes, and takes the bytes out as they are produced (`output`,
/// `consumeOutput`) to write them wherever the file goes. A file is readable once `finish` has
/// appended the footer.
class FileWriter {
public:
    FileWriter(std::vector<Column> columns, WriterOptions options = {});
    ~FileWriter();
    FileWriter(const FileWriter&) = delete;
    FileWriter& operator=(const FileWriter&) = delete;

    const std::vector<Column>& columns() const;
    /// Where the values of column `index` go for the current row group.
    ColumnData& column(std::size_t index);
    /// Counts one row: every column must have received exactly one value for it.
    void endRow();
    /// Rows appended to the current row group.
    uint64_t pendingRows() const;
    /// Rows in row groups already encoded.
    uint64_t writtenRows() const;

    /// Encodes the pending rows as one row group (compressed pages, chunk statistics) and
    /// appends its bytes to the output. Does nothing when no row is pending. Throws
    /// std::logic_error, writing nothing, when a column did not receive exactly one value of its
    /// type per row, or a null although it is not nullable.
    void endRowGroup();
    /// Ends the pending row group, then appends the footer (FileMetaData, its length, "PAR1").
    void finish();

    /// The bytes produced since the last call: starts with "PAR1" on the first call.
    std::string_view output() const;
    /// Forgets the bytes returned by `output` (after the caller has written them).
    void consumeOutput();
    /// Bytes of the file so far, including those already consumed.
    uint64_t fileSize() const;

    /// Statistics of each column (by index) over every row group ended so far.
    const std::vector<ColumnStatistics>& statistics() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace streamgen::parquet
