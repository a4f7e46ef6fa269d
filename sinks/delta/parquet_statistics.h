#pragma once

#include "sinks/delta/parquet_encoding.h"
#include "sinks/delta/parquet_metadata.h"
#include "sinks/delta/parquet_writer.h"

#include <span>
#include <string_view>

namespace streamgen::parquet {

/// Minimum and maximum of the present values of a chunk (`nullCount` is left to the caller).
ColumnStatistics integerStatistics(std::span<const int64_t> values);
/// NaN is skipped, as it has no place in an order; a zero minimum is reported as -0.0 and a zero
/// maximum as +0.0 so that the bounds hold whatever the sign of the zeros in the data, as the
/// Parquet spec asks. `asFloat` rounds the values to float first, as a Float column stores them.
ColumnStatistics realStatistics(std::span<const double> values, bool asFloat);
/// Bytes compared as unsigned, which is the order Parquet defines for strings.
ColumnStatistics textStatistics(const ByteArrays& values);
ColumnStatistics textStatistics(std::span<const std::string_view> values);

/// Folds the statistics of one chunk into those of the file.
void mergeStatistics(ColumnStatistics& file, const ColumnStatistics& chunk, ColumnType type);

/// The footer form: PLAIN-encoded min and max, left out when a string bound is so long that it
/// would bloat the footer (readers then simply do not prune on it).
ChunkStatistics footerStatistics(const ColumnStatistics& statistics, ColumnType type);

} // namespace streamgen::parquet
