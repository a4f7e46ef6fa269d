#include "sinks/preflight.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace streamgen;

namespace {

const std::string kEvents = R"(event_types:
  - event_type_id: a
    fields:
      user_id: {type: int, range: [1, 10]}
)";

/// Preflight of `kEvents` followed by `tail` (line 5 onwards).
PreflightResult check(const std::string& tail, const PreflightOptions& options = {}) {
    return preflight(loadConfigString(kEvents + tail), options);
}

const Diagnostic* find(const PreflightResult& result, const std::string& text) {
    for (const Diagnostic& d : result.diagnostics) {
        if (d.message.find(text) != std::string::npos) {
            return &d;
        }
    }
    return nullptr;
}

std::string render(const PreflightResult& result) {
    std::string out;
    for (const Diagnostic& d : result.diagnostics) {
        out += d.format("config.yaml") + "\n";
    }
    return out;
}

} // namespace

TEST(Preflight, AGoodConfigGivesAPlan) {
    const PreflightResult result = check("sink_config: {type: \"null\"}\n");
    EXPECT_TRUE(result.ok()) << render(result);
    EXPECT_TRUE(result.diagnostics.empty()) << render(result);
    ASSERT_TRUE(result.plan);
    EXPECT_EQ(result.plan->typeCount(), 1u);
}

TEST(Preflight, UnknownSinkIsLocatedAtItsType) {
    const PreflightResult result = check("sink_config:\n  type: hdfs\n  table: x\n");
    EXPECT_FALSE(result.ok());
    const Diagnostic* d = find(result, "unknown sink type `hdfs`");
    ASSERT_NE(d, nullptr) << render(result);
    EXPECT_EQ(d->location, (SourceLocation{6, 9}));
    EXPECT_EQ(d->path, "sink_config.type");
}

TEST(Preflight, UnknownSinkSuggestsAName) {
    const PreflightResult result = check("sink_config: {type: stdot}\n");
    EXPECT_NE(find(result, "did you mean `stdout`?"), nullptr) << render(result);
}

TEST(Preflight, WrongOptionTypeIsLocatedAtTheOption) {
    const PreflightResult result =
        check("sink_config:\n  type: file\n  path: /tmp/x\n  max_records: lots\n");
    EXPECT_FALSE(result.ok());
    const Diagnostic* d = find(result, "sink_config.max_records: expected an integer, got `lots`");
    ASSERT_NE(d, nullptr) << render(result);
    EXPECT_EQ(d->location, (SourceLocation{8, 16}));
}

TEST(Preflight, MissingRequiredOptionIsAnError) {
    const PreflightResult result = check("sink_config:\n  type: kafka\n  topic: t\n");
    EXPECT_FALSE(result.ok());
    const Diagnostic* d = find(result, "sink_config.bootstrap_servers is required by the kafka");
    ASSERT_NE(d, nullptr) << render(result);
    EXPECT_TRUE(d->location.known());
}

TEST(Preflight, OutOnTheCommandLineGivesTheFileSinkItsFolder) {
    PreflightOptions options;
    options.sink.directory = "/tmp/landing";
    EXPECT_TRUE(check("sink_config: {type: file}\n", options).ok());
    EXPECT_FALSE(check("sink_config: {type: file}\n").ok());
}

TEST(Preflight, UnknownOptionIsAWarningWithASuggestion) {
    const PreflightResult result =
        check("sink_config:\n  type: file\n  path: /tmp/x\n  prefx: orders\n");
    EXPECT_TRUE(result.ok()) << render(result);
    const Diagnostic* d = find(result, "unknown option `prefx` of the file sink");
    ASSERT_NE(d, nullptr) << render(result);
    EXPECT_FALSE(d->isError());
    EXPECT_NE(d->message.find("did you mean `prefix`?"), std::string::npos);
    EXPECT_EQ(d->location, (SourceLocation{8, 10}));
}

TEST(Preflight, OptionsOfTheConfigsSinkAreNotWarnedAboutWhenTheCommandLineChoosesAnother) {
    PreflightOptions options;
    options.sink.type = "stdout";
    const PreflightResult result =
        check("sink_config:\n  type: kinesis\n  stream_name: s\n  region: r\n", options);
    EXPECT_TRUE(result.ok()) << render(result);
    EXPECT_TRUE(result.diagnostics.empty()) << render(result);
}

TEST(Preflight, SecretOptionsMustBeReferencesAndAreNeverRepeated) {
    const std::string base = "sink_config:\n  type: eventhubs\n  namespace: my-namespace\n"
                             "  event_hub: clicks\n";
    const PreflightResult plain = check(base + "  connection_string: Endpoint=sb://x;Key=s3cr3t\n");
    EXPECT_FALSE(plain.ok());
    const Diagnostic* d = find(plain, "sink_config.connection_string holds a secret");
    ASSERT_NE(d, nullptr) << render(plain);
    EXPECT_EQ(render(plain).find("s3cr3t"), std::string::npos);
    ::setenv("EH_CONNECTION", "Endpoint=sb://x", 1);
    ::setenv("STREAMGEN_SECRET_eh_conn", "Endpoint=sb://x", 1);
    EXPECT_TRUE(check(base + "  connection_string: \"${EH_CONNECTION}\"\n").ok());
    EXPECT_TRUE(check(base + "  connection_string: \"{{secrets/eh/conn}}\"\n").ok());
}

