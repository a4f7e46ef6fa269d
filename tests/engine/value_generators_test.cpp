#include "engine/json_writer.h"
#include "model/config_io.h"
#include "test_support.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

namespace streamgen {
namespace {

using test::fieldText;
using test::intField;
using test::realField;
using test::simpleField;
using test::stringField;

std::vector<std::string> valuesOf(const FieldSpec& field, uint64_t count, uint64_t seed = 7) {
    const auto plan = test::compileOrDie(test::singleTypeConfig({field}, seed));
    std::vector<std::string> values;
    for (const auto& payload : test::renderRange(*plan, 0, 0, count)) {
        values.emplace_back(fieldText(payload, field.name));
    }
    return values;
}

std::string timestampText(int64_t ms) {
    std::string out;
    json::appendTimestamp(out, ms);
    return out;
}

TEST(UuidValues, AreRfc4122Version4TextAndUnique) {
    const std::regex v4("\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"");
    const auto values = valuesOf(simpleField("id", FieldType::Uuid), 20'000);
    for (const auto& value : values) {
        ASSERT_TRUE(std::regex_match(value, v4)) << value;
    }
    EXPECT_EQ(std::set<std::string>(values.begin(), values.end()).size(), values.size());
}

TEST(IntegerValues, StayInRangeAndReachBothEnds) {
    std::set<int64_t> seen;
    for (const auto& value : valuesOf(intField("n", -3, 3), 10'000)) {
        seen.insert(std::stoll(value));
    }
    EXPECT_EQ(seen, (std::set<int64_t>{-3, -2, -1, 0, 1, 2, 3}));
}

TEST(IntegerValues, FullInt64SpanCoversBothSigns) {
    FieldSpec field =
        intField("n", std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
    field.type = FieldType::Long;
    int negative = 0;
    for (const auto& value : valuesOf(field, 2'000)) {
        int64_t parsed = 0;
        const auto result = std::from_chars(value.data(), value.data() + value.size(), parsed);
        ASSERT_EQ(result.ec, std::errc()) << value;
        negative += parsed < 0 ? 1 : 0;
    }
    EXPECT_GT(negative, 800);
    EXPECT_LT(negative, 1200);
}

TEST(IntegerValues, SingleValueRange) {
    for (const auto& value : valuesOf(intField("n", 5, 5), 100)) {
        EXPECT_EQ(value, "5");
    }
}

TEST(FloatValues, RenderShortestFloat32InsideRange) {
    for (const auto& value : valuesOf(realField("x", FieldType::Float, 0.99, 999.99), 20'000)) {
        float parsed = 0;
        std::from_chars(value.data(), value.data() + value.size(), parsed);
        char shortest[32];
        const auto end = std::to_chars(shortest, shortest + sizeof shortest, parsed).ptr;
        ASSERT_EQ(value, std::string(shortest, end));
        ASSERT_GE(parsed, 0.99F);
        ASSERT_LE(parsed, 999.99F);
    }
}

TEST(DoubleValues, RenderShortestDoubleInsideRange) {
    double sum = 0;
    const auto values = valuesOf(realField("x", FieldType::Double, -5.0, 5.0), 20'000);
    for (const auto& value : values) {
        double parsed = 0;
        std::from_chars(value.data(), value.data() + value.size(), parsed);
        char shortest[32];
        const auto end = std::to_chars(shortest, shortest + sizeof shortest, parsed).ptr;
        ASSERT_EQ(value, std::string(shortest, end));
        ASSERT_GE(parsed, -5.0);
        ASSERT_LE(parsed, 5.0);
        sum += parsed;
    }
    EXPECT_NEAR(sum / static_cast<double>(values.size()), 0.0, 0.1);
}

TEST(PrecisionValues, HaveExactlyPDecimalsAndStayInRange) {
    const std::regex twoDecimals("[0-9]+\\.[0-9]{2}");
    for (const auto& value : valuesOf(realField("x", FieldType::Double, 0.99, 999.99, 2), 20'000)) {
        ASSERT_TRUE(std::regex_match(value, twoDecimals)) << value;
        const double parsed = std::stod(value);
        ASSERT_GE(parsed, 0.99);
        ASSERT_LE(parsed, 999.99);
    }
}

TEST(PrecisionValues, RoundingNeverLeavesTheRange) {
    std::set<std::string> seen;
    for (const auto& value : valuesOf(realField("x", FieldType::Float, 1.05, 1.31, 1), 5'000)) {
        seen.insert(value);
    }
    EXPECT_EQ(seen, (std::set<std::string>{"1.1", "1.2", "1.3"}));
}

TEST(PrecisionValues, ZeroDecimalsHasNoPoint) {
    for (const auto& value : valuesOf(realField("x", FieldType::Double, -10, 10, 0), 2'000)) {
        ASSERT_EQ(value.find('.'), std::string::npos) << value;
        ASSERT_LE(std::abs(std::stoi(value)), 10);
    }
}

TEST(StringValues, WeightedValuesFollowTheirWeights) {
    const auto values =
        valuesOf(stringField("d", {"iOS", "Android", "Web"}, {0.4, 0.4, 0.2}), 200'000);
    std::map<std::string, double> counts;
    for (const auto& value : values) {
        counts[value] += 1.0;
    }
    ASSERT_EQ(counts.size(), 3U);
    const double n = static_cast<double>(values.size());
    EXPECT_NEAR(counts["\"iOS\""] / n, 0.4, 0.4 * 0.02);
    EXPECT_NEAR(counts["\"Android\""] / n, 0.4, 0.4 * 0.02);
    EXPECT_NEAR(counts["\"Web\""] / n, 0.2, 0.2 * 0.02);
}

TEST(StringValues, UnweightedValuesAreUniform) {
    const auto values = valuesOf(stringField("s", {"a", "b", "c", "d"}), 100'000);
    std::map<std::string, double> counts;
    for (const auto& value : values) {
        counts[value] += 1.0;
    }
    for (const auto& [value, count] : counts) {
        EXPECT_NEAR(count / 100'000.0, 0.25, 0.25 * 0.03) << value;
    }
}

TEST(StringValues, SpecialCharactersAreEscaped) {
    const std::string tricky = "say \"hi\"\n\\ \x01 \xc3\xa9";
    const auto plan =
        test::compileOrDie(test::singleTypeConfig({stringField("we\"ird", {tricky})}));
    const auto payload = test::renderRange(*plan, 0, 0, 1).front();
    const auto parsed = nlohmann::json::parse(payload);
    EXPECT_EQ(parsed.at("we\"ird").get<std::string>(), tricky);
}

TEST(BooleanValues, FollowTrueRatio) {
    FieldSpec field = simpleField("b", FieldType::Boolean);
    field.trueRatio = 0.3;
    double trues = 0;
    const auto values = valuesOf(field, 100'000);
    for (const auto& value : values) {
        ASSERT_TRUE(value == "true" || value == "false") << value;
        trues += value == "true" ? 1.0 : 0.0;
    }
    EXPECT_NEAR(trues / static_cast<double>(values.size()), 0.3, 0.01);
}

TEST(NullValues, FollowNullRatioIndependentlyOfTheValue) {
    FieldSpec field = intField("n", 1, 2);
    field.nullRatio = 0.25;
    double nulls = 0;
    double ones = 0;
    const auto values = valuesOf(field, 100'000);
    for (const auto& value : values) {
        ASSERT_TRUE(value == "null" || value == "1" || value == "2") << value;
        nulls += value == "null" ? 1.0 : 0.0;
        ones += value == "1" ? 1.0 : 0.0;
    }
    EXPECT_NEAR(nulls / 100'000.0, 0.25, 0.01);
    EXPECT_NEAR(ones / (100'000.0 - nulls), 0.5, 0.01);
}

TEST(TimestampValues, SequenceModeStepsByInterval) {
    FieldSpec field = simpleField("t", FieldType::Timestamp);
    field.timestampMode = TimestampMode::Sequence;
    field.beginMs = 1767225600000; // 2026-01-01
    field.intervalMs = 1500;
    const auto values = valuesOf(field, 4);
    EXPECT_EQ(values[0], "\"2026-01-01T00:00:00.000Z\"");
    EXPECT_EQ(values[3], "\"2026-01-01T00:00:04.500Z\"");
}

TEST(TimestampValues, RandomModeStaysInRange) {
    FieldSpec field = simpleField("t", FieldType::Timestamp);
    field.timestampMode = TimestampMode::Random;
    field.beginMs = 1767225600000;
    field.endMs = field.beginMs + 86'400'000;
    const std::string low = timestampText(field.beginMs);
    const std::string high = timestampText(field.endMs);
    std::set<std::string> distinct;
    for (const auto& value : valuesOf(field, 10'000)) {
        ASSERT_GE(value, low);
        ASSERT_LE(value, high);
        distinct.insert(value);
    }
    EXPECT_GT(distinct.size(), 9'900U);
}

TEST(TimestampValues, NowModeIsTheWallClockInIsoFormat) {
    const auto msNow = [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
    const std::string before = timestampText(msNow());
    const auto values = valuesOf(simpleField("t", FieldType::Timestamp), 1'000);
    const std::string after = timestampText(msNow());
    const std::regex iso("\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z\"");
    for (const auto& value : values) {
        ASSERT_TRUE(std::regex_match(value, iso)) << value;
        ASSERT_GE(value, before);
        ASSERT_LE(value, after);
    }
}

TEST(DateValues, RangeModeStaysInRangeAndCoversIt) {
    FieldSpec field = simpleField("d", FieldType::Date);
    field.dateRange = std::pair<int32_t, int32_t>{19723, 20088}; // 2024
    std::set<std::string> distinct;
    for (const auto& value : valuesOf(field, 20'000)) {
        ASSERT_GE(value, "\"2024-01-01\"");
        ASSERT_LE(value, "\"2024-12-31\"");
        distinct.insert(value);
    }
    EXPECT_EQ(distinct.size(), 366U);
}

TEST(DateValues, WithoutRangeIsTodayUtc) {
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    std::string today;
    json::appendDate(today, days.time_since_epoch().count());
    EXPECT_EQ(valuesOf(simpleField("d", FieldType::Date), 1).front(), today);
}

TEST(DecimalValues, HaveTheScaleAndStayInsideTheDigits) {
    const LoadResult loaded = loadConfigString("event_types:\n"
                                               "  - event_type_id: e\n"
                                               "    fields:\n"
                                               "      amount: {type: \"decimal(6,2)\"}\n"
                                               "      whole: {type: decimal, digits: 3}\n");
    ASSERT_TRUE(loaded.ok());
    const auto plan = test::compileOrDie(loaded.config);
    const std::regex amount(R"(-?[0-9]{1,4}(\.[0-9]{1,2})?)");
    double largest = 0.0;
    int64_t largestWhole = 0;
    for (const auto& payload : test::renderRange(*plan, 0, 0, 20'000)) {
        const std::string text(fieldText(payload, "amount"));
        ASSERT_TRUE(std::regex_match(text, amount)) << text;
        largest = std::max(largest, std::stod(text));
        const std::string whole(fieldText(payload, "whole"));
        ASSERT_EQ(whole.find('.'), std::string::npos) << whole;
        largestWhole = std::max<int64_t>(largestWhole, std::stoll(whole));
    }
    // dbldatagen's default range: from 0 to the largest whole number the digits hold.
    EXPECT_GT(largest, 9900.0);
    EXPECT_LE(largest, 9999.0);
    EXPECT_EQ(largestWhole, 999);
}

} // namespace
} // namespace streamgen
