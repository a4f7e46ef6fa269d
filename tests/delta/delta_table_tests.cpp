// The Delta log as StreamGen writes and reads it: first commits, optimistic concurrency with
// other writers, overwrite, a stream's recorded progress, and logs it must refuse.
#include "sinks/delta/avro_row_decoder.h"
#include "sinks/delta/delta_table.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

namespace streamgen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class DeltaTableTest : public testing::Test {
protected:
    void SetUp() override {
        m_folder = fs::temp_directory_path() /
                   ("streamgen-delta-table-" + std::to_string(::getpid()) + "-" +
                    testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_folder);
    }
    void TearDown() override { fs::remove_all(m_folder); }

    DeltaTable table() const {
        return DeltaTable(m_folder, {{"id", parquet::ColumnType::Int64, false},
                                     {"name", parquet::ColumnType::String, true}});
    }
    static DeltaDataFile file(const std::string& name) {
        return {name, 10, 1, R"({"numRecords":1})"};
    }
    std::vector<json> actions(int64_t version) const {
        std::ifstream in(deltaCommitPath(m_folder, version));
        std::vector<json> out;
        for (std::string line; std::getline(in, line);) {
            out.push_back(json::parse(line));
        }
        return out;
    }
    static bool has(const std::vector<json>& actions, const char* kind) {
        return std::any_of(actions.begin(), actions.end(),
                           [kind](const json& action) { return action.contains(kind); });
    }

    fs::path m_folder;
};

TEST_F(DeltaTableTest, FirstCommitDeclaresProtocolSchemaAndProgress) {
    DeltaTable target = table();
    EXPECT_EQ(target.open(false, "app").prefix, 0U);
    target.commit({file("a.parquet")}, "app", {500, {}});
    const auto first = actions(0);
    EXPECT_TRUE(has(first, "protocol"));
    ASSERT_TRUE(has(first, "metaData"));
    const DeltaTableState state = readDeltaLog(m_folder);
    EXPECT_EQ(state.version, 0);
    EXPECT_EQ(state.files, std::vector<std::string>{"a.parquet"});
    EXPECT_EQ(state.transactions.at("app"), 500);
    EXPECT_EQ(json::parse(state.schemaString)["fields"][0]["type"], "long");
}

TEST_F(DeltaTableTest, ABlindAppendOfAnotherWriterIsKeptAndOursGoesNext) {
    DeltaTable ours = table();
    ours.open(false, "app");
    ours.commit({file("a.parquet")}, "app", {10, {}});
    // Another writer appends version 1 after we read the log.
    ASSERT_TRUE(writeDeltaCommit(m_folder, 1,
                                 R"({"add":{"path":"other.parquet","size":1}})"
                                 "\n"));
    ours.commit({file("b.parquet")}, "app", {20, {}});
    const DeltaTableState state = readDeltaLog(m_folder);
    EXPECT_EQ(state.version, 2);
    EXPECT_EQ(state.files, (std::vector<std::string>{"a.parquet", "other.parquet", "b.parquet"}));
}

TEST_F(DeltaTableTest, AWriterThatChangedTheSchemaIsNotOverwritten) {
    DeltaTable ours = table();
    ours.open(false, "app");
    ours.commit({file("a.parquet")}, "app", {10, {}});
    const std::string theirs =
        R"({"metaData":{"id":"x","schemaString":"{\"type\":\"struct\",\"fields\":[]}"}})"
        "\n";
    ASSERT_TRUE(writeDeltaCommit(m_folder, 1, theirs));
    EXPECT_THROW(
        {
            try {
                ours.commit({file("b.parquet")}, "app", {20, {}});
            } catch (const std::runtime_error& error) {
                EXPECT_NE(std::string(error.what()).find("another writer committed version 1"),
                          std::string::npos);
                throw;
            }
        },
        std::runtime_error);
    EXPECT_FALSE(fs::exists(deltaCommitPath(m_folder, 2)));
}

TEST_F(DeltaTableTest, TwoWritersCreatingTheTableWithTheSameColumnsBothAppend) {
    DeltaTable first = table();
    DeltaTable second = table();
    first.open(false, "shard-0");
    second.open(false, "shard-1"); // both see no table yet
    first.commit({file("a.parquet")}, "shard-0", {10, {}});
    second.commit({file("b.parquet")}, "shard-1", {10, {}});
    const DeltaTableState state = readDeltaLog(m_folder);
    EXPECT_EQ(state.version, 1);
    EXPECT_EQ(state.files, (std::vector<std::string>{"a.parquet", "b.parquet"}));
    EXPECT_FALSE(has(actions(1), "metaData"));
}

TEST_F(DeltaTableTest, AWriterThatCreatedTheTableWithOtherColumnsIsAConflict) {
    DeltaTable ours = table();
    ours.open(false, "app");
    DeltaTable theirs(m_folder, {{"id", parquet::ColumnType::String, false}});
    theirs.open(false, "other");
    theirs.commit({file("x.parquet")}, "other", {1, {}});
    EXPECT_THROW(ours.commit({file("a.parquet")}, "app", {10, {}}), std::runtime_error);
    EXPECT_EQ(readDeltaLog(m_folder).version, 0);
}

