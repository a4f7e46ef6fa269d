#include "engine/field_sample.h"
#include "test_support.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numeric>

using namespace streamgen;
using namespace streamgen::test;

namespace {

uint64_t total(const std::vector<uint64_t>& counts) {
    return std::accumulate(counts.begin(), counts.end(), uint64_t{0});
}

/// Half the summed absolute difference between the observed shares of the non-null values and
/// the expected ones: 0 for a perfect match, 1 for disjoint distributions.
double totalVariation(const FieldSample& sample, const std::vector<double>& expected) {
    EXPECT_EQ(expected.size(), sample.counts.size());
    const auto present = static_cast<double>(sample.events - sample.nulls);
    double distance = 0.0;
    for (std::size_t i = 0; i < expected.size() && i < sample.counts.size(); ++i) {
        distance += std::abs(static_cast<double>(sample.counts[i]) / present - expected[i]);
    }
    return distance / 2.0;
}

double sum(const std::vector<double>& shares) {
    return std::accumulate(shares.begin(), shares.end(), 0.0);
}

FieldSample sampleOnly(const FieldSpec& field) {
    const auto plan = compileOrDie(singleTypeConfig({field}));
    return sampleField(*plan, 0, field.name);
}

FieldSpec shaped(FieldSpec field, std::string distribution) {
    field.distribution = std::move(distribution);
    return field;
}

uint64_t countOf(const FieldSample& sample, const std::string& text) {
    for (const auto& [value, count] : sample.top) {
        if (value == text) {
            return count;
        }
    }
    return 0;
}

} // namespace

TEST(FieldSample, NumericCountsSumToTheSampleSize) {
    const FieldSample sample = sampleOnly(intField("n", 1, 1000));
    EXPECT_EQ(sample.kind, FieldSample::Kind::Numeric);
    EXPECT_EQ(sample.valueType, ValueType::Int);
    EXPECT_EQ(sample.events, kFieldSampleSize);
    EXPECT_EQ(sample.nulls, 0U);
    EXPECT_EQ(total(sample.counts), kFieldSampleSize);
    ASSERT_EQ(sample.edges.size(), sample.counts.size() + 1);
    EXPECT_LE(sample.counts.size(), kFieldSampleBins);
    EXPECT_TRUE(std::is_sorted(sample.edges.begin(), sample.edges.end()));
}

TEST(FieldSample, NullsAreCountedAndLeftOutOfTheBins) {
    FieldSpec field = realField("x", FieldType::Double, 0.0, 1.0);
    field.nullRatio = 0.3;
    const FieldSample sample = sampleField(*compileOrDie(singleTypeConfig({field})), 0, "x", 5000);
    EXPECT_EQ(sample.events, 5000U);
    EXPECT_NEAR(static_cast<double>(sample.nulls), 1500.0, 150.0);
    EXPECT_EQ(total(sample.counts) + sample.nulls, 5000U);
}

TEST(FieldSample, EveryValueNullIsAnEmptySummary) {
    FieldSpec field = intField("n", 1, 10);
    field.nullRatio = 1.0;
    const FieldSample sample = sampleOnly(field);
    EXPECT_EQ(sample.nulls, kFieldSampleSize);
    EXPECT_EQ(sample.valueType, ValueType::Null);
    EXPECT_TRUE(sample.counts.empty());
    EXPECT_TRUE(sample.top.empty());
}

TEST(FieldSample, FewWholeNumbersGetABinEach) {
    const FieldSpec field = intField("n", 1, 12);
    const FieldSample sample = sampleOnly(field);
    ASSERT_EQ(sample.counts.size(), 12U);
    EXPECT_DOUBLE_EQ(sample.edges.front(), 1.0);
    EXPECT_DOUBLE_EQ(sample.edges.back(), 13.0);
    const std::vector<double> expected = expectedShares(field, sample.edges);
    ASSERT_EQ(expected.size(), 12U);
    for (const double share : expected) {
        EXPECT_NEAR(share, 1.0 / 12.0, 1e-12);
    }
    EXPECT_LT(totalVariation(sample, expected), 0.05);
}

