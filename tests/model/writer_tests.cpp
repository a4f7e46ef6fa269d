#include "test_support.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <random>

namespace streamgen {
namespace {

using test::render;

/// Saves and loads again; the reloaded config must be free of diagnostics.
Config roundTrip(const Config& config) {
    const std::string text = saveConfigString(config);
    const LoadResult result = loadConfigString(text);
    EXPECT_TRUE(result.diagnostics.empty()) << render(result.diagnostics) << text;
    return result.config;
}

TEST(WriterTest, EveryExampleRoundTripsToAnEqualConfig) {
    for (const auto& file : test::exampleFiles()) {
        const LoadResult original = loadConfigFile(file.string());
        ASSERT_TRUE(original.ok()) << file;
        EXPECT_EQ(roundTrip(original.config), original.config) << file << "\n"
                                                               << saveConfigString(original.config);
    }
}

TEST(WriterTest, WritesDblstreamgenLayoutInOrder) {
    const LoadResult original =
        loadConfigFile(test::sourcePath("resources/examples/quickstart.yaml").string());
    const std::string text = "\n" + saveConfigString(original.config);
    std::size_t last = 0;
    for (const char* key :
         {"common_fields:", "event_types:", "generation_mode:", "streaming_config:",
          "batch_config:", "serialization_format:", "sink_config:", "seed:"}) {
        const std::size_t at = text.find(std::string("\n") + key);
        ASSERT_NE(at, std::string::npos) << key << "\n" << text;
        EXPECT_GT(at + 1, last) << key;
        last = at + 1;
    }
    EXPECT_NE(text.find("aws_access_key_id: \"{{secrets/my-scope/aws-key}}\""), std::string::npos)
        << text;
    EXPECT_NE(text.find("auto_shard_calculation: true"), std::string::npos);
    EXPECT_NE(text.find("range: [0.99, 999.99]"), std::string::npos) << text;
}

TEST(WriterTest, OnlyOptionsOfTheFieldTypeAreWritten) {
    Config config;
    EventType type;
    type.id = "a";
    FieldSpec id;
    id.name = "id";
    id.type = FieldType::Uuid;
    id.values = {"stale"};
    id.precision = 3;
    type.fields.push_back(id);
    config.eventTypes.push_back(type);
    const std::string text = saveConfigString(config);
    EXPECT_EQ(text.find("values"), std::string::npos) << text;
    EXPECT_EQ(text.find("precision"), std::string::npos) << text;
    EXPECT_EQ(text.find("range"), std::string::npos) << text;
}

Config edgeConfig() {
    Config config;
    config.seed = std::numeric_limits<uint64_t>::max();
    config.totalRowsPerSecond = 1e-300;
    config.batchTotalRows = std::numeric_limits<int64_t>::max();
    config.batchPartitions = std::numeric_limits<int>::max();
    config.serializationFormat = "avro";
    config.generationMode = GenerationMode::Batch;
    EventType type;
    type.id = "weird: id # with \"quotes\" and 'single'";
    type.weight = 0.1;
    type.enabled = false;
    FieldSpec n;
    n.name = "n";
    n.type = FieldType::Long;
    n.intMin = std::numeric_limits<int64_t>::min();
    n.intMax = std::numeric_limits<int64_t>::max();
    FieldSpec x;
    x.name = "ünïcödé 名前";
    x.type = FieldType::Double;
    x.floatMin = -1.7976931348623157e308;
    x.floatMax = 5e-324;
    x.precision = 0;
    x.nullRatio = 0.1 + 0.2;
    FieldSpec s;
    s.name = "null";
    s.type = FieldType::String;
    s.values = {"",
                "~",
                "null",
                "true",
                "123",
                "a: b",
                "# not a comment",
                "\"quoted\"",
                "it's",
                "{{secrets/a/b}}",
                "line\nbreak",
                "tab\there",
                "日本語",
                " padded "};
    s.weights = std::vector<double>(s.values.size(), 1.0 / 3.0);
    FieldSpec b;
    b.name = "flag";
    b.type = FieldType::Boolean;
    b.trueRatio = 1.0;
    FieldSpec t;
    t.name = "t";
    t.type = FieldType::Timestamp;
    t.timestampMode = TimestampMode::Random;
    t.beginMs = -62167219200000; // 0000-01-01
    t.endMs = 253402300799999;   // 9999-12-31T23:59:59.999
    FieldSpec d;
    d.name = "d";
    d.type = FieldType::Date;
    d.dateRange = {{-719528, 2932896}};
    type.fields = {n, x, s, b, t, d};
    EventType other;
    other.id = "other";
    other.weight = 1e300;
    config.eventTypes = {type, other};
    config.sink.type = "kafka";
    config.sink.options.set("password", "${KAFKA_PASSWORD}");
    config.sink.options.set("empty", "");
    OptionNode properties;
    properties.kind = OptionNode::Kind::Map;
    properties.set("acks", "all");
    properties.set("linger.ms", "5");
    OptionNode list;
    list.kind = OptionNode::Kind::List;
    list.items = {OptionNode::makeScalar("a"), OptionNode{}, OptionNode::makeScalar("~")};
    properties.entries.emplace_back("brokers", list);
    config.sink.options.entries.emplace_back("properties", properties);
    return config;
}

TEST(WriterTest, EdgeValuesRoundTripExactly) {
    const Config config = edgeConfig();
    EXPECT_EQ(roundTrip(config), config) << saveConfigString(config);
}

Config randomConfig(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<int64_t> anyInt(std::numeric_limits<int64_t>::min(),
                                                  std::numeric_limits<int64_t>::max());
    Config config;
    config.seed = rng();
    config.totalRowsPerSecond = unit(rng) * 1e6;
    const int typeCount = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < typeCount; ++i) {
        EventType type;
        type.id = "type." + std::to_string(i);
        type.weight = unit(rng);
        type.enabled = i == 0 || rng() % 4 != 0;
        for (int k = 0; k < 9; ++k) {
            FieldSpec f;
            f.name = "f" + std::to_string(k);
            f.type = static_cast<FieldType>(k);
            const int64_t a = anyInt(rng), b = anyInt(rng);
            f.intMin = std::min(a, b);
            f.intMax = std::max(a, b);
            f.floatMin = -unit(rng) * std::pow(10.0, static_cast<double>(rng() % 40));
            f.floatMax = unit(rng) / 3.0;
            f.precision =
                rng() % 2 ? std::optional<int>(static_cast<int>(rng() % 16)) : std::nullopt;
            f.values = {"v" + std::to_string(rng() % 100), "w"};
            f.weights =
                rng() % 2 ? std::vector<double>{unit(rng), unit(rng) + 0.1} : std::vector<double>{};
            f.trueRatio = unit(rng);
            f.nullRatio = rng() % 2 ? unit(rng) : 0.0;
            f.timestampMode = static_cast<TimestampMode>(rng() % 3);
            f.beginMs = static_cast<int64_t>(rng() % 4000000000000);
            f.endMs = f.beginMs + static_cast<int64_t>(rng() % 1000000000);
            f.intervalMs = 1 + static_cast<int64_t>(rng() % 100000);
            f.dateRange = std::make_pair(static_cast<int32_t>(rng() % 20000),
                                         static_cast<int32_t>(20000 + rng() % 20000));
            type.fields.push_back(f);
        }
        config.eventTypes.push_back(type);
    }
    return config;
}

TEST(WriterTest, RandomizedConfigsRoundTripExactly) {
    std::mt19937_64 rng(20240101);
    for (int i = 0; i < 200; ++i) {
        const Config config = randomConfig(rng);
        ASSERT_EQ(roundTrip(config), config) << "iteration " << i << "\n"
                                             << saveConfigString(config);
    }
}

TEST(WriterTest, SaveConfigFileWritesWhatSaveConfigStringReturns) {
    const auto path = std::filesystem::temp_directory_path() / "streamgen-writer-test.yaml";
    const Config config = edgeConfig();
    std::string error;
    ASSERT_TRUE(saveConfigFile(config, path.string(), &error)) << error;
    const LoadResult result = loadConfigFile(path.string());
    std::filesystem::remove(path);
    EXPECT_EQ(result.config, config);
    EXPECT_FALSE(saveConfigFile(config, "/nonexistent-dir/x.yaml", &error));
    EXPECT_NE(error.find("/nonexistent-dir/x.yaml"), std::string::npos);
}

} // namespace
} // namespace streamgen
