#include "engine/plan.h"
#include "model/config_io.h"
#include "sinks/kinesis/kinesis_sink.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <numeric>

namespace streamgen {
namespace {

std::shared_ptr<const Plan> planOf(const std::string& fields) {
    const LoadResult loaded =
        loadConfigString("seed: 3\nevent_types:\n  - event_type_id: e\n    fields:\n" + fields);
    EXPECT_TRUE(loaded.ok());
    std::string error;
    auto plan = Plan::compile(loaded.config, &error);
    EXPECT_TRUE(plan) << error;
    return plan;
}

TEST(KinesisShards, PlanTakesTheRecordsOrTheBytesThatNeedMoreShards) {
    EXPECT_EQ(KinesisSink::plannedShards(1000, 100), 1);
    EXPECT_EQ(KinesisSink::plannedShards(1001, 100), 2);
    EXPECT_EQ(KinesisSink::plannedShards(2000, 4096), 8); // 8 MiB/s
    EXPECT_EQ(KinesisSink::plannedShards(0.5, 10), 1);
}

TEST(KinesisShards, ManyDistinctKeysSpreadEvenly) {
    const auto plan = planOf("      user_id: {type: int, range: [1, 1000000]}\n");
    const std::vector<double> shares = KinesisSink::shardShares(*plan, "user_id", 4, 20000);
    ASSERT_EQ(shares.size(), 4U);
    EXPECT_NEAR(std::accumulate(shares.begin(), shares.end(), 0.0), 1.0, 1e-9);
    for (const double share : shares) {
        EXPECT_NEAR(share, 0.25, 0.02);
    }
}

TEST(KinesisShards, AFewHotKeysShowAsHotShards) {
    const auto plan = planOf("      region: {type: string, values: [eu, us], weights: [9, 1]}\n");
    const std::vector<double> shares = KinesisSink::shardShares(*plan, "region", 8, 10000);
    const auto used = std::count_if(shares.begin(), shares.end(), [](double s) { return s > 0; });
    EXPECT_LE(used, 2);
    EXPECT_NEAR(*std::max_element(shares.begin(), shares.end()), 0.9, 0.02);
}

TEST(KinesisShards, WithoutAKeyFieldTheDrawnKeysSpreadEvenly) {
    const auto plan = planOf("      n: {type: int, range: [1, 3]}\n");
    for (const double share : KinesisSink::shardShares(*plan, "", 2, 20000)) {
        EXPECT_NEAR(share, 0.5, 0.02);
    }
}

} // namespace
} // namespace streamgen
