#include "sinks/delta/parquet_statistics.h"
#include "sinks/delta/parquet_writer.h"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>
#include <limits>
#include <stdexcept>

namespace streamgen::parquet {
namespace {

uint32_t le32At(std::string_view data, std::size_t at) {
    uint32_t value = 0;
    std::memcpy(&value, data.data() + at, 4);
    return value;
}

template <typename T> std::string plain(T value) {
    std::string out(sizeof(T), '\0');
    std::memcpy(out.data(), &value, sizeof(T));
    return out;
}

// --- Statistics -------------------------------------------------------------------------------

TEST(ParquetStatistics, IntegerBoundsAndNullsAddUpOverRowGroups) {
    FileWriter writer({{"n", ColumnType::Int64, true}});
    for (const int64_t value : {5, 0, -3}) {
        value == 0 ? writer.column(0).appendNull() : writer.column(0).appendInt64(value);
        writer.endRow();
    }
    writer.endRowGroup();
    writer.column(0).appendInt64(100);
    writer.endRow();
    writer.column(0).appendNull();
    writer.endRow();
    writer.finish();
    const ColumnStatistics& statistics = writer.statistics()[0];
    EXPECT_EQ(statistics.nullCount, 2u);
    EXPECT_TRUE(statistics.hasMinMax);
    EXPECT_EQ(statistics.minInteger, -3);
    EXPECT_EQ(statistics.maxInteger, 100);
}

TEST(ParquetStatistics, AllNullColumnsHaveNoBounds) {
    FileWriter writer({{"s", ColumnType::String, true}});
    for (int row = 0; row < 3; ++row) {
        writer.column(0).appendNull();
        writer.endRow();
    }
    writer.finish();
    EXPECT_EQ(writer.statistics()[0].nullCount, 3u);
    EXPECT_FALSE(writer.statistics()[0].hasMinMax);
}

TEST(ParquetStatistics, RealBoundsSkipNaN) {
    const std::vector<double> values{NAN, 2.5, -1.0, NAN};
    const ColumnStatistics statistics = realStatistics(values, false);
    EXPECT_TRUE(statistics.hasMinMax);
    EXPECT_EQ(statistics.minReal, -1.0);
    EXPECT_EQ(statistics.maxReal, 2.5);
}

TEST(ParquetStatistics, OnlyNaNGivesNoBounds) {
    const std::vector<double> values{NAN, NAN};
    EXPECT_FALSE(realStatistics(values, false).hasMinMax);
}

TEST(ParquetStatistics, ZeroBoundsAreWidenedToBothSigns) {
    const std::vector<double> positive{0.0, 1.0};
    EXPECT_TRUE(std::signbit(realStatistics(positive, false).minReal));
    const std::vector<double> negative{-0.0, -1.0};
    EXPECT_FALSE(std::signbit(realStatistics(negative, false).maxReal));
}

TEST(ParquetStatistics, FloatBoundsAreTheStoredFloatValues) {
    const std::vector<double> values{0.1, 0.2};
    const ColumnStatistics statistics = realStatistics(values, true);
    EXPECT_EQ(statistics.minReal, static_cast<double>(0.1f));
    EXPECT_EQ(statistics.maxReal, static_cast<double>(0.2f));
}

TEST(ParquetStatistics, StringsCompareAsUnsignedBytes) {
    for (const bool dictionary : {false, true}) {
        WriterOptions options;
        options.dictionary = dictionary;
        FileWriter writer({{"s", ColumnType::String, false}}, options);
        for (const char* value : {"z", "\xc3\xa9", "A", "z", "z", "A"}) {
            writer.column(0).appendString(value);
            writer.endRow();
        }
        writer.finish();
        EXPECT_EQ(writer.statistics()[0].minText, "A") << "dictionary " << dictionary;
        EXPECT_EQ(writer.statistics()[0].maxText, "\xc3\xa9") << "dictionary " << dictionary;
    }
}

TEST(ParquetStatistics, FooterBoundsArePlainEncodedInTheColumnWidth) {
    ColumnStatistics statistics;
    statistics.hasMinMax = true;
    statistics.minInteger = -2;
    statistics.maxInteger = 7;
    const ChunkStatistics int32 = footerStatistics(statistics, ColumnType::Date);
    EXPECT_EQ(int32.minValue, plain<int32_t>(-2));
    EXPECT_EQ(int32.maxValue, plain<int32_t>(7));
    EXPECT_EQ(footerStatistics(statistics, ColumnType::TimestampMicros).minValue,
              plain<int64_t>(-2));
    statistics.minInteger = 0;
    statistics.maxInteger = 1;
    EXPECT_EQ(footerStatistics(statistics, ColumnType::Boolean).maxValue, std::string(1, '\1'));
    statistics.minReal = 1.5;
    statistics.maxReal = 2.0;
    EXPECT_EQ(footerStatistics(statistics, ColumnType::Float).minValue, plain<float>(1.5f));
    EXPECT_EQ(footerStatistics(statistics, ColumnType::Double).maxValue, plain<double>(2.0));
}

TEST(ParquetStatistics, HugeStringBoundsAreLeftOutOfTheFooterButKeptForTheCaller) {
    ColumnStatistics statistics;
    statistics.nullCount = 4;
    statistics.hasMinMax = true;
    statistics.minText = "a";
    statistics.maxText = std::string(5000, 'z');
    const ChunkStatistics footer = footerStatistics(statistics, ColumnType::String);
    EXPECT_FALSE(footer.hasMinMax);
    EXPECT_EQ(footer.nullCount, 4);
}

// --- File layout and misuse -------------------------------------------------------------------

TEST(ParquetFileWriter, FileIsFramedByMagicAndFooterLength) {
    FileWriter writer({{"id", ColumnType::Int32, false}});
    EXPECT_EQ(writer.output(), "PAR1");
    for (int row = 0; row < 10; ++row) {
        writer.column(0).appendInt32(row);
        writer.endRow();
    }
    writer.finish();
    const std::string_view file = writer.output();
    ASSERT_GT(file.size(), 12u);
    EXPECT_EQ(file.substr(0, 4), "PAR1");
    EXPECT_EQ(file.substr(file.size() - 4), "PAR1");
    const uint32_t footerLength = le32At(file, file.size() - 8);
    EXPECT_LT(footerLength, file.size() - 12);
    // The footer starts with FileMetaData.version = 1 (field 1, i32, zigzag 2).
    EXPECT_EQ(file.substr(file.size() - 8 - footerLength, 2), std::string("\x15\x02", 2));
    EXPECT_EQ(writer.writtenRows(), 10u);
    EXPECT_EQ(writer.fileSize(), file.size());
}

TEST(ParquetFileWriter, ConsumedOutputAddsUpToTheSameFile) {
    const auto write = [](bool consume) {
        WriterOptions options;
        options.pageRows = 7;
        FileWriter writer({{"s", ColumnType::String, true}, {"x", ColumnType::Double, false}},
                          options);
        std::string file;
        for (int row = 0; row < 100; ++row) {
            row % 3 == 0 ? writer.column(0).appendNull()
                         : writer.column(0).appendString(std::to_string(row % 5));
            writer.column(1).appendDouble(row * 0.5);
            writer.endRow();
            if (row % 40 == 39) {
                writer.endRowGroup();
                if (consume) {
                    file.append(writer.output());
                    writer.consumeOutput();
                }
            }
        }
        writer.finish();
        file.append(writer.output());
        EXPECT_EQ(writer.fileSize(), file.size());
        return file;
    };
    EXPECT_EQ(write(true), write(false));
}

TEST(ParquetFileWriter, EndingAnEmptyRowGroupWritesNothing) {
    FileWriter writer({{"b", ColumnType::Boolean, true}});
    writer.endRowGroup();
    EXPECT_EQ(writer.fileSize(), 4u);
    EXPECT_EQ(writer.pendingRows(), 0u);
}

TEST(ParquetFileWriter, MissingValuesAreReportedWithTheColumnName) {
    FileWriter writer({{"a", ColumnType::Int64, true}, {"b", ColumnType::Int64, true}});
    writer.column(0).appendInt64(1);
    writer.endRow();
    try {
        writer.endRowGroup();
        FAIL() << "a row without a value for b was accepted";
    } catch (const std::logic_error& error) {
        EXPECT_NE(std::string(error.what()).find("'b'"), std::string::npos) << error.what();
    }
}

TEST(ParquetFileWriter, NullInARequiredColumnIsRejected) {
    FileWriter writer({{"a", ColumnType::Int32, false}});
    writer.column(0).appendNull();
    writer.endRow();
    EXPECT_THROW(writer.endRowGroup(), std::logic_error);
}

TEST(ParquetFileWriter, ValueOfTheWrongTypeIsRejected) {
    FileWriter writer({{"a", ColumnType::String, true}});
    writer.column(0).appendInt64(3);
    writer.endRow();
    EXPECT_THROW(writer.endRowGroup(), std::logic_error);
}

TEST(ParquetFileWriter, DuplicateOrEmptyColumnNamesAreRejected) {
    EXPECT_THROW(FileWriter({{"a", ColumnType::Int32, true}, {"a", ColumnType::Int64, true}}),
                 std::invalid_argument);
    EXPECT_THROW(FileWriter({{"", ColumnType::Int32, true}}), std::invalid_argument);
    EXPECT_THROW(FileWriter(std::vector<Column>{}), std::invalid_argument);
}

TEST(ParquetFileWriter, RowsAfterFinishAreRejected) {
    FileWriter writer({{"a", ColumnType::Int32, true}});
    writer.finish();
    writer.column(0).appendInt32(1);
    writer.endRow();
    EXPECT_THROW(writer.endRowGroup(), std::logic_error);
}

} // namespace
} // namespace streamgen::parquet
