#include "engine/value_generators.h"
#include "model/distribution.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <set>

using namespace streamgen;

namespace {

constexpr std::size_t kSamples = 100'000;
constexpr uint64_t kStream = 0x5EED;

FieldSpec doubleField(double lo, double hi, const std::string& distribution) {
    FieldSpec field;
    field.name = "x";
    field.type = FieldType::Double;
    field.floatMin = lo;
    field.floatMax = hi;
    field.distribution = distribution;
    return field;
}

FieldSpec longField(int64_t lo, int64_t hi) {
    FieldSpec field;
    field.name = "n";
    field.type = FieldType::Long;
    field.intMin = lo;
    field.intMax = hi;
    return field;
}

Value valueOf(const ValueGenerator& g, uint64_t k) {
    return generateValue(g, hash::eventKey(kStream, k), k);
}

/// The first `count` values of `field` in a run with seed 42: `real` or `integer`.
template <typename T> std::vector<T> drawn(const FieldSpec& field, std::size_t count) {
    const ValueGenerator g = compileValue(field, 42);
    std::vector<T> values;
    values.reserve(count);
    for (uint64_t k = 0; k < count; ++k) {
        const Value v = valueOf(g, k);
        values.push_back(std::is_floating_point_v<T> ? static_cast<T>(v.real)
                                                     : static_cast<T>(v.integer));
    }
    return values;
}

std::vector<double> reals(const FieldSpec& field, std::size_t count = kSamples) {
    return drawn<double>(field, count);
}

std::vector<int64_t> integers(const FieldSpec& field, std::size_t count) {
    return drawn<int64_t>(field, count);
}

/// The p-value of the Kolmogorov-Smirnov statistic of `values` against `cdf` (asymptotic
/// Kolmogorov distribution with Stephens' small-sample correction).
double ksPValue(std::vector<double> values, const std::function<double(double)>& cdf) {
    std::sort(values.begin(), values.end());
    const double n = static_cast<double>(values.size());
    double d = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double f = cdf(values[i]);
        d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
    }
    const double lambda = (std::sqrt(n) + 0.12 + 0.11 / std::sqrt(n)) * d;
    double p = 0.0;
    for (int k = 1; k <= 100; ++k) {
        p += 2.0 * ((k % 2 == 1) ? 1.0 : -1.0) * std::exp(-2.0 * k * k * lambda * lambda);
    }
    return std::clamp(p, 0.0, 1.0);
}

/// The distribution function of `base` restricted to [lo, hi].
std::function<double(double)> truncated(std::function<double(double)> base, double lo, double hi) {
    const double pLo = base(lo);
    const double pHi = base(hi);
    return [=](double x) { return (base(std::clamp(x, lo, hi)) - pLo) / (pHi - pLo); };
}

} // namespace

TEST(Distributions, NormalWithParametersFollowsTheTruncatedNormal) {
    const auto values = reals(doubleField(140, 210, "Normal(170, 10)"));
    const boost::math::normal normal(170, 10);
    const double p = ksPValue(values, truncated([&](double x) { return cdf(normal, x); }, 140, 210));
    EXPECT_GT(p, 0.01);
}

TEST(Distributions, NormalWithoutParametersFillsTheRange) {
    const auto values = reals(doubleField(0, 60, "normal"));
    const boost::math::normal normal(30, 10);
    EXPECT_GT(ksPValue(values, truncated([&](double x) { return cdf(normal, x); }, 0, 60)), 0.01);
}

TEST(Distributions, ExponentialFollowsItsRateFromTheMinimum) {
    const auto values = reals(doubleField(1, 101, "exponential(rate=0.05)"));
    const auto exponential = [](double x) { return -std::expm1(-0.05 * (x - 1)); };
    EXPECT_GT(ksPValue(values, truncated(exponential, 1, 101)), 0.01);
}

TEST(Distributions, GammaFollowsShapeAndScale) {
    const auto values = reals(doubleField(0, 100, "gamma(shape=2, scale=8)"));
    const boost::math::gamma_distribution<> gamma(2, 8);
    EXPECT_GT(ksPValue(values, truncated([&](double x) { return cdf(gamma, x); }, 0, 100)), 0.01);
}

