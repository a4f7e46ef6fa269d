#include "sinks/delta/parquet_column_encoder.h"

#include "sinks/delta/parquet_statistics.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace streamgen::parquet {
namespace {

// Past these a dictionary stops paying: most values would be entries anyway, and readers hold
// the whole dictionary page in memory.
constexpr std::size_t kMaxDictionaryBytes = 1 << 20;

int32_t pageSize(std::size_t size) {
    if (size > static_cast<std::size_t>(std::numeric_limits<int32_t>::max())) {
        throw std::length_error("parquet: a page exceeds 2 GiB; use fewer rows per page");
    }
    return static_cast<int32_t>(size);
}

ByteArrays byteArraysOf(const std::string& bytes, const std::vector<uint32_t>& ends) {
    return {bytes, ends};
}

} // namespace

ColumnEncoder::ColumnEncoder(const WriterOptions& options)
    : m_options(options), m_compressor(options.compression) {
    if (m_options.pageRows == 0) {
        m_options.pageRows = 1;
    }
}

std::size_t ColumnEncoder::presentCount(const Column& column, const ColumnData& data) {
    switch (column.type) {
    case ColumnType::Float:
    case ColumnType::Double:
        return data.m_reals.size();
    case ColumnType::String:
        return data.m_ends.size();
    default:
        return data.m_integers.size();
    }
}

void ColumnEncoder::validate(const Column& column, const ColumnData& data, std::size_t rows) {
    const auto fail = [&](const char* what) {
        throw std::logic_error("parquet: column '" + column.name + "' " + what);
    };
    if (data.m_defined.size() != rows) {
        fail("did not receive exactly one value per row");
    }
    const auto present = static_cast<std::size_t>(
        std::count(data.m_defined.begin(), data.m_defined.end(), uint8_t{1}));
    if (present != presentCount(column, data)) {
        fail("received values of another type than its own");
    }
    if (!column.nullable && present != rows) {
        fail("is not nullable but received a null");
    }
}

ChunkMetadata ColumnEncoder::encode(const Column& column, const ColumnData& data, std::size_t rows,
                                    std::string& out, int64_t outOffset,
                                    ColumnStatistics& fileStatistics) {
    m_out = &out;
    m_outOffset = outOffset;
    ChunkMetadata chunk;
    chunk.codec = m_compressor.codec();
    chunk.numValues = static_cast<int64_t>(rows);

    const bool dictionary =
        column.type == ColumnType::String && m_options.dictionary && buildDictionary(data);
    ColumnStatistics statistics = chunkStatistics(column, data, dictionary);
    statistics.nullCount = rows - presentCount(column, data);
    chunk.statistics = footerStatistics(statistics, column.type);
    mergeStatistics(fileStatistics, statistics, column.type);

    if (dictionary) {
        writeDictionaryPage(chunk);
        chunk.encodings = {Encoding::Plain, Encoding::Rle, Encoding::RleDictionary};
    } else {
        chunk.encodings = {Encoding::Plain, Encoding::Rle};
    }
    writeDataPages(column, data, rows, dictionary, chunk);
    m_out = nullptr;
    return chunk;
}

bool ColumnEncoder::buildDictionary(const ColumnData& data) {
    const std::size_t count = data.m_ends.size();
    if (count == 0) {
        return false;
    }
    if (!m_dictionary.build(byteArraysOf(data.m_bytes, data.m_ends), count / 2,
                            kMaxDictionaryBytes)) {
        return false;
    }
    // At least one bit: some readers mishandle bit-packed runs of width 0.
    m_indexBitWidth = std::max(1, bitWidthFor(m_dictionary.entries().size() - 1));
    return true;
}

ColumnStatistics ColumnEncoder::chunkStatistics(const Column& column, const ColumnData& data,
                                                bool dictionary) const {
    switch (column.type) {
    case ColumnType::Float:
    case ColumnType::Double:
        return realStatistics(data.m_reals, column.type == ColumnType::Float);
    case ColumnType::String:
        // The distinct values have the same bounds as all of them, and are fewer.
        return dictionary ? textStatistics(m_dictionary.entries())
                          : textStatistics(byteArraysOf(data.m_bytes, data.m_ends));
    default:
        return integerStatistics(data.m_integers);
    }
}

