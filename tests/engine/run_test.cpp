#include "engine/run.h"
#include "test_support.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <thread>

namespace streamgen {
namespace {

using namespace std::chrono_literals;
using test::CapturingSink;
using test::compileOrDie;
using test::CountingSink;
using test::quickStartConfig;

struct Captured {
    std::vector<std::string> payloads;
    std::vector<uint64_t> sequences;
    RunSummary summary;
    RunState state;
};

Captured runToCompletion(const Config& config, RunOptions options) {
    auto shared = std::make_shared<CapturingSink::Shared>();
    streamgen::Run run(compileOrDie(config), std::make_unique<CapturingSink>(shared), options);
    run.start();
    EXPECT_TRUE(run.wait(10s));
    Captured result{shared->payloads, shared->sequences, run.summary(), run.state()};
    EXPECT_TRUE(shared->closed);
    std::sort(result.payloads.begin(), result.payloads.end());
    std::sort(result.sequences.begin(), result.sequences.end());
    return result;
}

RunOptions countOptions(uint64_t count, int threads) {
    RunOptions options;
    options.count = count;
    options.threads = threads;
    return options;
}

/// Waits until `predicate` holds, at most `limit`.
template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

TEST(RunCount, StopsExactlyAtCountAndDeliversEverything) {
    const Captured result = runToCompletion(quickStartConfig(), countOptions(10'007, 2));
    ASSERT_EQ(result.payloads.size(), 10'007U);
    for (uint64_t k = 0; k < 10'007; ++k) {
        ASSERT_EQ(result.sequences[k], k);
    }
    uint64_t bytes = 0;
    for (const auto& payload : result.payloads) {
        bytes += payload.size() + 1;
    }
    const TypeCounters& total = result.summary.metrics.total;
    EXPECT_EQ(result.state, RunState::Finished);
    EXPECT_EQ(total.generated, 10'007U);
    EXPECT_EQ(total.sent, 10'007U);
    EXPECT_EQ(total.delivered, 10'007U);
    EXPECT_EQ(total.failed, 0U);
    EXPECT_EQ(total.bytes, bytes);
    EXPECT_FALSE(result.summary.failed());
}

TEST(RunThreads, TwoThreadsProduceTheSameEventsAsOne) {
    const Captured one = runToCompletion(quickStartConfig(3), countOptions(20'000, 1));
    const Captured two = runToCompletion(quickStartConfig(3), countOptions(20'000, 2));
    EXPECT_EQ(one.payloads.size(), 20'000U);
    EXPECT_EQ(one.payloads, two.payloads);
}

TEST(RunShards, TwoShardsTogetherAreTheSingleStream) {
    const Captured single = runToCompletion(quickStartConfig(5), countOptions(10'000, 1));
    std::vector<std::string> merged;
    for (uint32_t shard = 0; shard < 2; ++shard) {
        RunOptions options = countOptions(5'000, 2);
        options.shardIndex = shard;
        options.shardCount = 2;
        const Captured part = runToCompletion(quickStartConfig(5), options);
        for (const uint64_t k : part.sequences) {
            ASSERT_EQ(k % 2, shard);
        }
        merged.insert(merged.end(), part.payloads.begin(), part.payloads.end());
    }
    std::sort(merged.begin(), merged.end());
    EXPECT_EQ(merged, single.payloads);
}

TEST(RunResume, StartSequenceContinuesTheStream) {
    RunOptions options = countOptions(10, 1);
    options.startSequence = 100;
    const Captured result = runToCompletion(quickStartConfig(), options);
    ASSERT_EQ(result.sequences.size(), 10U);
    EXPECT_EQ(result.sequences.front(), 100U);
    EXPECT_EQ(result.sequences.back(), 109U);
}

TEST(RunErrors, SinkErrorFailsTheRun) {
    auto shared = std::make_shared<CountingSink::Shared>();
    shared->failAfter = 3;
    streamgen::Run run(compileOrDie(quickStartConfig()), std::make_unique<CountingSink>(shared),
                       RunOptions{});
    run.start();
    ASSERT_TRUE(run.wait(5s));
    EXPECT_EQ(run.state(), RunState::Failed);
    const RunSummary summary = run.summary();
    ASSERT_FALSE(summary.errors.empty());
    EXPECT_EQ(summary.errors.front(), "disk full");
    EXPECT_GT(summary.metrics.total.failed, 0U);
    EXPECT_TRUE(summary.failed());
}

/// Reports delivery itself, the way Kafka's delivery reports do; can turn fatal.
class AsyncSink : public Sink {
public:
    explicit AsyncSink(bool fatalOnWrite, uint64_t undelivered = 0)
        : m_fatalOnWrite(fatalOnWrite), m_undelivered(undelivered) {}
    std::string describe() const override { return "async"; }
    void open(const SinkContext& context) override { m_listener = context.listener; }
    void write(int, const EventBatch& batch) override {
        if (m_fatalOnWrite) {
            m_listener->fatal("authentication failed");
            return;
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
            m_listener->delivered(batch.typeIndex(i), 1, batch.payload(i).size() + 1);
        }
    }
    FlushResult close(std::chrono::milliseconds) override { return {m_undelivered, ""}; }
    bool reportsDeliveryAsync() const override { return true; }

private:
    bool m_fatalOnWrite;
    uint64_t m_undelivered;
    DeliveryListener* m_listener = nullptr;
};

TEST(RunErrors, FatalSinkReportFailsTheRun) {
    streamgen::Run run(compileOrDie(quickStartConfig()), std::make_unique<AsyncSink>(true),
                       RunOptions{});
    run.start();
    ASSERT_TRUE(run.wait(5s));
    EXPECT_EQ(run.state(), RunState::Failed);
    const auto errors = run.summary().errors;
    EXPECT_NE(std::find(errors.begin(), errors.end(), "authentication failed"), errors.end());
}

TEST(RunAsync, DeliveryComesFromTheSinksReports) {
    streamgen::Run run(compileOrDie(quickStartConfig()), std::make_unique<AsyncSink>(false),
                       countOptions(5'000, 2));
    run.start();
    ASSERT_TRUE(run.wait(5s));
    EXPECT_EQ(run.state(), RunState::Finished);
    const TypeCounters total = run.summary().metrics.total;
    EXPECT_EQ(total.sent, 5'000U);
    EXPECT_EQ(total.delivered, 5'000U);
}

TEST(RunAsync, UndeliveredEventsFailTheRun) {
    streamgen::Run run(compileOrDie(quickStartConfig()), std::make_unique<AsyncSink>(false, 12),
                       countOptions(100, 1));
    run.start();
    ASSERT_TRUE(run.wait(5s));
    EXPECT_EQ(run.state(), RunState::Failed);
    EXPECT_EQ(run.summary().undelivered, 12U);
}

TEST(RunControl, PauseStopsCountersAndTheClock) {
    auto shared = std::make_shared<CountingSink::Shared>();
    RunOptions options;
    options.rate = 20'000;
    streamgen::Run run(compileOrDie(quickStartConfig()), std::make_unique<CountingSink>(shared),
                       options);
    run.start();
    ASSERT_TRUE(eventually([&] { return run.snapshot().total.generated > 500; }, 2s));
    run.pause();
    EXPECT_EQ(run.state(), RunState::Paused);
    std::this_thread::sleep_for(100ms); // batches in flight finish
    const MetricsSnapshot paused = run.snapshot();
    std::this_thread::sleep_for(250ms);
    const MetricsSnapshot later = run.snapshot();
    EXPECT_EQ(later.total.generated, paused.total.generated);
    EXPECT_DOUBLE_EQ(later.elapsedSeconds, paused.elapsedSeconds);
    run.resume();
    EXPECT_EQ(run.state(), RunState::Running);
    EXPECT_TRUE(eventually(
        [&] { return run.snapshot().total.generated > paused.total.generated + 500; }, 2s));
    run.requestStop();
    ASSERT_TRUE(run.wait(5s));
    EXPECT_EQ(run.state(), RunState::Finished);
}

TEST(RunControl, SetWeightsChangesTheSharesOfLaterEvents) {
    RunOptions options;
    options.rate = 50'000;
    streamgen::Run run(compileOrDie(quickStartConfig()),
                       std::make_unique<CountingSink>(std::make_shared<CountingSink::Shared>()),
                       options);
    run.start();
    ASSERT_TRUE(eventually([&] { return run.snapshot().perType[0].generated > 1'000; }, 2s));
    run.setWeights({0.0, 0.0, 1.0});
    std::this_thread::sleep_for(200ms);
    const MetricsSnapshot before = run.snapshot();
    std::this_thread::sleep_for(200ms);
    const MetricsSnapshot after = run.snapshot();
    EXPECT_EQ(after.perType[0].generated, before.perType[0].generated);
    EXPECT_EQ(after.perType[1].generated, before.perType[1].generated);
    EXPECT_GT(after.perType[2].generated, before.perType[2].generated + 1'000);
}

TEST(RunControl, AllTypesDisabledIdlesUntilATypeIsEnabled) {
    Config config = quickStartConfig();
    for (auto& type : config.eventTypes) {
        type.enabled = false;
    }
    streamgen::Run run(compileOrDie(config),
                       std::make_unique<CountingSink>(std::make_shared<CountingSink::Shared>()),
                       RunOptions{});
    run.start();
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(run.snapshot().total.generated, 0U);
    EXPECT_EQ(run.state(), RunState::Running);
    run.setWeights({1.0, 0.0, 0.0});
    EXPECT_TRUE(eventually([&] { return run.snapshot().perType[0].generated > 0; }, 1s));
    run.setTypeEnabled(0, false);
    std::this_thread::sleep_for(100ms);
    const uint64_t idle = run.snapshot().total.generated;
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(run.snapshot().total.generated, idle);
}

TEST(RunPacing, DurationAndRateGiveTheScheduledCount) {
    RunOptions options;
    options.rate = 4'000;
    options.durationSeconds = 0.5;
    options.threads = 2;
    streamgen::Run run(compileOrDie(quickStartConfig()),
                       std::make_unique<CountingSink>(std::make_shared<CountingSink::Shared>()),
                       options);
    const auto begin = std::chrono::steady_clock::now();
    run.start();
    ASSERT_TRUE(run.wait(3s));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    const RunSummary summary = run.summary();
    EXPECT_EQ(run.state(), RunState::Finished);
    EXPECT_NEAR(static_cast<double>(summary.metrics.total.generated), 2'000.0, 40.0);
    EXPECT_NEAR(summary.metrics.elapsedSeconds, 0.5, 0.1);
    EXPECT_GT(seconds, 0.45);
}

TEST(RunPacing, SetRateTakesEffectQuickly) {
    RunOptions options;
    options.rate = 1'000;
    streamgen::Run run(compileOrDie(quickStartConfig()),
                       std::make_unique<CountingSink>(std::make_shared<CountingSink::Shared>()),
                       options);
    run.start();
    std::this_thread::sleep_for(200ms);
    run.setRate(10'000);
    EXPECT_DOUBLE_EQ(run.rate(), 10'000.0);
    std::this_thread::sleep_for(100ms);
    const uint64_t before = run.snapshot().total.generated;
    std::this_thread::sleep_for(400ms);
    const double perSecond = static_cast<double>(run.snapshot().total.generated - before) / 0.4;
    EXPECT_GT(perSecond, 7'000.0);
    EXPECT_LT(perSecond, 13'000.0);
}

/// A sink whose close takes a while, like a Kafka flush.
class SlowClosingSink : public Sink {
public:
    std::string describe() const override { return "slow"; }
    void open(const SinkContext&) override {}
    void write(int, const EventBatch&) override {}
    FlushResult close(std::chrono::milliseconds) override {
        std::this_thread::sleep_for(300ms);
        return {};
    }
};

TEST(RunStop, RequestStopReturnsAtOnceAndTheSinkClosesInTheBackground) {
    streamgen::Run run(compileOrDie(quickStartConfig()), std::make_unique<SlowClosingSink>(),
                       RunOptions{});
    run.start();
    std::this_thread::sleep_for(50ms);
    const auto begin = std::chrono::steady_clock::now();
    run.requestStop();
    EXPECT_LT(std::chrono::steady_clock::now() - begin, 50ms);
    EXPECT_EQ(run.state(), RunState::Stopping);
    EXPECT_FALSE(run.wait(100ms));
    ASSERT_TRUE(run.wait(3s));
    EXPECT_EQ(run.state(), RunState::Finished);
    const RunSummary summary = run.summary();
    EXPECT_GT(summary.metrics.total.generated, 0U);
    EXPECT_EQ(summary.metrics.total.delivered, summary.metrics.total.generated);
    const double frozen = run.snapshot().elapsedSeconds;
    std::this_thread::sleep_for(20ms);
    EXPECT_DOUBLE_EQ(run.snapshot().elapsedSeconds, frozen);
}

TEST(RunStop, DestroyingARunningRunStopsIt) {
    auto shared = std::make_shared<CountingSink::Shared>();
    {
        streamgen::Run run(compileOrDie(quickStartConfig()), std::make_unique<CountingSink>(shared),
                           RunOptions{});
        run.start();
        std::this_thread::sleep_for(20ms);
    }
    const uint64_t events = shared->events.load();
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(shared->events.load(), events);
}

class UnopenableSink : public Sink {
public:
    std::string describe() const override { return "unopenable"; }
    void open(const SinkContext&) override { throw SinkError("cannot connect to broker"); }
    void write(int, const EventBatch&) override {}
    FlushResult close(std::chrono::milliseconds) override { return {}; }
};

TEST(RunErrors, SinkThatCannotOpenFailsStart) {
    streamgen::Run run(compileOrDie(quickStartConfig()), std::make_unique<UnopenableSink>(),
                       RunOptions{});
    EXPECT_THROW(run.start(), SinkError);
    EXPECT_EQ(run.state(), RunState::Failed);
    ASSERT_EQ(run.summary().errors.size(), 1U);
    EXPECT_EQ(run.summary().errors.front(), "cannot connect to broker");
    EXPECT_TRUE(run.wait(0ms));
}

/// Stalls on its first batch, like a sink whose broker is briefly unreachable.
class StallingSink : public Sink {
public:
    std::string describe() const override { return "stalling"; }
    void open(const SinkContext&) override {}
    void write(int, const EventBatch&) override {
        if (!m_stalled.exchange(true)) {
            std::this_thread::sleep_for(1200ms);
        }
    }
    FlushResult close(std::chrono::milliseconds) override { return {}; }

private:
    std::atomic<bool> m_stalled{false};
};

TEST(RunPacing, AScheduleFarBehindRestartsInsteadOfBursting) {
    RunOptions options;
    options.rate = 2'000;
    options.durationSeconds = 2.0;
    streamgen::Run run(compileOrDie(quickStartConfig()), std::make_unique<StallingSink>(), options);
    run.start();
    ASSERT_TRUE(run.wait(4s));
    // Catching up would give the full 4,000; restarting from "now" loses the stalled second.
    const uint64_t generated = run.summary().metrics.total.generated;
    EXPECT_LT(generated, 3'000U);
    EXPECT_GT(generated, 1'200U);
}

TEST(RunStateNames, AreStable) {
    EXPECT_STREQ(runStateName(RunState::Idle), "idle");
    EXPECT_STREQ(runStateName(RunState::Failed), "failed");
}

} // namespace
} // namespace streamgen