TEST(Distributions, BetaSpansTheRange) {
    const auto values = reals(doubleField(10, 20, "dg.distributions.Beta(alpha=2, beta=5)"));
    const boost::math::beta_distribution<> beta(2, 5);
    const auto scaled = [&](double x) { return cdf(beta, std::clamp((x - 10) / 10, 0.0, 1.0)); };
    EXPECT_GT(ksPValue(values, scaled), 0.01);
}

TEST(Distributions, ParetoIsTheLomaxFormFromTheMinimum) {
    const auto values = reals(doubleField(0, 1000, "pareto(shape=1.5, scale=20)"));
    const auto lomax = [](double x) { return 1.0 - std::pow(1.0 + x / 20.0, -1.5); };
    EXPECT_GT(ksPValue(values, truncated(lomax, 0, 1000)), 0.01);
}

TEST(Distributions, AWrongShapeIsSeen) {
    // The test itself can tell distributions apart: uniform values are not normal.
    const auto values = reals(doubleField(140, 210, ""));
    const boost::math::normal normal(170, 10);
    EXPECT_LT(ksPValue(values, truncated([&](double x) { return cdf(normal, x); }, 140, 210)),
              1e-6);
}

TEST(Distributions, FloatValuesStayInsideTheRange) {
    FieldSpec field = doubleField(-5, 5, "normal(mean=4, stddev=3)");
    field.type = FieldType::Float;
    for (double v : reals(field, 20'000)) {
        ASSERT_GE(v, -5.0);
        ASSERT_LE(v, 5.0);
    }
}

TEST(Distributions, ZipfRanksFollowTheLawByChiSquare) {
    FieldSpec field = longField(1, 100'000);
    field.distribution = "zipf(exponent=1.3)";
    const ValueGenerator g = compileValue(field, 42);
    const auto values = integers(field, kSamples);
    // Cells: ranks 1..30 each, then ranks grouped so that each cell expects >= 50 events.
    std::vector<std::pair<int64_t, int64_t>> cells;
    for (int64_t r = 1; r <= 30; ++r) {
        cells.emplace_back(r, r);
    }
    int64_t from = 31;
    while (from <= 100'000) {
        double mass = 0.0;
        int64_t to = from;
        while (to <= 100'000 && mass * kSamples < 50.0) {
            mass += g.zipf.probability(static_cast<uint64_t>(to));
            ++to;
        }
        cells.emplace_back(from, to - 1);
        from = to;
    }
    double chi = 0.0;
    for (const auto& [lo, hi] : cells) {
        double expected = 0.0;
        for (int64_t r = lo; r <= hi; ++r) {
            expected += g.zipf.probability(static_cast<uint64_t>(r)) * kSamples;
        }
        const auto observed = static_cast<double>(
            std::count_if(values.begin(), values.end(), [&](int64_t v) { return v >= lo && v <= hi; }));
        chi += (observed - expected) * (observed - expected) / expected;
    }
    const boost::math::chi_squared law(static_cast<double>(cells.size() - 1));
    EXPECT_GT(cdf(complement(law, chi)), 0.01) << "chi-square " << chi << " over " << cells.size();
    EXPECT_EQ(*std::min_element(values.begin(), values.end()), 1);
}

TEST(WholeNumbers, UniqueUsesEveryValueOnceBeforeAnyRepeats) {
    FieldSpec field = longField(1000, 50'999);
    field.unique = true;
    const auto values = integers(field, 100'000);
    const std::set<int64_t> first(values.begin(), values.begin() + 50'000);
    EXPECT_EQ(first.size(), 50'000u);
    EXPECT_EQ(*first.begin(), 1000);
    EXPECT_EQ(*first.rbegin(), 50'999);
    // Then the same order again, and not the identity.
    EXPECT_TRUE(std::equal(values.begin(), values.begin() + 50'000, values.begin() + 50'000));
    EXPECT_FALSE(std::is_sorted(values.begin(), values.begin() + 50'000));
}

TEST(WholeNumbers, UniqueDependsOnTheSeed) {
    FieldSpec field = longField(0, 999);
    field.unique = true;
    const ValueGenerator a = compileValue(field, 1);
    const ValueGenerator b = compileValue(field, 2);
    int same = 0;
    for (uint64_t k = 0; k < 1000; ++k) {
        same += valueOf(a, k).integer == valueOf(b, k).integer ? 1 : 0;
    }
    EXPECT_LT(same, 20);
}

TEST(WholeNumbers, UniqueValuesAreThatManyFromMinByStep) {
    FieldSpec field = longField(10, 10);
    field.uniqueValues = 500;
    field.step = 3;
    const auto values = integers(field, 500);
    const std::set<int64_t> distinct(values.begin(), values.end());
    EXPECT_EQ(distinct.size(), 500u);
    EXPECT_EQ(*distinct.begin(), 10);
    EXPECT_EQ(*distinct.rbegin(), 10 + 499 * 3);
    EXPECT_TRUE(std::all_of(values.begin(), values.end(), [](int64_t v) { return (v - 10) % 3 == 0; }));
}

TEST(WholeNumbers, NotRandomGoesInTurnAsDbldatagen) {
    FieldSpec field = longField(100, 200);
    field.random = false;
    field.step = 2;
    const auto values = integers(field, 120);
    for (uint64_t k = 0; k < values.size(); ++k) {
        EXPECT_EQ(values[k], 100 + static_cast<int64_t>(k % 51) * 2) << k;
    }
}

TEST(WholeNumbers, SequenceCountsOnPastTheRange) {
    FieldSpec field = longField(1, 10);
    field.sequence = true;
    field.step = 5;
    const auto values = integers(field, 40);
    for (uint64_t k = 0; k < values.size(); ++k) {
        EXPECT_EQ(values[k], 1 + static_cast<int64_t>(k) * 5);
    }
}

TEST(WholeNumbers, StepKeepsRandomValuesOnTheGrid) {
    FieldSpec field = longField(-7, 93);
    field.step = 10;
    const auto values = integers(field, 10'000);
    const std::set<int64_t> distinct(values.begin(), values.end());
    EXPECT_EQ(distinct, (std::set<int64_t>{-7, 3, 13, 23, 33, 43, 53, 63, 73, 83, 93}));
}

TEST(Reals, StepPutsValuesOnTheGridAndNotRandomCycles) {
    FieldSpec field = doubleField(0.5, 2.0, "");
    field.step = 0.25;
    for (double v : reals(field, 5'000)) {
        EXPECT_DOUBLE_EQ(std::fmod(v - 0.5, 0.25), 0.0);
        EXPECT_LE(v, 2.0);
    }
    field.random = false;
    const auto inTurn = reals(field, 14);
    for (std::size_t k = 0; k < inTurn.size(); ++k) {
        EXPECT_DOUBLE_EQ(inTurn[k], 0.5 + static_cast<double>(k % 7) * 0.25);
    }
}

TEST(Strings, NotRandomTakesTheValuesInTurn) {
    FieldSpec field;
    field.name = "s";
    field.type = FieldType::String;
    field.values = {"a", "b", "c"};
    field.random = false;
    const ValueGenerator g = compileValue(field, 42);
    for (uint64_t k = 0; k < 9; ++k) {
        EXPECT_EQ(valueOf(g, k).text, field.values[k % 3]);
    }
}

TEST(DistributionText, ReadsDbldatagensSpellings) {
    const auto spec = [](const char* text) {
        return std::get<DistributionSpec>(parseDistribution(text));
    };
    EXPECT_EQ(spec("normal").kind, DistributionSpec::Kind::Normal);
    EXPECT_FALSE(spec("Normal").first.given);
    EXPECT_EQ(spec("Normal(5, 2)").second.value, 2.0);
    EXPECT_EQ(spec("normal(mean=5.0, stddev=2.0)").first.value, 5.0);
    EXPECT_EQ(spec("normal(stddev=2)").second.value, 2.0);
    EXPECT_FALSE(spec("normal(stddev=2)").first.given);
    EXPECT_EQ(spec("dg.distributions.Exponential(1.5)").first.value, 1.5);
    EXPECT_EQ(spec(" GAMMA ( shape = 2 ) ").kind, DistributionSpec::Kind::Gamma);
    EXPECT_EQ(spec("beta(alpha=3.0, beta=7.0)").second.value, 7.0);
    EXPECT_EQ(spec("pareto(1.16)").first.value, 1.16);
    EXPECT_EQ(spec("normal(-3, 1)").first.value, -3.0);
}

TEST(DistributionText, RefusesWhatItCannotRead) {
    const auto error = [](const char* text) {
        return std::get<DistributionError>(parseDistribution(text)).message;
    };
    EXPECT_EQ(error("lognormal"), "unknown distribution `lognormal`; expected uniform, normal, "
                                  "exponential, gamma, beta, pareto, zipf");
    EXPECT_EQ(error("normal(0, -1)"), "stddev must be > 0, got -1");
    EXPECT_EQ(error("exponential(rate=0)"), "rate must be > 0, got 0");
    EXPECT_EQ(error("normal(sigma=2)"), "normal has no parameter `sigma`; it takes mean, stddev");
    EXPECT_EQ(error("normal(1, 2, 3)"), "normal takes only mean, stddev");
    EXPECT_EQ(error("normal(1"), "expected `,` or `)`");
    EXPECT_EQ(error("normal(mean=1, mean=2)"), "mean is given twice");
    EXPECT_EQ(error("normal(x)"), "normal has no parameter `x`; it takes mean, stddev");
    EXPECT_EQ(error("gamma(shape=)"), "expected a number for shape");
}

TEST(Strings, NotRandomFollowsWholeWeightsAsCountsOfTurns) {
    FieldSpec field;
    field.name = "s";
    field.type = FieldType::String;
    field.values = {"v1", "v2", "v3"};
    field.weights = {3, 2, 1};
    field.random = false;
    const ValueGenerator g = compileValue(field, 42);
    const std::vector<std::string> expected{"v1", "v1", "v1", "v2", "v2", "v3"};
    for (uint64_t k = 0; k < 12; ++k) {
        EXPECT_EQ(valueOf(g, k).text, expected[k % 6]) << k;
    }
}

namespace {

/// A sequence of one event a second from 0 whose late events are up to ten minutes late.
FieldSpec lateSequence(const std::string& lateDistribution) {
    FieldSpec field;
    field.name = "at";
    field.type = FieldType::Timestamp;
    field.timestampMode = TimestampMode::Sequence;
    field.beginMs = 0;
    field.intervalMs = 1000;
    field.lateRatio = 0.5;
    field.lateMaxMs = 600'000;
    field.lateDistribution = lateDistribution;
    return field;
}

/// How late each late event of `field` is, in ms.
std::vector<double> latenesses(const FieldSpec& field) {
    const auto times = integers(field, kSamples);
    std::vector<double> late;
    for (std::size_t k = 0; k < times.size(); ++k) {
        const int64_t early = static_cast<int64_t>(k) * 1000 - times[k];
        EXPECT_GE(early, 0);
        EXPECT_LE(early, 600'000);
        if (early > 0) {
            late.push_back(static_cast<double>(early));
        }
    }
    return late;
}

} // namespace

TEST(Lateness, UniformByDefault) {
    const auto late = latenesses(lateSequence(""));
    EXPECT_NEAR(static_cast<double>(late.size()) / kSamples, 0.5, 0.01);
    EXPECT_GT(ksPValue(late, [](double x) { return std::clamp(x / 600'000, 0.0, 1.0); }), 0.01);
}

TEST(Lateness, FollowsItsDistributionUpToTheMaximum) {
    const auto late = latenesses(lateSequence("exponential(rate=0.00002)"));
    const auto exponential = [](double x) { return -std::expm1(-0.00002 * x); };
    // Lateness is whole milliseconds, rounded up: within 1 ms of the continuous law.
    EXPECT_GT(ksPValue(late, truncated(exponential, 0, 600'000)), 0.01);
}

TEST(Jitter, MovesEachTimeByUpToItsAmountEitherWay) {
    FieldSpec field = lateSequence("");
    field.lateRatio = 0.0;
    field.jitterMs = 250;
    const auto times = integers(field, kSamples);
    std::set<int64_t> offsets;
    for (std::size_t k = 0; k < times.size(); ++k) {
        offsets.insert(times[k] - static_cast<int64_t>(k) * 1000);
    }
    EXPECT_EQ(*offsets.begin(), -250);
    EXPECT_EQ(*offsets.rbegin(), 250);
    EXPECT_EQ(offsets.size(), 501U);
}
