#include "sinks/file_sink.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace streamgen;

namespace {

class TempDir {
public:
    TempDir() {
        char pattern[] = "/tmp/streamgen-file-sink-XXXXXX";
        m_path = ::mkdtemp(pattern);
    }
    ~TempDir() { fs::remove_all(m_path); }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

EventBatch makeBatch(std::size_t events, uint64_t firstSequence = 0) {
    EventBatch batch;
    for (std::size_t i = 0; i < events; ++i) {
        batch.buffer() += "{\"n\":" + std::to_string(firstSequence + i) + "}";
        batch.commit(0, firstSequence + i);
    }
    return batch;
}

std::vector<std::string> visibleFiles(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::size_t lineCount(const std::string& path) {
    std::ifstream in(path);
    std::size_t lines = 0;
    for (std::string line; std::getline(in, line);) {
        ++lines;
    }
    return lines;
}

SinkContext context(int workers) {
    SinkContext c;
    c.eventTypeIds = {"t"};
    c.workers = workers;
    return c;
}

} // namespace

TEST(FileSink, RotatesByRecordCountAndKeepsEveryEvent) {
    TempDir dir;
    FileSink sink(dir.path(), FileRotation{1000, 1ull << 30, 0.0});
    sink.open(context(1));
    for (int i = 0; i < 5; ++i) {
        sink.write(0, makeBatch(700, static_cast<uint64_t>(i) * 700));
    }
    ASSERT_TRUE(sink.close(std::chrono::seconds(5)).error.empty());
    const auto files = sink.completedFiles();
    ASSERT_EQ(files.size(), 4u); // 3500 events: 1000 + 1000 + 1000 + 500
    std::size_t total = 0;
    for (const auto& file : files) {
        total += lineCount(file);
        EXPECT_LE(lineCount(file), 1000u);
    }
    EXPECT_EQ(total, 3500u);
}

TEST(FileSink, RotatesByBytesAtEventBoundaries) {
    TempDir dir;
    FileSink sink(dir.path(), FileRotation{1000000, 100, 0.0});
    sink.open(context(1));
    sink.write(0, makeBatch(50)); // each line is 7-9 bytes
    ASSERT_TRUE(sink.close(std::chrono::seconds(5)).error.empty());
    ASSERT_GE(sink.completedFiles().size(), 4u);
    std::size_t lines = 0;
    for (const auto& file : sink.completedFiles()) {
        EXPECT_LE(fs::file_size(file), 100u);
        std::ifstream in(file);
        for (std::string line; std::getline(in, line); ++lines) {
            EXPECT_EQ(line.front(), '{');
            EXPECT_EQ(line.back(), '}');
        }
    }
    EXPECT_EQ(lines, 50u);
}

TEST(FileSink, RotatesByAge) {
    TempDir dir;
    FileSink sink(dir.path(), FileRotation{1000000, 1ull << 30, 0.05});
    sink.open(context(1));
    sink.write(0, makeBatch(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(80));
    sink.write(0, makeBatch(10));
    sink.close(std::chrono::seconds(5));
    EXPECT_EQ(sink.completedFiles().size(), 2u);
}

TEST(FileSink, OpenFileIsHiddenUntilComplete) {
    TempDir dir;
    FileSink sink(dir.path(), FileRotation{1000000, 1ull << 30, 0.0});
    sink.open(context(1));
    sink.write(0, makeBatch(10));
    const auto during = visibleFiles(dir.path());
    ASSERT_EQ(during.size(), 1u);
    EXPECT_EQ(during[0].front(), '.') << "an incomplete file must keep a hidden name";
    EXPECT_TRUE(during[0].ends_with(".tmp"));
    sink.close(std::chrono::seconds(5));
    const auto after = visibleFiles(dir.path());
    ASSERT_EQ(after.size(), 1u);
    EXPECT_NE(after[0].front(), '.');
    EXPECT_TRUE(after[0].ends_with(".jsonl"));
    EXPECT_EQ(lineCount(dir.path() + "/" + after[0]), 10u);
}

TEST(FileSink, WorkersWriteSeparateFiles) {
    TempDir dir;
    FileSink sink(dir.path(), FileRotation{});
    sink.open(context(2));
    std::thread a([&] { sink.write(0, makeBatch(100)); });
    std::thread b([&] { sink.write(1, makeBatch(100, 100)); });
    a.join();
    b.join();
    sink.close(std::chrono::seconds(5));
    const auto files = sink.completedFiles();
    ASSERT_EQ(files.size(), 2u);
    EXPECT_NE(files[0].find("-w0-"), std::string::npos);
    EXPECT_NE(files[1].find("-w1-"), std::string::npos);
}

TEST(FileSink, EmptyRunLeavesNoFiles) {
    TempDir dir;
    FileSink sink(dir.path(), FileRotation{});
    sink.open(context(1));
    sink.close(std::chrono::seconds(5));
    EXPECT_TRUE(visibleFiles(dir.path()).empty());
}

TEST(FileSink, UnwritableFolderIsASinkError) {
    FileSink sink("/proc/streamgen-cannot-exist", FileRotation{});
    EXPECT_THROW(sink.open(context(1)), SinkError);
}

namespace {

class CountingListener final : public DeliveryListener {
public:
    void delivered(uint32_t, uint64_t events, uint64_t bytes) override {
        m_delivered += events;
        m_bytes += bytes;
    }
    void failed(uint32_t, uint64_t events) override { m_failed += events; }
    void fatal(const std::string&) override {}

    std::atomic<uint64_t> m_delivered{0};
    std::atomic<uint64_t> m_bytes{0};
    std::atomic<uint64_t> m_failed{0};
};

} // namespace

TEST(FileSink, ConfirmsDeliveryOnlyWhenAFileIsRenamedIntoView) {
    TempDir dir;
    CountingListener listener;
    FileSink sink(dir.path(), FileRotation{1000, 1ull << 30, 0.0});
    SinkContext c = context(1);
    c.listener = &listener;
    sink.open(c);
    EXPECT_TRUE(sink.reportsDeliveryAsync());
    sink.write(0, makeBatch(1500));
    EXPECT_EQ(listener.m_delivered, 1000u) << "the first file is complete, the second is not";
    ASSERT_TRUE(sink.close(std::chrono::seconds(5)).error.empty());
    EXPECT_EQ(listener.m_delivered, 1500u);
    EXPECT_EQ(listener.m_failed, 0u);
    uint64_t onDisk = 0;
    for (const auto& file : sink.completedFiles()) {
        onDisk += fs::file_size(file);
    }
    EXPECT_EQ(listener.m_bytes, onDisk);
}

TEST(FileSink, FolderRemovedUnderTheRunReportsTheEventsFailed) {
    TempDir dir;
    CountingListener listener;
    const std::string folder = dir.path() + "/landing";
    FileSink sink(folder, FileRotation{});
    SinkContext c = context(1);
    c.listener = &listener;
    sink.open(c);
    sink.write(0, makeBatch(10));
    fs::remove_all(folder);
    const FlushResult result = sink.close(std::chrono::seconds(5));
    EXPECT_FALSE(result.error.empty());
    EXPECT_EQ(listener.m_delivered, 0u);
    EXPECT_EQ(listener.m_failed, 10u);
}