TEST(FieldSample, BinsOfAStepHoldWholeSteps) {
    FieldSpec field = intField("n", 0, 1000);
    field.step = 10;
    const FieldSample sample = sampleOnly(field);
    // 101 values: 3 per bin, 34 bins, every bin's edges on the grid.
    ASSERT_EQ(sample.counts.size(), 34U);
    for (const double edge : sample.edges) {
        EXPECT_EQ(std::fmod(edge, 30.0), 0.0) << edge;
    }
    const std::vector<double> expected = expectedShares(field, sample.edges);
    EXPECT_NEAR(expected.front(), 3.0 / 101.0, 1e-12);
    EXPECT_NEAR(expected.back(), 2.0 / 101.0, 1e-12);
    EXPECT_NEAR(sum(expected), 1.0, 1e-9);
    EXPECT_LT(totalVariation(sample, expected), 0.05);
}

TEST(FieldSample, NormalDoubleFollowsItsExpectedShares) {
    const FieldSpec field = shaped(realField("x", FieldType::Double, 0.0, 100.0), "normal(40, 12)");
    const FieldSample sample = sampleOnly(field);
    ASSERT_EQ(sample.counts.size(), kFieldSampleBins);
    const std::vector<double> expected = expectedShares(field, sample.edges);
    EXPECT_NEAR(sum(expected), 1.0, 1e-3);
    EXPECT_LT(totalVariation(sample, expected), 0.05);
    // The mode is near the mean, not at the middle of the range.
    const auto mode =
        std::max_element(sample.counts.begin(), sample.counts.end()) - sample.counts.begin();
    EXPECT_NEAR(sample.edges[mode], 40.0, 6.0);
}

TEST(FieldSample, ShapedWholeNumbersFollowTheirExpectedShares) {
    for (const char* distribution : {"normal", "exponential", "gamma(2)", "beta(2, 5)"}) {
        const FieldSpec field = shaped(intField("n", 100, 5000), distribution);
        const FieldSample sample = sampleOnly(field);
        const std::vector<double> expected = expectedShares(field, sample.edges);
        EXPECT_NEAR(sum(expected), 1.0, 1e-3) << distribution;
        EXPECT_LT(totalVariation(sample, expected), 0.05) << distribution;
    }
}

TEST(FieldSample, PrecisionAndFloatFollowTheirExpectedShares) {
    const FieldSpec fixed =
        shaped(realField("x", FieldType::Double, 10.0, 20.0, 1), "normal(15, 2)");
    const FieldSample sample = sampleOnly(fixed);
    EXPECT_EQ(sample.valueType, ValueType::Decimal);
    // 101 multiples of 0.1: one bin holds three of them.
    EXPECT_NEAR(sample.edges[1] - sample.edges[0], 0.3, 1e-9);
    EXPECT_LT(totalVariation(sample, expectedShares(fixed, sample.edges)), 0.05);

    const FieldSpec single = shaped(realField("y", FieldType::Float, -5.0, 5.0), "normal");
    const FieldSample floats = sampleOnly(single);
    EXPECT_EQ(floats.valueType, ValueType::Float32);
    EXPECT_LT(totalVariation(floats, expectedShares(single, floats.edges)), 0.05);
}

TEST(FieldSample, ZipfSharesComeFromTheLawOverTheRanks) {
    const FieldSpec field = shaped(intField("n", 1, 100000), "zipf(1.1)");
    const FieldSample sample = sampleOnly(field);
    const std::vector<double> expected = expectedShares(field, sample.edges);
    // Zipf's values reach far, so the observed range is only part of the law's.
    EXPECT_GT(sum(expected), 0.9);
    EXPECT_LE(sum(expected), 1.0 + 1e-9);
    EXPECT_LT(totalVariation(sample, expected), 0.05);
    EXPECT_GT(expected.front(), 0.5);
}

