#include "sinks/run_setup.h"

#include <cstdlib>
#include <gtest/gtest.h>

using namespace streamgen;

namespace {

Config quickstart() {
    LoadResult loaded = loadConfigFile(STREAMGEN_SOURCE_DIR "/resources/examples/quickstart.yaml");
    EXPECT_TRUE(loaded.ok());
    loaded.config.sink = SinkConfig{};
    loaded.config.sink.type = "null";
    return loaded.config;
}

} // namespace

TEST(RunSetup, ReadyRunDeliversTheCountAndDescribesItsReport) {
    RunRequest request;
    request.count = 1000;
    request.rate = 0.0;
    RunSetup setup = setUpRun(quickstart(), request);
    ASSERT_TRUE(setup.ok());
    EXPECT_EQ(setup.failure, RunSetup::Failure::None);
    setup.run->start();
    ASSERT_TRUE(setup.run->wait(std::chrono::seconds(30)));
    EXPECT_EQ(setup.run->summary().metrics.total.generated, 1000u);
    const SecondSeries series(setup.plan->typeCount());
    const RunReportContext context = setup.reportContext(series);
    EXPECT_EQ(context.sink, "null");
    EXPECT_EQ(context.typeIds.size(), 3u);
    EXPECT_EQ(context.targetShares.size(), 3u);
    EXPECT_EQ(context.series, &series);
}

TEST(RunSetup, StreamingPacesToTheConfigsRateUnlessAsked) {
    Config config = quickstart();
    config.totalRowsPerSecond = 250;
    EXPECT_EQ(setUpRun(config, {}).options.rate, 250.0);
    RunRequest request;
    request.rate = 0.0;
    EXPECT_EQ(setUpRun(config, request).options.rate, 0.0);
}

TEST(RunSetup, BatchModeGeneratesTotalRowsAsFastAsPossible) {
    Config config = quickstart();
    config.generationMode = GenerationMode::Batch;
    config.batchTotalRows = 1234;
    const RunSetup setup = setUpRun(config, {});
    ASSERT_TRUE(setup.ok());
    EXPECT_EQ(setup.options.count, 1234u);
    EXPECT_EQ(setup.options.rate, 0.0);
}

TEST(RunSetup, ShardTakesItsShareOfTheCount) {
    RunRequest request;
    request.count = 10;
    request.shardIndex = 1;
    request.shardCount = 3;
    const RunSetup setup = setUpRun(quickstart(), request);
    ASSERT_TRUE(setup.ok());
    EXPECT_EQ(setup.options.count, 3u); // k = 1, 4, 7
}

TEST(RunSetup, PreflightProblemsAreAConfigFailure) {
    Config config = quickstart();
    config.sink.type = "hdfs";
    const RunSetup setup = setUpRun(config, {});
    EXPECT_FALSE(setup.ok());
    EXPECT_EQ(setup.failure, RunSetup::Failure::Config);
    ASSERT_FALSE(setup.diagnostics.empty());
    EXPECT_NE(setup.diagnostics[0].message.find("unknown sink type `hdfs`"), std::string::npos);
}

TEST(RunSetup, UnsetSecretVariableIsAConfigFailureNamingIt) {
    ::unsetenv("STREAMGEN_TEST_UNSET_FOLDER");
    Config config = quickstart();
    config.sink.type = "file";
    config.sink.options.set("path", "${STREAMGEN_TEST_UNSET_FOLDER}");
    const RunSetup setup = setUpRun(config, {});
    EXPECT_EQ(setup.failure, RunSetup::Failure::Config);
    ASSERT_FALSE(setup.diagnostics.empty());
    EXPECT_NE(setup.diagnostics.back().message.find("STREAMGEN_TEST_UNSET_FOLDER"),
              std::string::npos);
}

TEST(RunSetup, CommandLineSinkReplacesTheConfigs) {
    Config config = quickstart();
    config.sink.type = "kinesis";
    RunRequest request;
    request.sink.type = "null";
    const RunSetup setup = setUpRun(config, request);
    ASSERT_TRUE(setup.ok());
    EXPECT_EQ(setup.sinkName, "null");
}
