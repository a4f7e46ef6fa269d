#include "sinks/sink_factory.h"

#include <cstdlib>
#include <gtest/gtest.h>

using namespace streamgen;

namespace {

SinkConfig sinkOfType(const std::string& type) {
    SinkConfig config;
    config.type = type;
    return config;
}

} // namespace

TEST(SinkFactory, BuildsTheRunnableSinks) {
    EXPECT_EQ(createSink(sinkOfType("null")).sink->describe(), "null");
    EXPECT_EQ(createSink(sinkOfType("stdout")).sink->describe(), "stdout");
    SinkConfig file = sinkOfType("file");
    file.options.set("path", "/tmp/x");
    EXPECT_EQ(createSink(file).sink->describe(), "file:/tmp/x");
}

TEST(SinkFactory, UnknownSinkIsNotBuilt) {
    const SinkCreation created = createSink(sinkOfType("hdfs"));
    EXPECT_FALSE(created.sink);
    EXPECT_NE(created.error.find("unknown sink type `hdfs`"), std::string::npos) << created.error;
}

TEST(SinkFactory, AliasesBuildTheirSink) {
    EXPECT_EQ(createSink(sinkOfType("console")).sink->describe(), "stdout");
    EXPECT_EQ(createSink(sinkOfType("landing"), SinkOverrides{{}, "/tmp/y"}).sink->describe(),
              "file:/tmp/y");
}

TEST(SinkFactory, CommandLineTypeOverridesTheConfig) {
    const SinkCreation created = createSink(sinkOfType("kinesis"), SinkOverrides{"null", {}});
    ASSERT_TRUE(created.sink);
    EXPECT_EQ(created.sink->describe(), "null");
}

TEST(SinkFactory, UnknownTypeSuggestsTheNearestName) {
    const SinkCreation created = createSink(sinkOfType("stdot"));
    EXPECT_FALSE(created.sink);
    EXPECT_NE(created.error.find("did you mean `stdout`"), std::string::npos) << created.error;
}

TEST(SinkFactory, FileSinkWithoutFolderIsAnError) {
    const SinkCreation created = createSink(sinkOfType("file"));
    EXPECT_FALSE(created.sink);
    EXPECT_NE(created.error.find("--out"), std::string::npos);
}

TEST(SinkFactory, SecretReferencesResolveWhenTheSinkIsBuilt) {
    ::setenv("STREAMGEN_TEST_LANDING", "/tmp/landing-zone", 1);
    SinkConfig file = sinkOfType("file");
    file.options.set("path", "${STREAMGEN_TEST_LANDING}");
    const SinkCreation created = createSink(file);
    ASSERT_TRUE(created.sink) << created.error;
    EXPECT_EQ(created.sink->describe(), "file:/tmp/landing-zone");
    EXPECT_EQ(file.options.find("path")->scalar, "${STREAMGEN_TEST_LANDING}");
}

TEST(SinkFactory, MissingSecretNamesTheVariable) {
    ::unsetenv("STREAMGEN_SECRET_scope_key");
    SinkConfig file = sinkOfType("file");
    file.options.set("path", "{{secrets/scope/key}}");
    const SinkCreation created = createSink(file);
    EXPECT_FALSE(created.sink);
    EXPECT_NE(created.error.find("STREAMGEN_SECRET_scope_key"), std::string::npos) << created.error;
}

TEST(SinkFactory, BadRotationNumberIsAnError) {
    SinkConfig file = sinkOfType("file");
    file.options.set("path", "/tmp/x");
    file.options.set("max_records", "lots");
    const SinkCreation created = createSink(file);
    EXPECT_FALSE(created.sink);
    EXPECT_NE(created.error.find("max_records"), std::string::npos);
}
