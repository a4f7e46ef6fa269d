#include "engine/alias_table.h"
#include "engine/plan.h"

#include <cmath>
#include <gtest/gtest.h>
#include <vector>

namespace streamgen {
namespace {

std::vector<uint64_t> countPicks(const TypeSelector& selector, std::size_t types, uint64_t first,
                                 uint64_t count) {
    std::vector<uint64_t> counts(types, 0);
    for (uint64_t k = first; k < first + count; ++k) {
        ++counts.at(selector.pick(k));
    }
    return counts;
}

TEST(TypeSelector, MillionEventsFollowSharesWithinATenthOfAPercent) {
    const std::vector<double> weights{0.5, 0.3, 0.19, 0.01};
    const TypeSelector selector(weights, 1234);
    const uint64_t n = 1'000'000;
    const auto counts = countPicks(selector, weights.size(), 0, n);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double expected = weights[i] * static_cast<double>(n);
        EXPECT_LE(std::abs(static_cast<double>(counts[i]) - expected), expected * 0.001)
            << "type " << i << " got " << counts[i];
    }
}

TEST(TypeSelector, SmallWindowsAlreadyFollowShares) {
    const std::vector<double> weights{3.0, 1.0};
    const TypeSelector selector(weights, 99);
    for (uint64_t first : {0ULL, 777ULL, 123456789ULL}) {
        const auto counts = countPicks(selector, 2, first, 1000);
        EXPECT_NEAR(static_cast<double>(counts[0]), 750.0, 10.0);
    }
}

TEST(TypeSelector, ZeroWeightTypesAreNeverPicked) {
    const std::vector<double> weights{0.0, 2.0, 0.0, 1.0, 0.0};
    const TypeSelector selector(weights, 5);
    const auto counts = countPicks(selector, weights.size(), 0, 300'000);
    EXPECT_EQ(counts[0], 0U);
    EXPECT_EQ(counts[2], 0U);
    EXPECT_EQ(counts[4], 0U);
    EXPECT_NEAR(static_cast<double>(counts[1]), 200'000.0, 200.0);
}

TEST(TypeSelector, AllZeroWeightsIsEmpty) {
    EXPECT_TRUE(TypeSelector({0.0, 0.0}, 1).empty());
    EXPECT_TRUE(TypeSelector({}, 1).empty());
    EXPECT_FALSE(TypeSelector({0.0, 1.0}, 1).empty());
}

TEST(TypeSelector, SameSeedSamePicksDifferentSeedDifferentPhase) {
    const std::vector<double> weights{1.0, 1.0, 1.0};
    const TypeSelector a(weights, 1);
    const TypeSelector b(weights, 1);
    const TypeSelector c(weights, 2);
    int differences = 0;
    for (uint64_t k = 0; k < 1000; ++k) {
        EXPECT_EQ(a.pick(k), b.pick(k));
        differences += a.pick(k) != c.pick(k) ? 1 : 0;
    }
    EXPECT_GT(differences, 0);
}

TEST(TypeSelector, ShardedSubsequencesKeepShares) {
    const std::vector<double> weights{0.7, 0.2, 0.1};
    const TypeSelector selector(weights, 77);
    std::vector<uint64_t> counts(3, 0);
    const uint64_t perShard = 200'000;
    for (uint64_t j = 0; j < perShard; ++j) {
        ++counts[selector.pick(j * 3 + 1)];
    }
    for (std::size_t i = 0; i < weights.size(); ++i) {
        EXPECT_NEAR(static_cast<double>(counts[i]), weights[i] * perShard, perShard * 0.002);
    }
}

TEST(AliasTable, RandomInputFollowsWeights) {
    AliasTable table;
    EXPECT_DOUBLE_EQ(table.build({1.0, 2.0, 7.0}), 10.0);
    std::vector<uint64_t> counts(3, 0);
    uint64_t state = 1;
    for (int i = 0; i < 200'000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        ++counts[table.pick(state)];
    }
    EXPECT_NEAR(counts[0] / 200'000.0, 0.1, 0.005);
    EXPECT_NEAR(counts[1] / 200'000.0, 0.2, 0.005);
    EXPECT_NEAR(counts[2] / 200'000.0, 0.7, 0.005);
}

} // namespace
} // namespace streamgen