TEST(FieldSample, UniformSharesWithoutDistribution) {
    const FieldSpec field = realField("x", FieldType::Double, 0.0, 8.0);
    const std::vector<double> shares = expectedShares(field, {0.0, 2.0, 4.0, 8.0});
    ASSERT_EQ(shares.size(), 3U);
    EXPECT_DOUBLE_EQ(shares[0], 0.25);
    EXPECT_DOUBLE_EQ(shares[1], 0.25);
    EXPECT_DOUBLE_EQ(shares[2], 0.5);
}

TEST(FieldSample, NoExpectedSharesWhereNoDistributionDraws) {
    const std::vector<double> edges{0.0, 1.0, 2.0};
    FieldSpec inTurn = intField("n", 0, 10);
    inTurn.random = false;
    FieldSpec sequence = intField("n", 0, 10);
    sequence.sequence = true;
    FieldSpec unique = intField("n", 0, 10);
    unique.unique = true;
    FieldSpec derived = intField("n", 0, 10);
    derived.expr = "1 + 1";
    for (const FieldSpec& field :
         {inTurn, sequence, unique, derived, shaped(intField("n", 0, 10), "normal(1"),
          stringField("s", {"a", "b"}), simpleField("t", FieldType::Date),
          realField("x", FieldType::Double, 1.0, 1.0)}) {
        EXPECT_TRUE(expectedShares(field, edges).empty()) << field.name;
    }
    EXPECT_TRUE(expectedShares(intField("n", 0, 10), {0.0}).empty());
}

TEST(FieldSample, StringTopValuesFollowTheirWeights) {
    const FieldSample sample =
        sampleOnly(stringField("s", {"red", "green", "blue"}, {50.0, 30.0, 20.0}));
    EXPECT_EQ(sample.kind, FieldSample::Kind::Categorical);
    EXPECT_EQ(sample.valueType, ValueType::String);
    ASSERT_EQ(sample.top.size(), 3U);
    EXPECT_EQ(sample.top[0].first, "red");
    EXPECT_EQ(sample.top[1].first, "green");
    EXPECT_EQ(sample.top[2].first, "blue");
    const auto n = static_cast<double>(kFieldSampleSize);
    EXPECT_NEAR(static_cast<double>(countOf(sample, "red")) / n, 0.5, 0.02);
    EXPECT_NEAR(static_cast<double>(countOf(sample, "green")) / n, 0.3, 0.02);
    EXPECT_NEAR(static_cast<double>(countOf(sample, "blue")) / n, 0.2, 0.02);
    EXPECT_EQ(sample.other, 0U);
    EXPECT_EQ(sample.distinct, 3U);
}

TEST(FieldSample, ManyDistinctValuesKeepTheTopAndCountTheOthers) {
    FieldSpec field = simpleField("s", FieldType::String);
    field.pattern = "ID-####";
    const FieldSample sample = sampleOnly(field);
    EXPECT_EQ(sample.top.size(), kFieldSampleTop);
    EXPECT_GT(sample.distinct, kFieldSampleTop);
    uint64_t listed = 0;
    for (const auto& [value, count] : sample.top) {
        EXPECT_EQ(value.rfind("ID-", 0), 0U) << value;
        listed += count;
    }
    EXPECT_EQ(listed + sample.other, kFieldSampleSize);
}

TEST(FieldSample, BooleansAreTrueAndFalse) {
    FieldSpec field = simpleField("b", FieldType::Boolean);
    field.trueRatio = 0.1;
    const FieldSample sample = sampleOnly(field);
    EXPECT_EQ(sample.valueType, ValueType::Bool);
    EXPECT_NEAR(static_cast<double>(countOf(sample, "true")) / kFieldSampleSize, 0.1, 0.015);
    EXPECT_EQ(countOf(sample, "true") + countOf(sample, "false"), kFieldSampleSize);
}