TEST(Preflight, SecretReferencesThatDoNotResolveAreLocatedErrors) {
    // A run would stop at it: the preflight says so first, without reading the value.
    ::unsetenv("STREAMGEN_TEST_UNSET_FOLDER");
    const std::string config =
        "sink_config:\n  type: file\n  path: \"${STREAMGEN_TEST_UNSET_FOLDER}\"\n";
    const PreflightResult unset = check(config);
    EXPECT_FALSE(unset.ok());
    const Diagnostic* d = find(unset, "STREAMGEN_TEST_UNSET_FOLDER is not set");
    ASSERT_NE(d, nullptr) << render(unset);
    EXPECT_EQ(d->path, "sink_config.path");
    ::setenv("STREAMGEN_TEST_UNSET_FOLDER", "/tmp/streamgen-preflight-folder", 1);
    const PreflightResult set = check(config);
    EXPECT_TRUE(set.ok()) << render(set);
    EXPECT_EQ(render(set).find("streamgen-preflight-folder"), std::string::npos);
    ::unsetenv("STREAMGEN_TEST_UNSET_FOLDER");
}

TEST(Preflight, ChoicesAreChecked) {
    const PreflightResult result =
        check("sink_config:\n  type: kafka\n  bootstrap_servers: b:9092\n  topic: t\n"
              "  subject_name_strategy: topc\n");
    EXPECT_FALSE(result.ok());
    EXPECT_NE(find(result, "expected one of topic, record, topic_record, got `topc` (did you "
                           "mean `topic`?)"),
              nullptr)
        << render(result);
}

TEST(Preflight, KafkaChecksServersTopicAndProperties) {
    const PreflightResult result =
        check("sink_config:\n  type: kafka\n  bootstrap_servers: \"b:9092,b:x\"\n  topic: \"\"\n"
              "  properties:\n    sasl.password: hunter2\n    no.such.property: 1\n"
              "    linger.ms: 5\n");
    EXPECT_NE(find(result, "bootstrap_servers: expected host:port"), nullptr) << render(result);
    EXPECT_NE(find(result, "sink_config.topic: the topic name is empty"), nullptr)
        << render(result);
    EXPECT_NE(find(result, "sink_config.properties.sasl.password holds a secret"), nullptr)
        << render(result);
    const Diagnostic* unknown = find(result, "sink_config.properties.no.such.property");
    ASSERT_NE(unknown, nullptr) << render(result);
    EXPECT_EQ(unknown->location, (SourceLocation{11, 23}));
    EXPECT_EQ(find(result, "linger.ms"), nullptr) << render(result);
}

TEST(Preflight, KeyFieldThatNoTypeHasIsAWarning) {
    const PreflightResult result =
        check("sink_config:\n  type: kafka\n  bootstrap_servers: b:9092\n  topic: t\n"
              "  partition_key_field: usr_id\n");
    EXPECT_TRUE(result.ok()) << render(result);
    EXPECT_NE(find(result, "did you mean `user_id`?"), nullptr) << render(result);
}

TEST(Preflight, EventHubsNamespaceFollowsAzuresRule) {
    ::setenv("EH", "Endpoint=sb://x", 1);
    const std::string base = "sink_config:\n  type: eventhubs\n  event_hub: clicks\n"
                             "  connection_string: \"${EH}\"\n";
    EXPECT_FALSE(check(base + "  namespace: ab\n").ok());
    EXPECT_FALSE(check(base + "  namespace: 9lives-ns\n").ok());
    EXPECT_TRUE(check(base + "  namespace: my-namespace\n").ok());
    EXPECT_TRUE(check(base + "  namespace: demo.servicebus.chinacloudapi.cn\n").ok());
}

TEST(Preflight, FileSinkPrefixRules) {
    const PreflightResult result =
        check("sink_config:\n  type: file\n  path: /tmp/x\n  prefix: a/b\n");
    EXPECT_NE(find(result, "sink_config.prefix: expected a file name prefix"), nullptr)
        << render(result);
}

TEST(Preflight, UnknownFormatIsLocatedWithASuggestion) {
    const PreflightResult result = check("serialization_format: jsno\n");
    EXPECT_FALSE(result.ok());
    const Diagnostic* d = find(result, "unknown serialization_format `jsno`");
    ASSERT_NE(d, nullptr) << render(result);
    EXPECT_NE(d->message.find("did you mean `json`?"), std::string::npos);
    EXPECT_EQ(d->location, (SourceLocation{5, 23}));
    EXPECT_EQ(d->path, "serialization_format");
}

TEST(Preflight, EveryProblemIsReportedAtOnceInFileOrder) {
    const PreflightResult result = check("serialization_format: xml\n"
                                         "batch_config: {partitions: 0}\n"
                                         "sink_config: {type: hdfs}\n");
    ASSERT_EQ(result.diagnostics.size(), 3u) << render(result);
    EXPECT_EQ(result.diagnostics[0].path, "serialization_format");
    EXPECT_EQ(result.diagnostics[1].path, "batch_config.partitions");
    EXPECT_EQ(result.diagnostics[2].path, "sink_config.type");
}

TEST(Preflight, CommandsWithoutASinkSkipTheSinkSection) {
    PreflightOptions options;
    options.checkSink = false;
    EXPECT_TRUE(check("sink_config: {type: kinesis}\n", options).ok());
}

TEST(Preflight, ConfigsBuiltInMemoryAreValidatedToo) {
    Config config = loadConfigString(kEvents).config;
    config.eventTypes[0].weight = -1;
    config.sink.type = "null";
    const PreflightResult result = preflight(config);
    EXPECT_FALSE(result.ok());
    EXPECT_NE(find(result, "weight must be a finite number >= 0"), nullptr) << render(result);
}