TEST_F(DeltaTableTest, OverwriteRemovesEveryFileInItsFirstCommit) {
    DeltaTable first = table();
    first.open(false, "app");
    first.commit({file("a.parquet"), file("b.parquet")}, "app", {10, {}});
    DeltaTable second = table();
    EXPECT_EQ(second.open(true, "app").prefix, 0U);
    second.commit({file("c.parquet")}, "app", {5, {}});
    EXPECT_EQ(readDeltaLog(m_folder).files, std::vector<std::string>{"c.parquet"});
    EXPECT_FALSE(second.pendingOverwrite());
}

TEST_F(DeltaTableTest, ReopeningReturnsTheStreamsPrefixAndTheRangesBeyondIt) {
    DeltaTable first = table();
    first.open(false, "app");
    first.commit({file("a.parquet")}, "app", {100, {{150, 200}, {300, 310}}});
    DeltaTable again = table();
    const DeltaProgress progress = again.open(false, "app");
    EXPECT_EQ(progress.prefix, 100U);
    EXPECT_EQ(progress.beyond, (IndexRanges{{150, 200}, {300, 310}}));
    EXPECT_EQ(again.open(false, "another-app").prefix, 0U);
}

TEST_F(DeltaTableTest, ALogWithAGapIsRefused) {
    fs::create_directories(m_folder / "_delta_log");
    ASSERT_TRUE(writeDeltaCommit(m_folder, 0,
                                 R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
                                 "\n"));
    ASSERT_TRUE(writeDeltaCommit(m_folder, 2,
                                 R"({"add":{"path":"x","size":1}})"
                                 "\n"));
    EXPECT_THROW(readDeltaLog(m_folder), std::runtime_error);
}

TEST_F(DeltaTableTest, ATableFoldedIntoACheckpointIsRefused) {
    fs::create_directories(m_folder / "_delta_log");
    std::ofstream(m_folder / "_delta_log" / "_last_checkpoint") << R"({"version":10})";
    ASSERT_TRUE(writeDeltaCommit(m_folder, 11,
                                 R"({"add":{"path":"x","size":1}})"
                                 "\n"));
    EXPECT_THROW(readDeltaLog(m_folder), std::runtime_error);
}

TEST_F(DeltaTableTest, ACommitThatIsNotJsonIsRefusedWithItsPath) {
    fs::create_directories(m_folder / "_delta_log");
    std::ofstream(deltaCommitPath(m_folder, 0)) << "{not json\n";
    try {
        readDeltaLog(m_folder);
        FAIL() << "expected an error";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("00000000000000000000.json"), std::string::npos);
    }
}

TEST(DeltaStatistics, BoundsOfLongStringsAreLeftOutBothOrNeither) {
    std::vector<parquet::Column> columns{{"s", parquet::ColumnType::String, true},
                                         {"n", parquet::ColumnType::Int32, true}};
    std::vector<parquet::ColumnStatistics> stats(2);
    stats[0].hasMinMax = true;
    stats[0].minText = "a";
    stats[0].maxText = std::string(40, 'z');
    stats[1].hasMinMax = true;
    stats[1].minInteger = -3;
    stats[1].maxInteger = 9;
    stats[1].nullCount = 2;
    const json out = json::parse(deltaStatistics(columns, stats, 7));
    EXPECT_EQ(out["numRecords"], 7);
    EXPECT_FALSE(out["minValues"].contains("s"));
    EXPECT_FALSE(out["maxValues"].contains("s"));
    EXPECT_EQ(out["minValues"]["n"], -3);
    EXPECT_EQ(out["maxValues"]["n"], 9);
    EXPECT_EQ(out["nullCount"]["n"], 2);
}

TEST(AvroRowDecoder, APayloadCutShortIsAnErrorNotARead) {
    const auto schema = nlohmann::ordered_json::parse(
        R"({"type":"record","name":"t","fields":[{"name":"event_type_id","type":"string"},)"
        R"({"name":"n","type":"long"},{"name":"s","type":["null","string"]}]})");
    AvroRowDecoder decoder(schema, {-1, 0, 1}, {});
    parquet::FileWriter file(
        {{"n", parquet::ColumnType::Int64, false}, {"s", parquet::ColumnType::String, true}});
    // "t", 5, branch 1, "hello" cut after "he".
    const std::string payload("\x02t\x0a\x02\x0ahe", 7);
    EXPECT_THROW(decoder.decode(payload, file), std::runtime_error);
    parquet::FileWriter fresh({{"n", parquet::ColumnType::Int64, false},
                               {"s", parquet::ColumnType::String, true}});
    const std::string whole("\x02t\x0a\x02\x0ahello", 10);
    EXPECT_NO_THROW(decoder.decode(whole, fresh));
    EXPECT_EQ(fresh.pendingRows(), 1U);
}

} // namespace
} // namespace streamgen
