#include "sinks/delta/parquet_encoding.h"
#include "sinks/delta/parquet_statistics.h"
#include "sinks/delta/parquet_writer.h"
#include "sinks/delta/thrift_compact.h"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <stdexcept>

namespace streamgen::parquet {
namespace {

using thrift::CompactType;
using thrift::CompactWriter;

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (const int value : values) {
        out.push_back(static_cast<char>(value));
    }
    return out;
}

std::string varint(uint64_t value) {
    std::string out;
    thrift::writeVarint(out, value);
    return out;
}

// --- Thrift compact protocol ------------------------------------------------------------------

TEST(ThriftCompact, VarintsAreLittleEndianGroupsOfSevenBits) {
    EXPECT_EQ(varint(0), bytes({0x00}));
    EXPECT_EQ(varint(127), bytes({0x7f}));
    EXPECT_EQ(varint(128), bytes({0x80, 0x01}));
    EXPECT_EQ(varint(300), bytes({0xac, 0x02}));
    EXPECT_EQ(varint(std::numeric_limits<uint64_t>::max()),
              bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
}

TEST(ThriftCompact, ZigzagInterleavesNegativeAndPositive) {
    EXPECT_EQ(thrift::zigzag(0), 0u);
    EXPECT_EQ(thrift::zigzag(-1), 1u);
    EXPECT_EQ(thrift::zigzag(1), 2u);
    EXPECT_EQ(thrift::zigzag(-64), 127u);
    EXPECT_EQ(thrift::zigzag(64), 128u);
    EXPECT_EQ(thrift::zigzag(std::numeric_limits<int32_t>::min()), 4294967295u);
    EXPECT_EQ(thrift::zigzag(std::numeric_limits<int64_t>::max()),
              std::numeric_limits<uint64_t>::max() - 1);
    EXPECT_EQ(thrift::zigzag(std::numeric_limits<int64_t>::min()),
              std::numeric_limits<uint64_t>::max());
}

TEST(ThriftCompact, CloseFieldsPackTheIdDeltaWithTheType) {
    std::string out;
    CompactWriter writer(out);
    writer.beginStruct();
    writer.i32Field(1, 1);
    writer.i64Field(2, -1);
    writer.binaryField(5, "ab");
    writer.endStruct();
    EXPECT_EQ(out, bytes({0x15, 0x02, 0x16, 0x01, 0x38, 0x02, 'a', 'b', 0x00}));
    EXPECT_EQ(writer.depth(), 0u);
}

TEST(ThriftCompact, DeltaOfFifteenStillUsesTheShortForm) {
    std::string out;
    CompactWriter writer(out);
    writer.beginStruct();
    writer.i32Field(1, 0);
    writer.i32Field(16, 0);
    writer.endStruct();
    EXPECT_EQ(out, bytes({0x15, 0x00, 0xf5, 0x00, 0x00}));
}

TEST(ThriftCompact, LongFieldIdJumpsWriteTheIdAsZigzagVarint) {
    std::string out;
    CompactWriter writer(out);
    writer.beginStruct();
    writer.i32Field(1, 0);
    writer.i32Field(20, -3);
    writer.i64Field(100, 64);
    writer.endStruct();
    EXPECT_EQ(out, bytes({0x15, 0x00, 0x05, 0x28, 0x05, 0x06, 0xc8, 0x01, 0x80, 0x01, 0x00}));
}

TEST(ThriftCompact, BooleanFieldsCarryTheirValueInTheType) {
    std::string out;
    CompactWriter writer(out);
    writer.beginStruct();
    writer.boolField(1, true);
    writer.boolField(2, false);
    writer.boolField(40, true);
    writer.endStruct();
    EXPECT_EQ(out, bytes({0x11, 0x12, 0x01, 0x50, 0x00}));
}

TEST(ThriftCompact, ShortListsPackTheSizeWithTheElementType) {
    std::string out;
    CompactWriter writer(out);
    writer.beginStruct();
    writer.listField(1, CompactType::I32, 3);
    writer.i32(1);
    writer.i32(2);
    writer.i32(3);
    writer.listField(2, CompactType::Binary, 1);
    writer.binary("x");
    writer.endStruct();
    EXPECT_EQ(out, bytes({0x19, 0x35, 0x02, 0x04, 0x06, 0x19, 0x18, 0x01, 'x', 0x00}));
}

TEST(ThriftCompact, ListsOfFifteenOrMoreWriteTheSizeAsVarint) {
    std::string out;
    CompactWriter writer(out);
    writer.beginStruct();
    writer.listField(1, CompactType::I64, 15);
    for (int i = 0; i < 15; ++i) {
        writer.i64(0);
    }
    writer.endStruct();
    std::string expected = bytes({0x19, 0xf6, 0x0f});
    expected.append(15, '\0');
    expected.push_back('\0');
    EXPECT_EQ(out, expected);
}

TEST(ThriftCompact, NestedStructsRestartAndRestoreFieldIds) {
    std::string out;
    CompactWriter writer(out);
    writer.beginStruct();
    writer.structField(1);
    writer.i32Field(1, 5);
    writer.i32Field(3, 1);
    writer.endStruct();
    writer.i32Field(2, 7);
    writer.endStruct();
    EXPECT_EQ(out, bytes({0x1c, 0x15, 0x0a, 0x25, 0x02, 0x00, 0x15, 0x0e, 0x00}));
}

TEST(ThriftCompact, ListsOfStructsHoldOneStopByteEach) {
    std::string out;
    CompactWriter writer(out);
    writer.beginStruct();
    writer.listField(1, CompactType::Struct, 2);
    writer.beginStruct();
    writer.i32Field(1, 1);
    writer.endStruct();
    writer.beginStruct();
    writer.endStruct();
    writer.endStruct();
    EXPECT_EQ(out, bytes({0x19, 0x2c, 0x15, 0x02, 0x00, 0x00, 0x00}));
}

// --- RLE / bit-packed hybrid ------------------------------------------------------------------

std::string hybrid(const std::vector<uint32_t>& values, int bitWidth) {
    std::string out;
    appendRleBitPackedHybrid(std::span<const uint32_t>(values), bitWidth, out);
    return out;
}

/// An independent decoder of the hybrid encoding, written from the format description.
std::vector<uint32_t> decodeHybrid(std::string_view data, int bitWidth, std::size_t count) {
    std::vector<uint32_t> values;
    std::size_t pos = 0;
    const auto readVarint = [&] {
        uint64_t value = 0;
        for (int shift = 0;; shift += 7) {
            const auto byte = static_cast<uint8_t>(data.at(pos++));
            value |= static_cast<uint64_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) {
                return value;
            }
        }
    };
    while (values.size() < count) {
        const uint64_t header = readVarint();
        if ((header & 1) == 0) {
            uint32_t value = 0;
            for (int byte = 0; byte < (bitWidth + 7) / 8; ++byte) {
                value |= static_cast<uint32_t>(static_cast<uint8_t>(data.at(pos++))) << (8 * byte);
            }
            values.insert(values.end(), header >> 1, value);
            continue;
        }
        const std::size_t total = (header >> 1) * 8;
        for (std::size_t i = 0; i < total; ++i) {
            uint32_t value = 0;
            for (int bit = 0; bit < bitWidth; ++bit) {
                const std::size_t at = i * bitWidth + bit;
                const auto byte = static_cast<uint8_t>(data.at(pos + at / 8));
                value |= static_cast<uint32_t>((byte >> (at % 8)) & 1) << bit;
            }
            values.push_back(value);
        }
        pos += (header >> 1) * bitWidth;
    }
    EXPECT_EQ(pos, data.size()) << "trailing bytes after the encoded values";
    values.resize(count);
    return values;
}

TEST(RleBitPackedHybrid, EightEqualValuesBecomeOneRleRun) {
    EXPECT_EQ(hybrid(std::vector<uint32_t>(8, 1), 1), bytes({0x10, 0x01}));
}

TEST(RleBitPackedHybrid, LongRunsWriteAVarintCount) {
    EXPECT_EQ(hybrid(std::vector<uint32_t>(300, 0), 2), bytes({0xd8, 0x04, 0x00}));
}

TEST(RleBitPackedHybrid, RunValuesTakeWholeBytesOfTheBitWidth) {
    EXPECT_EQ(hybrid(std::vector<uint32_t>(9, 300), 9), bytes({0x12, 0x2c, 0x01}));
}

TEST(RleBitPackedHybrid, FewValuesAreBitPackedLsbFirstAndPadded) {
    EXPECT_EQ(hybrid({1, 0, 1, 1, 0}, 1), bytes({0x03, 0x0d}));
}

TEST(RleBitPackedHybrid, BitPackingMatchesTheSpecExample) {
    EXPECT_EQ(hybrid({0, 1, 2, 3, 4, 5, 6, 7}, 3), bytes({0x03, 0x88, 0xc6, 0xfa}));
}

TEST(RleBitPackedHybrid, LiteralsBorrowFromAFollowingRunToFillTheirGroup) {
    std::vector<uint32_t> values{0, 1, 0};
    values.insert(values.end(), 13, 1);
    EXPECT_EQ(hybrid(values, 1), bytes({0x03, 0xfa, 0x10, 0x01}));
}

TEST(RleBitPackedHybrid, RunsTooShortAfterBorrowingStayBitPacked) {
    std::vector<uint32_t> values{0, 1, 0};
    values.insert(values.end(), 10, 1);
    EXPECT_EQ(hybrid(values, 1), bytes({0x05, 0xfa, 0x1f}));
}

TEST(RleBitPackedHybrid, EmptyInputWritesNothing) {
    EXPECT_EQ(hybrid({}, 4), "");
}

TEST(RleBitPackedHybrid, RandomRunsAndLiteralsDecodeToTheInput) {
    std::mt19937 random(42);
    for (const int bitWidth : {1, 2, 5, 8, 13, 20, 32}) {
        const uint64_t limit = bitWidth == 32 ? 0xffffffffu : (1u << bitWidth) - 1;
        std::uniform_int_distribution<uint32_t> valueOf(0, static_cast<uint32_t>(limit));
        std::uniform_int_distribution<int> runOf(1, 40);
        std::vector<uint32_t> values;
        while (values.size() < 5000) {
            values.insert(values.end(), static_cast<std::size_t>(runOf(random)), valueOf(random));
        }
        EXPECT_EQ(decodeHybrid(hybrid(values, bitWidth), bitWidth, values.size()), values)
            << "bit width " << bitWidth;
    }
}

TEST(RleBitPackedHybrid, DefinitionLevelsEncodeFromBytes) {
    const std::vector<uint8_t> levels{1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
    std::string out;
    appendRleBitPackedHybrid(std::span<const uint8_t>(levels), 1, out);
    EXPECT_EQ(out, bytes({0x12, 0x01, 0x03, 0x00}));
}

// --- PLAIN and dictionary ---------------------------------------------------------------------

TEST(PlainEncoding, BooleansAreBitPackedLsbFirstWithoutHeader) {
    const std::vector<int64_t> values{1, 0, 0, 1, 1, 1, 1, 1, 0, 1};
    std::string out;
    appendPlainBoolean(values, out);
    EXPECT_EQ(out, bytes({0xf9, 0x02}));
}

TEST(PlainEncoding, Int32ValuesAreNarrowedToFourBytes) {
    const std::vector<int64_t> values{-2, 0x01020304};
    std::string out;
    appendPlainInt32(values, out);
    EXPECT_EQ(out, bytes({0xfe, 0xff, 0xff, 0xff, 0x04, 0x03, 0x02, 0x01}));
}

TEST(PlainEncoding, ByteArraysArePrefixedWithTheirLength) {
    const std::string data = "abcde";
    const std::vector<uint32_t> ends{2, 2, 5};
    std::string out;
    appendPlainByteArrays(ByteArrays{data, ends}, 1, 3, out);
    EXPECT_EQ(out, bytes({0, 0, 0, 0, 3, 0, 0, 0, 'c', 'd', 'e'}));
}

TEST(StringDictionary, EntriesKeepFirstAppearanceOrder) {
    const std::string data = "babc";
    const std::vector<uint32_t> ends{1, 2, 3, 4};
    StringDictionary dictionary;
    ASSERT_TRUE(dictionary.build(ByteArrays{data, ends}, 10, 1000));
    EXPECT_EQ(
        std::vector<std::string_view>(dictionary.entries().begin(), dictionary.entries().end()),
        (std::vector<std::string_view>{"b", "a", "c"}));
    EXPECT_EQ(std::vector<uint32_t>(dictionary.indices().begin(), dictionary.indices().end()),
              (std::vector<uint32_t>{0, 1, 0, 2}));
    EXPECT_EQ(dictionary.plainSize(), 15u);
}

TEST(StringDictionary, GivesUpWhenTooManyValuesAreDistinct) {
    std::string data;
    std::vector<uint32_t> ends;
    for (int i = 0; i < 5000; ++i) {
        data += std::to_string(i);
        ends.push_back(static_cast<uint32_t>(data.size()));
    }
    StringDictionary dictionary;
    EXPECT_FALSE(dictionary.build(ByteArrays{data, ends}, 2500, 1 << 20));
    EXPECT_TRUE(dictionary.build(ByteArrays{data, ends}, 5000, 1 << 20));
    EXPECT_EQ(dictionary.entries().size(), 5000u);
    EXPECT_EQ(dictionary.entries()[4321], "4321");
    EXPECT_EQ(dictionary.indices()[4321], 4321u);
}

} // namespace
} // namespace streamgen::parquet
