#include "sinks/kafka_settings.h"
#include "sinks/sink_factory.h"

#include <cstdlib>
#include <gtest/gtest.h>

using namespace streamgen;

namespace {

SinkConfig kafkaConfig() {
    SinkConfig config;
    config.type = "kafka";
    config.options.set("bootstrap_servers", "127.0.0.1:9092");
    config.options.set("topic", "events");
    return config;
}

OptionNode mapOf(std::initializer_list<std::pair<std::string, std::string>> entries) {
    OptionNode node;
    for (const auto& [key, value] : entries) {
        node.set(key, value);
    }
    return node;
}

} // namespace

TEST(KafkaSettings, DefaultsAreNoLossNoDuplicatesAndBatched) {
    KafkaSettings settings;
    std::string error;
    ASSERT_TRUE(readKafkaSettings(kafkaConfig(), settings, error)) << error;
    EXPECT_EQ(settings.property("bootstrap.servers"), "127.0.0.1:9092");
    EXPECT_EQ(settings.property("enable.idempotence"), "true");
    EXPECT_EQ(settings.property("acks"), "all");
    EXPECT_EQ(settings.property("compression.type"), "lz4");
    EXPECT_EQ(settings.property("linger.ms"), "5");
}

TEST(KafkaSettings, UserPropertiesOverrideTheDefaults) {
    SinkConfig config = kafkaConfig();
    config.options.entries.emplace_back("properties",
                                        mapOf({{"compression.type", "zstd"}, {"linger.ms", "20"}}));
    KafkaSettings settings;
    std::string error;
    ASSERT_TRUE(readKafkaSettings(config, settings, error)) << error;
    EXPECT_EQ(settings.property("compression.type"), "zstd");
    EXPECT_EQ(settings.property("linger.ms"), "20");
    EXPECT_EQ(settings.property("acks"), "all");
}

TEST(KafkaSettings, NestedPropertyMapsMeanDottedLibrdkafkaNames) {
    // What `--set sink_config.properties.message.timeout.ms=3000` builds.
    OptionNode ms = mapOf({{"ms", "3000"}});
    OptionNode timeout;
    timeout.kind = OptionNode::Kind::Map;
    timeout.entries.emplace_back("timeout", ms);
    OptionNode properties;
    properties.kind = OptionNode::Kind::Map;
    properties.entries.emplace_back("message", timeout);
    SinkConfig config = kafkaConfig();
    config.options.entries.emplace_back("properties", properties);
    KafkaSettings settings;
    std::string error;
    ASSERT_TRUE(readKafkaSettings(config, settings, error)) << error;
    EXPECT_EQ(settings.property("message.timeout.ms"), "3000");
}

TEST(KafkaSettings, TopicTemplateNamesATopicPerTypeWithOnlyLegalCharacters) {
    KafkaSettings settings;
    settings.topicTemplate = "ev.{event_type_id}";
    EXPECT_EQ(settings.topicFor("user.purchase"), "ev.user.purchase");
    EXPECT_EQ(settings.topicFor("cart add/remove#1"), "ev.cart_add_remove_1");
    settings.topicTemplate = "{event_type_id}";
    EXPECT_EQ(settings.topicFor(std::string(300, 'a')).size(), 249u);
}

TEST(KafkaSettings, StaticHeadersKeepTheirOrder) {
    SinkConfig config = kafkaConfig();
    config.options.entries.emplace_back("headers", mapOf({{"source", "streamgen"}, {"env", "ci"}}));
    KafkaSettings settings;
    std::string error;
    ASSERT_TRUE(readKafkaSettings(config, settings, error)) << error;
    ASSERT_EQ(settings.headers.size(), 2u);
    EXPECT_EQ(settings.headers[0], (std::pair<std::string, std::string>{"source", "streamgen"}));
    EXPECT_EQ(settings.headers[1].first, "env");
}

TEST(KafkaSettings, MissingBootstrapOrTopicNamesTheKey) {
    SinkConfig config;
    config.type = "kafka";
    config.options.set("topic", "t");
    KafkaSettings settings;
    std::string error;
    EXPECT_FALSE(readKafkaSettings(config, settings, error));
    EXPECT_NE(error.find("sink_config.bootstrap_servers"), std::string::npos) << error;
    config.options = mapOf({{"bootstrap_servers", "b:9092"}});
    EXPECT_FALSE(readKafkaSettings(config, settings, error));
    EXPECT_NE(error.find("sink_config.topic"), std::string::npos) << error;
}

