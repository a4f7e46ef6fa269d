#pragma once

#include "sinks/delta/parquet_compression.h"
#include "sinks/delta/parquet_encoding.h"
#include "sinks/delta/parquet_metadata.h"
#include "sinks/delta/parquet_writer.h"

#include <string>

namespace streamgen::parquet {

/// Turns the buffered values of one column into a column chunk: an optional dictionary page,
/// then data pages of `WriterOptions::pageRows` rows, each compressed. One encoder serves every
/// column of a file in turn so that its page, header and dictionary buffers are reused.
class ColumnEncoder {
public:
    explicit ColumnEncoder(const WriterOptions& options);

    /// Throws std::logic_error unless `data` holds exactly `rows` values fitting `column`.
    static void validate(const Column& column, const ColumnData& data, std::size_t rows);

    /// Appends the chunk of `rows` rows to `out`, whose first byte lies at `outOffset` in the
    /// file, folds the chunk's statistics into `fileStatistics` and returns its metadata.
    ChunkMetadata encode(const Column& column, const ColumnData& data, std::size_t rows,
                         std::string& out, int64_t outOffset, ColumnStatistics& fileStatistics);

private:
    static std::size_t presentCount(const Column& column, const ColumnData& data);
    bool buildDictionary(const ColumnData& data);
    ColumnStatistics chunkStatistics(const Column& column, const ColumnData& data,
                                     bool dictionary) const;
    void writeDictionaryPage(ChunkMetadata& chunk);
    void writeDataPages(const Column& column, const ColumnData& data, std::size_t rows,
                        bool dictionary, ChunkMetadata& chunk);
    void appendLevels(std::span<const uint8_t> defined);
    void appendValues(const Column& column, const ColumnData& data, std::size_t first,
                      std::size_t last, bool dictionary);
    /// Compresses m_page and appends it with its header; returns the page's file offset.
    int64_t writePage(PageType type, Encoding encoding, std::size_t numValues,
                      ChunkMetadata& chunk);

    WriterOptions m_options;
    PageCompressor m_compressor;
    StringDictionary m_dictionary;
    int m_indexBitWidth = 1;
    std::string m_page;
    std::string m_header;
    std::string* m_out = nullptr; ///< the destination of the chunk being encoded
    int64_t m_outOffset = 0;
};

} // namespace streamgen::parquet