void ColumnEncoder::writeDictionaryPage(ChunkMetadata& chunk) {
    m_page.clear();
    appendPlainByteArrays(m_dictionary.entries(), m_page);
    chunk.dictionaryPageOffset =
        writePage(PageType::DictionaryPage, Encoding::Plain, m_dictionary.entries().size(), chunk);
}

void ColumnEncoder::writeDataPages(const Column& column, const ColumnData& data, std::size_t rows,
                                   bool dictionary, ChunkMetadata& chunk) {
    const Encoding encoding = dictionary ? Encoding::RleDictionary : Encoding::Plain;
    std::size_t firstValue = 0;
    for (std::size_t firstRow = 0; firstRow < rows; firstRow += m_options.pageRows) {
        const std::size_t pageRows = std::min(m_options.pageRows, rows - firstRow);
        std::size_t present = pageRows;
        m_page.clear();
        if (column.nullable) {
            const std::span<const uint8_t> defined(data.m_defined.data() + firstRow, pageRows);
            present = static_cast<std::size_t>(std::count(defined.begin(), defined.end(), 1));
            appendLevels(defined);
        }
        appendValues(column, data, firstValue, firstValue + present, dictionary);
        const int64_t offset = writePage(PageType::DataPage, encoding, pageRows, chunk);
        if (firstRow == 0) {
            chunk.dataPageOffset = offset;
        }
        firstValue += present;
    }
}

void ColumnEncoder::appendLevels(std::span<const uint8_t> defined) {
    // Data page v1 prefixes the levels with their byte length.
    const std::size_t lengthAt = m_page.size();
    appendLe32(m_page, 0);
    appendRleBitPackedHybrid(defined, 1, m_page);
    const auto length = static_cast<uint32_t>(m_page.size() - lengthAt - 4);
    std::memcpy(m_page.data() + lengthAt, &length, 4);
}

void ColumnEncoder::appendValues(const Column& column, const ColumnData& data, std::size_t first,
                                 std::size_t last, bool dictionary) {
    const std::size_t count = last - first;
    if (dictionary) {
        m_page.push_back(static_cast<char>(m_indexBitWidth));
        appendRleBitPackedHybrid(m_dictionary.indices().subspan(first, count), m_indexBitWidth,
                                 m_page);
        return;
    }
    const auto integers = [&] {
        return std::span<const int64_t>(data.m_integers).subspan(first, count);
    };
    const auto reals = [&] { return std::span<const double>(data.m_reals).subspan(first, count); };
    switch (column.type) {
    case ColumnType::Boolean:
        return appendPlainBoolean(integers(), m_page);
    case ColumnType::Int32:
    case ColumnType::Date:
        return appendPlainInt32(integers(), m_page);
    case ColumnType::Int64:
    case ColumnType::TimestampMicros:
        return appendPlainInt64(integers(), m_page);
    case ColumnType::Float:
        return appendPlainFloat(reals(), m_page);
    case ColumnType::Double:
        return appendPlainDouble(reals(), m_page);
    case ColumnType::String:
        return appendPlainByteArrays(byteArraysOf(data.m_bytes, data.m_ends), first, last, m_page);
    }
}

int64_t ColumnEncoder::writePage(PageType type, Encoding encoding, std::size_t numValues,
                                 ChunkMetadata& chunk) {
    const std::string_view compressed = m_compressor.compress(m_page);
    PageHeaderFields header;
    header.type = type;
    header.uncompressedSize = pageSize(m_page.size());
    header.compressedSize = pageSize(compressed.size());
    header.numValues = pageSize(numValues);
    header.encoding = encoding;
    m_header.clear();
    appendPageHeader(header, m_header);

    const int64_t offset = m_outOffset + static_cast<int64_t>(m_out->size());
    m_out->append(m_header);
    m_out->append(compressed);
    chunk.totalUncompressedSize += static_cast<int64_t>(m_header.size() + m_page.size());
    chunk.totalCompressedSize += static_cast<int64_t>(m_header.size() + compressed.size());
    return offset;
}

} // namespace streamgen::parquet
