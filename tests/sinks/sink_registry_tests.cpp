#include "sinks/sink_registry.h"

#include <gtest/gtest.h>
#include <set>

using namespace streamgen;

TEST(SinkRegistry, OffersEverySinkOnce) {
    EXPECT_EQ(sinkNames(), (std::vector<std::string>{"null", "stdout", "file", "kafka", "eventhubs",
                                                     "kinesis", "postgres", "delta"}));
    EXPECT_EQ(findSink("hdfs"), nullptr);
    EXPECT_EQ(sinkTypeProblem("hdfs"), "unknown sink type `hdfs`; expected one of null, stdout, "
                                       "file, kafka, eventhubs, kinesis, postgres, delta");
}

TEST(SinkRegistry, FindsSinksByAlias) {
    ASSERT_NE(findSink("console"), nullptr);
    EXPECT_EQ(findSink("console")->name, "stdout");
    EXPECT_EQ(findSink("landing")->name, "file");
    EXPECT_EQ(findSink("files")->name, "file");
    EXPECT_EQ(sinkTypeProblem("landing"), "");
}

TEST(SinkRegistry, UnknownTypeSuggestsTheNearestName) {
    EXPECT_EQ(sinkTypeProblem("kafak"), "unknown sink type `kafak`; did you mean `kafka`?");
    EXPECT_NE(sinkTypeProblem("zzzzzz").find("expected one of null, stdout"), std::string::npos);
}

TEST(SinkRegistry, EveryDeclarationIsComplete) {
    std::set<std::string> names;
    for (const SinkDescriptor& sink : sinkRegistry()) {
        EXPECT_TRUE(names.insert(sink.name).second) << sink.name;
        for (const std::string& alias : sink.aliases) {
            EXPECT_TRUE(names.insert(alias).second) << alias;
        }
        EXPECT_FALSE(sink.description.empty()) << sink.name;
        EXPECT_TRUE(sink.create) << sink.name;
        std::set<std::string> options;
        for (const SinkOption& option : sink.options) {
            EXPECT_TRUE(options.insert(option.name).second) << sink.name << "." << option.name;
            EXPECT_FALSE(option.help.empty()) << sink.name << "." << option.name;
            if (option.secret) {
                EXPECT_EQ(option.type, OptionType::String) << option.name;
            }
            if (!option.choices.empty() && !option.defaultValue.empty()) {
                EXPECT_NE(
                    std::find(option.choices.begin(), option.choices.end(), option.defaultValue),
                    option.choices.end())
                    << option.name;
            }
        }
    }
}

TEST(SinkRegistry, SecretsAreDeclaredNotGuessedFromNames) {
    const SinkDescriptor* kafka = findSink("kafka");
    ASSERT_NE(kafka, nullptr);
    EXPECT_FALSE(kafka->option("partition_key_field")->secret);
    EXPECT_FALSE(kafka->option("schema_registry_username")->secret);
    EXPECT_TRUE(kafka->option("schema_registry_password")->secret);
    EXPECT_TRUE(findSink("eventhubs")->option("connection_string")->secret);
}

TEST(SinkRegistry, KafkaDeclaresTheSchemaRegistryOptions) {
    const SinkDescriptor* kafka = findSink("kafka");
    ASSERT_NE(kafka, nullptr);
    for (const char* name : {"schema_registry_url", "schema_registry_username",
                             "schema_registry_password", "subject_name_strategy"}) {
        EXPECT_NE(kafka->option(name), nullptr) << name;
    }
    const SinkOption* strategy = kafka->option("subject_name_strategy");
    EXPECT_EQ(strategy->defaultValue, "topic");
    EXPECT_EQ(strategy->choices, (std::vector<std::string>{"topic", "record", "topic_record"}));
}
