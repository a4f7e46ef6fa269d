#include "sinks/delta/parquet_metadata.h"

#include "sinks/delta/thrift_compact.h"

namespace streamgen::parquet {
namespace {

using thrift::CompactType;
using thrift::CompactWriter;

// parquet.thrift enum values.
constexpr int32_t kBoolean = 0;
constexpr int32_t kInt32 = 1;
constexpr int32_t kInt64 = 2;
constexpr int32_t kFloat = 4;
constexpr int32_t kDouble = 5;
constexpr int32_t kByteArray = 6;
constexpr int32_t kRequired = 0;
constexpr int32_t kOptional = 1;
constexpr int32_t kConvertedUtf8 = 0;
constexpr int32_t kConvertedDate = 6;
constexpr int32_t kConvertedTimestampMicros = 10;
constexpr int32_t kFileVersion = 1;
constexpr const char* kCreatedBy = "streamgen";

void emptyStructField(CompactWriter& writer, int16_t id) {
    writer.structField(id);
    writer.endStruct();
}

/// The LogicalType union, written next to the converted type that older readers understand.
void appendLogicalType(CompactWriter& writer, ColumnType type) {
    switch (type) {
    case ColumnType::String:
        writer.structField(10);
        emptyStructField(writer, 1); // STRING
        writer.endStruct();
        return;
    case ColumnType::Date:
        writer.structField(10);
        emptyStructField(writer, 6); // DATE
        writer.endStruct();
        return;
    case ColumnType::TimestampMicros:
        writer.structField(10);
        writer.structField(8); // TIMESTAMP
        writer.boolField(1, true);
        writer.structField(2);       // unit
        emptyStructField(writer, 2); // MICROS
        writer.endStruct();
        writer.endStruct();
        writer.endStruct();
        return;
    default:
        return;
    }
}

void appendSchemaLeaf(CompactWriter& writer, const Column& column) {
    writer.beginStruct();
    writer.i32Field(1, physicalType(column.type));
    writer.i32Field(3, column.nullable ? kOptional : kRequired);
    writer.binaryField(4, column.name);
    switch (column.type) {
    case ColumnType::String:
        writer.i32Field(6, kConvertedUtf8);
        break;
    case ColumnType::Date:
        writer.i32Field(6, kConvertedDate);
        break;
    case ColumnType::TimestampMicros:
        writer.i32Field(6, kConvertedTimestampMicros);
        break;
    default:
        break;
    }
    appendLogicalType(writer, column.type);
    writer.endStruct();
}

void appendSchema(CompactWriter& writer, const std::vector<Column>& columns) {
    writer.listField(2, CompactType::Struct, columns.size() + 1);
    writer.beginStruct();
    writer.binaryField(4, "schema");
    writer.i32Field(5, static_cast<int32_t>(columns.size()));
    writer.endStruct();
    for (const Column& column : columns) {
        appendSchemaLeaf(writer, column);
    }
}

void appendStatistics(CompactWriter& writer, const ChunkStatistics& statistics) {
    writer.structField(12);
    writer.i64Field(3, statistics.nullCount);
    if (statistics.hasMinMax) {
        writer.binaryField(5, statistics.maxValue);
        writer.binaryField(6, statistics.minValue);
    }
    writer.endStruct();
}

void appendColumnChunk(CompactWriter& writer, const Column& column, const ChunkMetadata& chunk) {
    writer.beginStruct();
    // The deprecated file_offset has meant several things; the chunk's start is what parquet-mr
    // writes and what split planners expect.
    writer.i64Field(2, chunk.firstPageOffset());
    writer.structField(3);
    writer.i32Field(1, physicalType(column.type));
    writer.listField(2, CompactType::I32, chunk.encodings.size());
    for (const Encoding encoding : chunk.encodings) {
        writer.i32(static_cast<int32_t>(encoding));
    }
    writer.listField(3, CompactType::Binary, 1);
    writer.binary(column.name);
    writer.i32Field(4, chunk.codec);
    writer.i64Field(5, chunk.numValues);
    writer.i64Field(6, chunk.totalUncompressedSize);
    writer.i64Field(7, chunk.totalCompressedSize);
    writer.i64Field(9, chunk.dataPageOffset);
    if (chunk.dictionaryPageOffset) {
        writer.i64Field(11, *chunk.dictionaryPageOffset);
    }
    appendStatistics(writer, chunk.statistics);
    writer.endStruct();
    writer.endStruct();
}

void appendRowGroup(CompactWriter& writer, const std::vector<Column>& columns,
                    const RowGroupMetadata& rowGroup) {
    int64_t uncompressed = 0;
    int64_t compressed = 0;
    for (const ChunkMetadata& chunk : rowGroup.columns) {
        uncompressed += chunk.totalUncompressedSize;
        compressed += chunk.totalCompressedSize;
    }
    writer.beginStruct();
    writer.listField(1, CompactType::Struct, rowGroup.columns.size());
    for (std::size_t i = 0; i < rowGroup.columns.size(); ++i) {
        appendColumnChunk(writer, columns[i], rowGroup.columns[i]);
    }
    writer.i64Field(2, uncompressed);
    writer.i64Field(3, rowGroup.numRows);
    if (!rowGroup.columns.empty()) {
        writer.i64Field(5, rowGroup.columns.front().firstPageOffset());
    }
    writer.i64Field(6, compressed);
    writer.endStruct();
}

/// TypeDefinedOrder for every column: it declares that min_value/max_value follow each type's
/// natural order (unsigned bytes for strings), without which readers may distrust them.
void appendColumnOrders(CompactWriter& writer, std::size_t columnCount) {
    writer.listField(7, CompactType::Struct, columnCount);
    for (std::size_t i = 0; i < columnCount; ++i) {
        writer.beginStruct();
        emptyStructField(writer, 1); // TYPE_ORDER
        writer.endStruct();
    }
}

} // namespace

int32_t physicalType(ColumnType type) {
    switch (type) {
    case ColumnType::Boolean:
        return kBoolean;
    case ColumnType::Int32:
    case ColumnType::Date:
        return kInt32;
    case ColumnType::Int64:
    case ColumnType::TimestampMicros:
        return kInt64;
    case ColumnType::Float:
        return kFloat;
    case ColumnType::Double:
        return kDouble;
    case ColumnType::String:
        return kByteArray;
    }
    return kByteArray;
}

void appendPageHeader(const PageHeaderFields& header, std::string& out) {
    CompactWriter writer(out);
    writer.beginStruct();
    writer.i32Field(1, static_cast<int32_t>(header.type));
    writer.i32Field(2, header.uncompressedSize);
    writer.i32Field(3, header.compressedSize);
    if (header.type == PageType::DataPage) {
        writer.structField(5);
        writer.i32Field(1, header.numValues);
        writer.i32Field(2, static_cast<int32_t>(header.encoding));
        writer.i32Field(3, static_cast<int32_t>(Encoding::Rle));
        writer.i32Field(4, static_cast<int32_t>(Encoding::Rle));
        writer.endStruct();
    } else {
        writer.structField(7);
        writer.i32Field(1, header.numValues);
        writer.i32Field(2, static_cast<int32_t>(header.encoding));
        writer.endStruct();
    }
    writer.endStruct();
}

void appendFileMetaData(const std::vector<Column>& columns,
                        const std::vector<RowGroupMetadata>& rowGroups, std::string& out) {
    int64_t rows = 0;
    for (const RowGroupMetadata& rowGroup : rowGroups) {
        rows += rowGroup.numRows;
    }
    CompactWriter writer(out);
    writer.beginStruct();
    writer.i32Field(1, kFileVersion);
    appendSchema(writer, columns);
    writer.i64Field(3, rows);
    writer.listField(4, CompactType::Struct, rowGroups.size());
    for (const RowGroupMetadata& rowGroup : rowGroups) {
        appendRowGroup(writer, columns, rowGroup);
    }
    writer.binaryField(6, kCreatedBy);
    appendColumnOrders(writer, columns.size());
    writer.endStruct();
}

} // namespace streamgen::parquet
