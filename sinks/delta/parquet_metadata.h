#pragma once

// The parts of parquet.thrift that the writer fills in, kept as plain structs until the footer
// is serialized, and the Thrift serialization of page headers and of FileMetaData.

#include "sinks/delta/parquet_writer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace streamgen::parquet {

/// parquet.thrift `Encoding`.
enum class Encoding : int32_t {
    Plain = 0,
    PlainDictionary = 2,
    Rle = 3,
    RleDictionary = 8,
};

/// parquet.thrift `PageType`.
enum class PageType : int32_t { DataPage = 0, DictionaryPage = 2 };

/// The statistics of one column chunk as the footer stores them: PLAIN-encoded bytes of the
/// minimum and maximum (raw bytes for strings).
struct ChunkStatistics {
    int64_t nullCount = 0;
    bool hasMinMax = false;
    std::string minValue;
    std::string maxValue;
};

/// ColumnMetaData of one column chunk (the type and path come from the schema).
struct ChunkMetadata {
    std::vector<Encoding> encodings;
    int32_t codec = 0;
    int64_t numValues = 0;
    int64_t totalUncompressedSize = 0;
    int64_t totalCompressedSize = 0;
    int64_t dataPageOffset = 0;
    std::optional<int64_t> dictionaryPageOffset;
    ChunkStatistics statistics;

    /// Where the chunk's first page starts.
    int64_t firstPageOffset() const { return dictionaryPageOffset.value_or(dataPageOffset); }
};

struct RowGroupMetadata {
    std::vector<ChunkMetadata> columns;
    int64_t numRows = 0;
};

/// A PageHeader: a data page (v1, levels RLE) or a dictionary page.
struct PageHeaderFields {
    PageType type = PageType::DataPage;
    int32_t uncompressedSize = 0;
    int32_t compressedSize = 0;
    int32_t numValues = 0;
    Encoding encoding = Encoding::Plain;
};

/// parquet.thrift `Type` of a column.
int32_t physicalType(ColumnType type);

/// Appends the Thrift compact serialization of a PageHeader.
void appendPageHeader(const PageHeaderFields& header, std::string& out);

/// Appends the Thrift compact serialization of the FileMetaData of a flat file.
void appendFileMetaData(const std::vector<Column>& columns,
                        const std::vector<RowGroupMetadata>& rowGroups, std::string& out);

} // namespace streamgen::parquet
