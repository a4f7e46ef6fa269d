#include "sinks/delta/parquet_statistics.h"

#include <cmath>
#include <cstring>

namespace streamgen::parquet {
namespace {

// The bound Arrow applies too: beyond it min/max are not written.
constexpr std::size_t kMaxFooterStatisticSize = 4096;

enum class Category { Integer, Real, Text };

Category categoryOf(ColumnType type) {
    switch (type) {
    case ColumnType::Float:
    case ColumnType::Double:
        return Category::Real;
    case ColumnType::String:
        return Category::Text;
    default:
        return Category::Integer;
    }
}

template <typename T> std::string plainBytes(T value) {
    std::string bytes(sizeof(T), '\0');
    std::memcpy(bytes.data(), &value, sizeof(T));
    return bytes;
}

std::string plainInteger(int64_t value, ColumnType type) {
    switch (type) {
    case ColumnType::Boolean:
        return std::string(1, value != 0 ? '\1' : '\0');
    case ColumnType::Int32:
    case ColumnType::Date:
        return plainBytes(static_cast<int32_t>(value));
    default:
        return plainBytes(value);
    }
}

std::string plainReal(double value, ColumnType type) {
    return type == ColumnType::Float ? plainBytes(static_cast<float>(value)) : plainBytes(value);
}

template <typename Values> ColumnStatistics textStatisticsOf(const Values& values) {
    ColumnStatistics statistics;
    if (values.size() == 0) {
        return statistics;
    }
    std::string_view min = values[0];
    std::string_view max = min;
    for (std::size_t i = 1; i < values.size(); ++i) {
        const std::string_view value = values[i];
        // std::string_view compares through char_traits<char>, i.e. as unsigned bytes.
        if (value < min) {
            min = value;
        } else if (value > max) {
            max = value;
        }
    }
    statistics.hasMinMax = true;
    statistics.minText = min;
    statistics.maxText = max;
    return statistics;
}

} // namespace

ColumnStatistics integerStatistics(std::span<const int64_t> values) {
    ColumnStatistics statistics;
    if (values.empty()) {
        return statistics;
    }
    int64_t min = values[0];
    int64_t max = values[0];
    for (const int64_t value : values) {
        min = value < min ? value : min;
        max = value > max ? value : max;
    }
    statistics.hasMinMax = true;
    statistics.minInteger = min;
    statistics.maxInteger = max;
    return statistics;
}

ColumnStatistics realStatistics(std::span<const double> values, bool asFloat) {
    ColumnStatistics statistics;
    double min = INFINITY;
    double max = -INFINITY;
    bool any = false;
    for (double value : values) {
        if (asFloat) {
            value = static_cast<float>(value);
        }
        if (std::isnan(value)) {
            continue;
        }
        any = true;
        min = value < min ? value : min;
        max = value > max ? value : max;
    }
    if (!any) {
        return statistics;
    }
    statistics.hasMinMax = true;
    statistics.minReal = min == 0.0 ? -0.0 : min;
    statistics.maxReal = max == 0.0 ? 0.0 : max;
    return statistics;
}

ColumnStatistics textStatistics(const ByteArrays& values) {
    return textStatisticsOf(values);
}

ColumnStatistics textStatistics(std::span<const std::string_view> values) {
    return textStatisticsOf(values);
}

void mergeStatistics(ColumnStatistics& file, const ColumnStatistics& chunk, ColumnType type) {
    file.nullCount += chunk.nullCount;
    if (!chunk.hasMinMax) {
        return;
    }
    const bool first = !file.hasMinMax;
    file.hasMinMax = true;
    switch (categoryOf(type)) {
    case Category::Integer:
        if (first || chunk.minInteger < file.minInteger) {
            file.minInteger = chunk.minInteger;
        }
        if (first || chunk.maxInteger > file.maxInteger) {
            file.maxInteger = chunk.maxInteger;
        }
        return;
    case Category::Real:
        if (first || chunk.minReal < file.minReal) {
            file.minReal = chunk.minReal;
        }
        if (first || chunk.maxReal > file.maxReal) {
            file.maxReal = chunk.maxReal;
        }
        return;
    case Category::Text:
        if (first || chunk.minText < file.minText) {
            file.minText = chunk.minText;
        }
        if (first || chunk.maxText > file.maxText) {
            file.maxText = chunk.maxText;
        }
        return;
    }
}

ChunkStatistics footerStatistics(const ColumnStatistics& statistics, ColumnType type) {
    ChunkStatistics footer;
    footer.nullCount = static_cast<int64_t>(statistics.nullCount);
    if (!statistics.hasMinMax) {
        return footer;
    }
    switch (categoryOf(type)) {
    case Category::Integer:
        footer.minValue = plainInteger(statistics.minInteger, type);
        footer.maxValue = plainInteger(statistics.maxInteger, type);
        break;
    case Category::Real:
        footer.minValue = plainReal(statistics.minReal, type);
        footer.maxValue = plainReal(statistics.maxReal, type);
        break;
    case Category::Text:
        if (statistics.minText.size() > kMaxFooterStatisticSize ||
            statistics.maxText.size() > kMaxFooterStatisticSize) {
            return footer;
        }
        footer.minValue = statistics.minText;
        footer.maxValue = statistics.maxText;
        break;
    }
    footer.hasMinMax = true;
    return footer;
}

} // namespace streamgen::parquet