TEST(FieldSample, TimestampsAndDatesAreBinnedByTime) {
    FieldSpec stamp = simpleField("at", FieldType::Timestamp);
    stamp.timestampMode = TimestampMode::Random;
    stamp.beginMs = 1'700'000'000'000;
    stamp.endMs = 1'700'086'400'000;
    FieldSpec day = simpleField("on", FieldType::Date);
    day.dateRange = std::make_pair(19'000, 19'009);
    const auto plan = compileOrDie(singleTypeConfig({stamp, day}));
    const FieldSample stamps = sampleField(*plan, 0, "at");
    EXPECT_EQ(stamps.valueType, ValueType::Timestamp);
    EXPECT_GE(stamps.edges.front(), 1.7e12);
    EXPECT_LE(stamps.edges.back(), 1.7e12 + 86'400'001.0 + 86'400'000.0 / 40.0);
    const FieldSample days = sampleField(*plan, 0, "on");
    EXPECT_EQ(days.valueType, ValueType::Date);
    EXPECT_EQ(days.counts.size(), 10U);
    EXPECT_EQ(total(days.counts), kFieldSampleSize);
}

TEST(FieldSample, OnlyEventsOfTheTypeAreDrawn) {
    Config config = quickStartConfig();
    const auto plan = compileOrDie(config);
    // session_duration_sec is a field of the third type only; user_id is common.
    const FieldSample durations = sampleField(*plan, 2, "session_duration_sec");
    EXPECT_EQ(durations.events, kFieldSampleSize);
    EXPECT_GE(durations.edges.front(), 60.0);
    EXPECT_EQ(sampleField(*plan, 0, "session_duration_sec").kind, FieldSample::Kind::Missing);
    EXPECT_EQ(sampleField(*plan, 0, "no_such_field").kind, FieldSample::Kind::Missing);
    EXPECT_EQ(sampleField(*plan, 3, "user_id").kind, FieldSample::Kind::Missing);
    const FieldSample users = sampleField(*plan, -1, "user_id");
    EXPECT_EQ(users.events, kFieldSampleSize);
    EXPECT_EQ(total(users.counts), kFieldSampleSize);

    // A disabled type has no share: its events are rendered directly.
    config.eventTypes[2].enabled = false;
    const FieldSample disabled = sampleField(*compileOrDie(config), 2, "session_duration_sec");
    EXPECT_EQ(disabled.events, kFieldSampleSize);
}

TEST(FieldSample, OmittedAndDerivedFieldsAreSampledFromTheConfigForSampling) {
    FieldSpec base = shaped(realField("base", FieldType::Double, 0.0, 10.0), "normal");
    base.omit = true;
    FieldSpec twice = simpleField("twice", FieldType::Double);
    twice.expr = "base * 2";
    Config config = singleTypeConfig({base, twice});
    config.serializationFormat = "csv";
    const auto plan = compileOrDie(config);
    EXPECT_EQ(sampleField(*plan, 0, "base").kind, FieldSample::Kind::Missing);

    const FieldSample doubled = sampleField(*plan, 0, "twice");
    EXPECT_EQ(doubled.kind, FieldSample::Kind::Numeric);
    EXPECT_GE(doubled.edges.front(), 0.0);
    EXPECT_LE(doubled.edges.back(), 20.0);

    const Config sampling = configForSampling(config, 0, "base");
    EXPECT_EQ(sampling.serializationFormat, "json");
    const FieldSample bases = sampleField(*compileOrDie(sampling), 0, "base");
    EXPECT_EQ(bases.kind, FieldSample::Kind::Numeric);
    EXPECT_LT(totalVariation(bases, expectedShares(base, bases.edges)), 0.05);
    // Writing the omitted field changes none of the values of the others.
    const FieldSample again = sampleField(*compileOrDie(sampling), 0, "twice");
    EXPECT_EQ(again.counts, doubled.counts);
    EXPECT_EQ(again.edges, doubled.edges);
}
