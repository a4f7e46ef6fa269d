#include "engine/metrics.h"

#include <gtest/gtest.h>
#include <thread>
#include <vector>

namespace streamgen {
namespace {

TEST(Metrics, SnapshotSumsWorkersAndAsynchronousReports) {
    Metrics metrics(2, 3);
    metrics.addGenerated(0, 0, 10);
    metrics.addGenerated(2, 0, 5);
    metrics.addSent(1, 1, 7);
    metrics.addDelivered(2, 1, 4, 400);
    metrics.addFailed(0, 1, 1);
    metrics.delivered(1, 3, 300);
    metrics.failed(0, 2);
    const MetricsSnapshot snapshot = metrics.snapshot();
    ASSERT_EQ(snapshot.perType.size(), 2U);
    EXPECT_EQ(snapshot.perType[0].generated, 15U);
    EXPECT_EQ(snapshot.perType[0].failed, 2U);
    EXPECT_EQ(snapshot.perType[1].sent, 7U);
    EXPECT_EQ(snapshot.perType[1].delivered, 7U);
    EXPECT_EQ(snapshot.perType[1].bytes, 700U);
    EXPECT_EQ(snapshot.total.generated, 15U);
    EXPECT_EQ(snapshot.total.failed, 3U);
    EXPECT_EQ(snapshot.elapsedSeconds, 0.0);
}

TEST(Metrics, AsynchronousReportsForUnknownTypesAreIgnored) {
    Metrics metrics(1, 1);
    metrics.delivered(5, 1, 1);
    metrics.failed(9, 1);
    EXPECT_EQ(metrics.snapshot().total.delivered, 0U);
    EXPECT_EQ(metrics.snapshot().total.failed, 0U);
}

TEST(Metrics, FirstFatalMessageIsKept) {
    Metrics metrics(1, 1);
    EXPECT_FALSE(metrics.hasFatal());
    EXPECT_EQ(metrics.fatalMessage(), "");
    metrics.fatal("broker gone");
    metrics.fatal("second");
    EXPECT_TRUE(metrics.hasFatal());
    EXPECT_EQ(metrics.fatalMessage(), "broker gone");
}

TEST(Metrics, ConcurrentWritersAndReadersCountEverything) {
    Metrics metrics(3, 4);
    std::vector<std::thread> threads;
    for (int worker = 0; worker < 4; ++worker) {
        threads.emplace_back([&metrics, worker] {
            for (int i = 0; i < 10'000; ++i) {
                metrics.addGenerated(worker, static_cast<uint32_t>(i % 3), 2);
            }
        });
    }
    threads.emplace_back([&metrics] {
        for (int i = 0; i < 10'000; ++i) {
            metrics.delivered(static_cast<uint32_t>(i % 3), 1, 10);
            metrics.fatal(i == 0 ? "first" : "later");
        }
    });
    uint64_t last = 0;
    for (int i = 0; i < 100; ++i) {
        const uint64_t now = metrics.snapshot().total.generated;
        EXPECT_GE(now, last);
        last = now;
    }
    for (auto& thread : threads) {
        thread.join();
    }
    const MetricsSnapshot snapshot = metrics.snapshot();
    EXPECT_EQ(snapshot.total.generated, 80'000U);
    EXPECT_EQ(snapshot.total.delivered, 10'000U);
    EXPECT_EQ(snapshot.total.bytes, 100'000U);
    EXPECT_EQ(metrics.fatalMessage(), "first");
}

} // namespace
} // namespace streamgen
