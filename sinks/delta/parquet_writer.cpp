#include "sinks/delta/parquet_writer.h"

#include "sinks/delta/parquet_column_encoder.h"
#include "sinks/delta/parquet_metadata.h"

#include <cassert>
#include <limits>
#include <set>
#include <stdexcept>

namespace streamgen::parquet {
namespace {

constexpr std::string_view kMagic = "PAR1";

void checkColumns(const std::vector<Column>& columns) {
    if (columns.empty()) {
        throw std::invalid_argument("parquet: a file needs at least one column");
    }
    std::set<std::string_view> names;
    for (const Column& column : columns) {
        if (column.name.empty()) {
            throw std::invalid_argument("parquet: a column has an empty name");
        }
        if (!names.insert(column.name).second) {
            throw std::invalid_argument("parquet: two columns are named '" + column.name + "'");
        }
    }
}

} // namespace

void ColumnData::appendNull() {
    m_defined.push_back(0);
}

void ColumnData::appendBool(bool value) {
    m_defined.push_back(1);
    m_integers.push_back(value ? 1 : 0);
}

void ColumnData::appendInt32(int32_t value) {
    m_defined.push_back(1);
    m_integers.push_back(value);
}

void ColumnData::appendInt64(int64_t value) {
    m_defined.push_back(1);
    m_integers.push_back(value);
}

void ColumnData::appendFloat(float value) {
    m_defined.push_back(1);
    m_reals.push_back(value);
}

void ColumnData::appendDouble(double value) {
    m_defined.push_back(1);
    m_reals.push_back(value);
}

void ColumnData::appendString(std::string_view value) {
    // Value ends are 32-bit to keep the per-value overhead small; a row group that needs more
    // than 4 GiB of string bytes must be ended earlier.
    if (value.size() > std::numeric_limits<uint32_t>::max() - m_bytes.size()) {
        throw std::length_error("parquet: a row group holds more than 4 GiB of strings");
    }
    m_defined.push_back(1);
    m_bytes.append(value);
    m_ends.push_back(static_cast<uint32_t>(m_bytes.size()));
}

void ColumnData::clear() {
    m_defined.clear();
    m_integers.clear();
    m_reals.clear();
    m_bytes.clear();
    m_ends.clear();
}

struct FileWriter::Impl {
    Impl(std::vector<Column> columnList, const WriterOptions& options)
        : columns(std::move(columnList)), data(columns.size()), statistics(columns.size()),
          encoder(options), out(kMagic) {}

    std::vector<Column> columns;
    std::vector<ColumnData> data;
    std::vector<ColumnStatistics> statistics;
    std::vector<RowGroupMetadata> rowGroups;
    ColumnEncoder encoder;
    std::string out; ///< bytes not yet consumed
    uint64_t consumed = 0;
    uint64_t pendingRows = 0;
    uint64_t writtenRows = 0;
    bool finished = false;
};

FileWriter::FileWriter(std::vector<Column> columns, WriterOptions options) {
    checkColumns(columns);
    m_impl = std::make_unique<Impl>(std::move(columns), options);
}

FileWriter::~FileWriter() = default;

const std::vector<Column>& FileWriter::columns() const {
    return m_impl->columns;
}

ColumnData& FileWriter::column(std::size_t index) {
    return m_impl->data[index];
}

void FileWriter::endRow() {
    ++m_impl->pendingRows;
    assert(m_impl->data.front().m_defined.size() == m_impl->pendingRows);
}

uint64_t FileWriter::pendingRows() const {
    return m_impl->pendingRows;
}

uint64_t FileWriter::writtenRows() const {
    return m_impl->writtenRows;
}

void FileWriter::endRowGroup() {
    Impl& impl = *m_impl;
    if (impl.pendingRows == 0) {
        return;
    }
    if (impl.finished) {
        throw std::logic_error("parquet: rows were appended after the file was finished");
    }
    const std::size_t rows = impl.pendingRows;
    // Checked before anything is written so that a bad row group leaves the file as it was.
    for (std::size_t i = 0; i < impl.columns.size(); ++i) {
        ColumnEncoder::validate(impl.columns[i], impl.data[i], rows);
    }
    RowGroupMetadata rowGroup;
    rowGroup.numRows = static_cast<int64_t>(rows);
    rowGroup.columns.reserve(impl.columns.size());
    const auto outOffset = static_cast<int64_t>(impl.consumed);
    for (std::size_t i = 0; i < impl.columns.size(); ++i) {
        rowGroup.columns.push_back(impl.encoder.encode(impl.columns[i], impl.data[i], rows,
                                                       impl.out, outOffset, impl.statistics[i]));
        impl.data[i].clear();
    }
    impl.rowGroups.push_back(std::move(rowGroup));
    impl.writtenRows += rows;
    impl.pendingRows = 0;
}

void FileWriter::finish() {
    Impl& impl = *m_impl;
    if (impl.finished) {
        return;
    }
    endRowGroup();
    const std::size_t footerStart = impl.out.size();
    appendFileMetaData(impl.columns, impl.rowGroups, impl.out);
    appendLe32(impl.out, static_cast<uint32_t>(impl.out.size() - footerStart));
    impl.out.append(kMagic);
    impl.finished = true;
}

std::string_view FileWriter::output() const {
    return m_impl->out;
}

void FileWriter::consumeOutput() {
    m_impl->consumed += m_impl->out.size();
    m_impl->out.clear();
}

uint64_t FileWriter::fileSize() const {
    return m_impl->consumed + m_impl->out.size();
}

const std::vector<ColumnStatistics>& FileWriter::statistics() const {
    return m_impl->statistics;
}

} // namespace streamgen::parquet