TEST(KafkaSettings, SecretsInPropertiesResolveFromTheEnvironment) {
    ::setenv("STREAMGEN_SECRET_kafka_password", "s3cret", 1);
    SinkConfig config = kafkaConfig();
    config.options.entries.emplace_back("properties",
                                        mapOf({{"sasl.password", "{{secrets/kafka/password}}"}}));
    KafkaSettings settings;
    std::string error;
    ASSERT_TRUE(readKafkaSettings(config, settings, error)) << error;
    EXPECT_EQ(settings.property("sasl.password"), "s3cret");
    ::unsetenv("STREAMGEN_SECRET_kafka_password");
    EXPECT_FALSE(readKafkaSettings(config, settings, error));
    EXPECT_NE(error.find("STREAMGEN_SECRET_kafka_password"), std::string::npos) << error;
}

TEST(EventHubsSettings, ConfiguresTheKafkaEndpointWithTheConnectionString) {
    ::setenv("EH_CONNECTION", "Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKey=k", 1);
    SinkConfig config;
    config.type = "eventhubs";
    config.options.set("namespace", "demo");
    config.options.set("event_hub", "clicks");
    config.options.set("connection_string", "${EH_CONNECTION}");
    KafkaSettings settings;
    std::string error;
    ASSERT_TRUE(readEventHubsSettings(config, settings, error)) << error;
    EXPECT_EQ(settings.bootstrapServers, "demo.servicebus.windows.net:9093");
    EXPECT_EQ(settings.property("bootstrap.servers"), "demo.servicebus.windows.net:9093");
    EXPECT_EQ(settings.property("security.protocol"), "SASL_SSL");
    EXPECT_EQ(settings.property("sasl.mechanism"), "PLAIN");
    EXPECT_EQ(settings.property("sasl.username"), "$ConnectionString");
    EXPECT_EQ(settings.property("sasl.password"),
              "Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKey=k");
    EXPECT_EQ(settings.property("enable.idempotence"), "false");
    EXPECT_EQ(settings.topicFor("any"), "clicks");
    // The config keeps the reference, never the value.
    EXPECT_EQ(config.options.find("connection_string")->scalar, "${EH_CONNECTION}");
}

TEST(EventHubsSettings, FullHostNamesAreKeptAndUserPropertiesStillWin) {
    ::setenv("EH_CONNECTION", "x", 1);
    SinkConfig config;
    config.type = "eventhubs";
    config.options.set("namespace", "demo.servicebus.chinacloudapi.cn");
    config.options.set("event_hub", "clicks");
    config.options.set("connection_string", "${EH_CONNECTION}");
    config.options.entries.emplace_back("properties", mapOf({{"linger.ms", "50"}}));
    KafkaSettings settings;
    std::string error;
    ASSERT_TRUE(readEventHubsSettings(config, settings, error)) << error;
    EXPECT_EQ(settings.bootstrapServers, "demo.servicebus.chinacloudapi.cn:9093");
    EXPECT_EQ(settings.property("linger.ms"), "50");
}

TEST(KafkaSink, FactoryBuildsKafkaAndEventHubsSinks) {
    const SinkCreation kafka = createSink(kafkaConfig());
    ASSERT_TRUE(kafka.sink) << kafka.error;
    EXPECT_EQ(kafka.sink->describe(), "kafka:127.0.0.1:9092/events");
    EXPECT_TRUE(kafka.sink->reportsDeliveryAsync());
}

TEST(KafkaSink, UnknownLibrdkafkaPropertyFailsTheStartNamingIt) {
    SinkConfig config = kafkaConfig();
    config.options.entries.emplace_back("properties", mapOf({{"no.such.property", "1"}}));
    SinkCreation created = createSink(config);
    ASSERT_TRUE(created.sink) << created.error;
    SinkContext context;
    context.eventTypeIds = {"a"};
    try {
        created.sink->open(context);
        FAIL() << "expected a SinkError";
    } catch (const SinkError& error) {
        EXPECT_NE(std::string(error.what()).find("no.such.property"), std::string::npos)
            << error.what();
    }
}
