// The delta sink driven batch by batch: a stop that leaves a gap commits what was written
// beyond it, and the next run of the stream writes exactly the events the table lacks.
#include "engine/plan.h"
#include "model/config_io.h"
#include "sinks/delta/delta_sink.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <thread>
#include <unistd.h>

namespace streamgen {
namespace {

namespace fs = std::filesystem;

class CountingListener final : public DeliveryListener {
public:
    void delivered(uint32_t, uint64_t events, uint64_t) override { m_delivered += events; }
    void failed(uint32_t, uint64_t events) override { m_failed += events; }
    void fatal(const std::string& message) override { m_fatal = message; }
    std::atomic<uint64_t> m_delivered{0};
    std::atomic<uint64_t> m_failed{0};
    std::string m_fatal;
};

std::shared_ptr<const Plan> avroPlan() {
    const LoadResult loaded = loadConfigString(
        "seed: 11\nserialization_format: avro\nevent_types:\n  - event_type_id: e\n    fields:\n"
        "      n: {type: int, range: [1, 100]}\n      s: {type: string, values: [a, b]}\n");
    EXPECT_TRUE(loaded.ok());
    std::string error;
    auto plan = Plan::compile(loaded.config, &error);
    EXPECT_TRUE(plan) << error;
    return plan;
}

class DeltaSinkTest : public testing::Test {
protected:
    void SetUp() override {
        m_folder = fs::temp_directory_path() /
                   ("streamgen-delta-sink-" + std::to_string(::getpid()) + "-" +
                    testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_folder);
        m_plan = avroPlan();
    }
    void TearDown() override { fs::remove_all(m_folder); }

    std::unique_ptr<DeltaSink> openSink(CountingListener& listener, int workers) {
        DeltaSettings settings;
        settings.path = m_folder;
        settings.maxRecords = 50;
        auto sink = std::make_unique<DeltaSink>(settings);
        SinkContext context;
        context.eventTypeIds = {"e"};
        context.workers = workers;
        context.listener = &listener;
        context.plan = m_plan.get();
        sink->open(context);
        return sink;
    }
    /// Events [first, end) as the engine renders them.
    EventBatch batch(uint64_t first, uint64_t end) const {
        EventBatch out;
        out.setLineTerminated(false);
        for (uint64_t k = first; k < end; ++k) {
            m_plan->render(k, 0, out);
        }
        return out;
    }

    fs::path m_folder;
    std::shared_ptr<const Plan> m_plan;
};

TEST_F(DeltaSinkTest, AStopWithAGapCommitsTheRangesBeyondItAndARerunFillsOnlyTheGap) {
    {
        CountingListener listener;
        auto sink = openSink(listener, 2);
        sink->write(0, batch(0, 100));
        sink->write(1, batch(200, 300)); // [100, 200) was claimed but never written
        EXPECT_TRUE(sink->close(std::chrono::seconds(5)).error.empty());
        EXPECT_EQ(listener.m_delivered, 200U);
    }
    const DeltaTableState first = readDeltaLog(m_folder);
    EXPECT_EQ(first.transactions.at("streamgen-seed-11-shard-0-of-1"), 100);
    EXPECT_EQ(first.beyond.at("streamgen-seed-11-shard-0-of-1"), (IndexRanges{{200, 300}}));

    CountingListener listener;
    auto sink = openSink(listener, 1);
    EXPECT_EQ(sink->resumeSequence(), 100U);
    sink->write(0, batch(100, 350));
    EXPECT_TRUE(sink->close(std::chrono::seconds(5)).error.empty());
    EXPECT_EQ(listener.m_delivered, 250U); // the 100 events held already count as delivered
    const DeltaTableState second = readDeltaLog(m_folder);
    EXPECT_EQ(second.transactions.at("streamgen-seed-11-shard-0-of-1"), 350);
    EXPECT_TRUE(second.beyond.at("streamgen-seed-11-shard-0-of-1").empty());
    uint64_t rows = 0;
    // Row counts by the log's statistics: 200 from the first run, 150 new.
    std::string all;
    for (int64_t version = 0; version <= second.version; ++version) {
        std::ifstream in(deltaCommitPath(m_folder, version));
        for (std::string line; std::getline(in, line);) {
            const auto at = line.find("numRecords\\\":");
            if (at != std::string::npos) {
                rows += std::stoull(line.substr(at + 13));
            }
        }
    }
    EXPECT_EQ(rows, 350U);
}

TEST_F(DeltaSinkTest, FullSpansAreCommittedWhileTheRunGoesOn) {
    CountingListener listener;
    auto sink = openSink(listener, 1);
    sink->write(0, batch(0, 120));
    sink->write(0, batch(120, 160)); // spans of 50: [0, 50), [50, 100), [100, 150) are whole
    // The committer commits on its own thread: wait for its third commit, bounded.
    for (int i = 0; i < 500 && listener.m_delivered < 150; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(readDeltaLog(m_folder).version, 2);
    EXPECT_EQ(listener.m_delivered, 150U);
    EXPECT_TRUE(sink->close(std::chrono::seconds(5)).error.empty());
    EXPECT_EQ(listener.m_delivered, 160U);
    EXPECT_EQ(readDeltaLog(m_folder).transactions.at("streamgen-seed-11-shard-0-of-1"), 160);
}

} // namespace
} // namespace streamgen
