#include "test_support.h"

#include <chrono>
#include <fstream>
#include <gtest/gtest.h>

namespace streamgen {
namespace {

using test::findError;
using test::render;

constexpr const char* kMinimal = "event_types:\n  - event_type_id: \"a\"\n";

TEST(LoaderTest, EveryShippedExampleLoadsWithoutDiagnostics) {
    const auto files = test::exampleFiles();
    ASSERT_GE(files.size(), 10u);
    for (const auto& file : files) {
        const LoadResult result = loadConfigFile(file.string());
        EXPECT_TRUE(result.diagnostics.empty()) << file << "\n" << render(result.diagnostics);
        EXPECT_FALSE(result.config.eventTypes.empty()) << file;
    }
}

TEST(LoaderTest, QuickstartKeepsWeightsRangesAndSinkOptionsAsWritten) {
    const LoadResult result =
        loadConfigFile(test::sourcePath("resources/examples/quickstart.yaml"));
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    const Config& c = result.config;
    ASSERT_EQ(c.commonFields.size(), 1u);
    EXPECT_EQ(c.commonFields[0].type, FieldType::Int);
    EXPECT_EQ(c.commonFields[0].intMin, 1);
    EXPECT_EQ(c.commonFields[0].intMax, 1000000);
    ASSERT_EQ(c.eventTypes.size(), 3u);
    EXPECT_EQ(c.eventTypes[1].id, "user.purchase");
    EXPECT_DOUBLE_EQ(c.eventTypes[1].weight, 0.30);
    EXPECT_DOUBLE_EQ(c.eventTypes[1].fields[1].floatMax, 999.99);
    EXPECT_EQ(c.eventTypes[0].fields[1].weights, (std::vector<double>{0.4, 0.4, 0.2}));
    EXPECT_DOUBLE_EQ(c.totalRowsPerSecond, 1000.0);
    EXPECT_EQ(c.sink.type, "kinesis");
    ASSERT_NE(c.sink.options.find("aws_access_key_id"), nullptr);
    EXPECT_EQ(c.sink.options.find("aws_access_key_id")->scalar, "{{secrets/my-scope/aws-key}}");
    EXPECT_EQ(c.sink.options.find("auto_shard_calculation")->scalar, "true");
    EXPECT_EQ(c.sink.options.entries.front().first, "stream_name");
}

TEST(LoaderTest, ReleaseUseCasesWithoutFieldsGetDefaults) {
    const LoadResult result =
        loadConfigFile(test::sourcePath("resources/examples/web-analytics.yaml"));
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    EXPECT_EQ(result.config.eventTypes.size(), 3u);
    EXPECT_TRUE(result.config.eventTypes[0].fields.empty());
    EXPECT_EQ(result.config.sink.type, "stdout");
    EXPECT_EQ(result.config.generationMode, GenerationMode::Streaming);
}

TEST(LoaderTest, StreamGenFeaturesReadEveryFieldOption) {
    const LoadResult result =
        loadConfigFile(test::sourcePath("resources/examples/streamgen-features.yaml"));
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    const Config& c = result.config;
    EXPECT_EQ(c.seed, 42u);
    EXPECT_EQ(c.commonFields[2].timestampMode, TimestampMode::Sequence);
    EXPECT_EQ(c.commonFields[2].beginMs, 1704067200000);
    EXPECT_EQ(c.commonFields[2].intervalMs, 250);
    const auto& order = c.eventTypes[0].fields;
    EXPECT_EQ(order[2].precision, 2);
    EXPECT_DOUBLE_EQ(order[3].nullRatio, 0.7);
    EXPECT_DOUBLE_EQ(order[4].trueRatio, 0.1);
    ASSERT_TRUE(order[5].dateRange.has_value());
    EXPECT_EQ(order[5].dateRange->first, 19724); // 2024-01-02
    const auto& shipped = c.eventTypes[1].fields[1];
    EXPECT_EQ(shipped.timestampMode, TimestampMode::Random);
    EXPECT_EQ(shipped.endMs, 1711929599999);
    EXPECT_FALSE(c.eventTypes[3].enabled);
    EXPECT_NEAR(c.shareOf(0), 0.5, 1e-12);
}

TEST(LoaderTest, MissingOptionsTakeDocumentedDefaults) {
    const LoadResult result =
        loadConfigString(std::string(kMinimal) + "    fields:\n"
                                                 "      n: {type: int}\n"
                                                 "      x: {type: float}\n"
                                                 "      t: {type: timestamp, mode: sequence}\n");
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    const auto& f = result.config.eventTypes[0].fields;
    EXPECT_EQ(f[0].intMin, 0);
    EXPECT_EQ(f[0].intMax, 1000000);
    EXPECT_EQ(f[1].floatMax, 1.0);
    EXPECT_EQ(f[2].beginMs, 1704067200000);
    EXPECT_DOUBLE_EQ(result.config.eventTypes[0].weight, 1.0);
}

TEST(LoaderTest, TypeAliasesAndNumericValuesAreAccepted) {
    const LoadResult result = loadConfigString(std::string(kMinimal) +
                                               "    fields:\n"
                                               "      n: {type: integer}\n"
                                               "      code: {type: str, values: [1, 2.5, yes]}\n");
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    EXPECT_EQ(result.config.eventTypes[0].fields[0].type, FieldType::Int);
    EXPECT_EQ(result.config.eventTypes[0].fields[1].values,
              (std::vector<std::string>{"1", "2.5", "yes"}));
}

TEST(LoaderTest, UnknownKeysAreWarningsWithSuggestions) {
    const LoadResult result = loadConfigString("evnt_types: []\n" + std::string(kMinimal) +
                                               "    wieght: 2\n"
                                               "    fields:\n"
                                               "      n: {type: int, colour: red}\n");
    EXPECT_TRUE(result.ok()) << render(result.diagnostics);
    ASSERT_EQ(result.diagnostics.size(), 3u) << render(result.diagnostics);
    EXPECT_EQ(result.diagnostics[0].format("c.yaml"),
              "c.yaml:1:1: warning: unknown key `evnt_types` is ignored; did you mean "
              "`event_types`?");
    EXPECT_NE(result.diagnostics[1].message.find("did you mean `weight`?"), std::string::npos);
    EXPECT_EQ(result.diagnostics[2].path, "event_types[0].fields.n.colour");
}

TEST(LoaderTest, TimestampsTakeDbldatagensBeginAndIntervalStrings) {
    const LoadResult result = loadConfigString(
        std::string(kMinimal) + "    fields:\n"
                                "      a: {type: timestamp, begin: \"2024-01-01\", interval: \"1 second\"}\n"
                                "      b: {type: timestamp, begin: \"2024-01-01 06:00:00\", "
                                "interval: \"days=1,hours=1\"}\n"
                                "      c: {type: timestamp, begin: \"2024-01-01\", end: \"2024-02-01\"}\n"
                                "      d: {type: timestamp, mode: sequence, interval: \"INTERVAL 60 SECONDS\"}\n"
                                "      e: {type: timestamp, mode: sequence, interval: \"500 milliseconds\"}\n");
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    const auto& fields = result.config.eventTypes[0].fields;
    EXPECT_EQ(fields[0].timestampMode, TimestampMode::Sequence);
    EXPECT_EQ(fields[0].beginMs, 1'704'067'200'000);
    EXPECT_EQ(fields[0].intervalMs, 1000);
    EXPECT_EQ(fields[1].beginMs, 1'704'067'200'000 + 6 * 3'600'000);
    EXPECT_EQ(fields[1].intervalMs, 25 * 3'600'000);
    EXPECT_EQ(fields[2].timestampMode, TimestampMode::Random);
    EXPECT_EQ(fields[3].intervalMs, 60'000);
    EXPECT_EQ(fields[4].intervalMs, 500);
}

TEST(LoaderTest, AnIntervalThatDoesNotReadIsALocatedError) {
    const LoadResult result = loadConfigString(
        std::string(kMinimal) + "    fields:\n      t: {type: timestamp, interval: \"2 fortnights\"}\n");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.diagnostics.size(), 1u) << render(result.diagnostics);
    EXPECT_EQ(result.diagnostics[0].format("c.yaml"),
              "c.yaml:4:38: error: cannot read `2 fortnights` as a duration; expected e.g. "
              "\"1 second\", \"500 milliseconds\" or \"days=1,hours=1\"");
}

TEST(LoaderTest, OptionsOfAnotherTypeAreWarnedAboutAndIgnored) {
    const LoadResult result = loadConfigString(std::string(kMinimal) +
                                               "    fields:\n      n: {type: int, values: [a]}\n");
    EXPECT_TRUE(result.ok());
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].message,
              "`values` does not apply to int fields and is ignored");
}

TEST(LoaderTest, ReportsEveryProblemNotJustTheFirst) {
    const LoadResult result = loadConfigString("event_types:\n"
                                               "  - event_type_id: a\n"
                                               "    weight: abc\n"
                                               "    fields:\n"
                                               "      n: {type: int, range: [5, 1]}\n"
                                               "      s: {type: strng}\n"
                                               "  - event_type_id: a\n"
                                               "generation_mode: fast\n");
    EXPECT_EQ(test::errorCount(result.diagnostics), 5u) << render(result.diagnostics);
    const Diagnostic* range = findError(result.diagnostics, "inverted range");
    ASSERT_NE(range, nullptr);
    EXPECT_EQ(range->path, "event_types[0].fields.n.range");
    EXPECT_EQ(range->format("f.yaml"),
              "f.yaml:5:29: error: inverted range: min 5 is greater than max 1");
}

TEST(LoaderTest, WrongShapesAreErrorsNotCrashes) {
    const char* const cases[] = {
        "event_types: 5\n",
        "event_types: [[1, 2]]\n",
        "common_fields: [a]\nevent_types: [{event_type_id: a}]\n",
        "event_types: [{event_type_id: [x]}]\n",
        "event_types: [{event_type_id: a, fields: {f: 5}}]\n",
        "event_types: [{event_type_id: a, fields: {f: {type: {x: 1}}}}]\n",
        "event_types: [{event_type_id: a}]\nstreaming_config: 5\n",
        "event_types: [{event_type_id: a}]\nsink_config: [kafka]\n",
        "event_types: [{event_type_id: a}]\n? [complex, key]\n: value\n",
        "event_types: [{event_type_id: a, fields: {f: {type: int, range: [1, 2, 3]}}}]\n",
        "event_types: [{event_type_id: a, fields: {f: {type: string, values: [[a]]}}}]\n",
        "event_types: [{event_type_id: a, fields: {f: {type: string, values: [a], "
        "weights: [x]}}}]\n",
    };
    for (const char* text : cases) {
        const LoadResult result = loadConfigString(text);
        EXPECT_FALSE(result.ok()) << text;
        for (const auto& d : result.diagnostics) {
            EXPECT_TRUE(d.location.known()) << text << d.message;
        }
    }
}

TEST(LoaderTest, IntegersOutsideInt64NameTheAllowedRange) {
    const LoadResult result =
        loadConfigString(std::string(kMinimal) +
                         "    fields:\n      n: {type: long, range: [-9223372036854775809, 0]}\n");
    const Diagnostic* d = findError(result.diagnostics, "expected an integer between "
                                                        "-9223372036854775808 and "
                                                        "9223372036854775807");
    ASSERT_NE(d, nullptr) << render(result.diagnostics);
    EXPECT_EQ(d->path, "event_types[0].fields.n.range[0]");
}

TEST(LoaderTest, Int64ExtremesAreAccepted) {
    const LoadResult result = loadConfigString(
        std::string(kMinimal) +
        "    fields:\n      n: {type: long, range: [-9223372036854775808, 9223372036854775807]}\n");
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    EXPECT_EQ(result.config.eventTypes[0].fields[0].intMin, INT64_MIN);
    EXPECT_EQ(result.config.eventTypes[0].fields[0].intMax, INT64_MAX);
}

TEST(LoaderTest, SyntaxErrorsCarryTheParserPosition) {
    const LoadResult result = loadConfigString("event_types:\n  - a: [1, 2\n  - b: 3\n");
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.diagnostics[0].message.find("invalid YAML"), std::string::npos);
    EXPECT_TRUE(result.diagnostics[0].location.known());
}

TEST(LoaderTest, MissingFileAndDirectoryAreReportedWithoutPosition) {
    const LoadResult missing = loadConfigFile("/nonexistent/streamgen.yaml");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.diagnostics[0].format("x.yaml"),
              "x.yaml: error: cannot read config: no such file");
    const LoadResult directory = loadConfigFile(test::sourcePath("resources").string());
    ASSERT_FALSE(directory.ok());
    EXPECT_NE(directory.diagnostics[0].message.find("directory"), std::string::npos);
}

TEST(LoaderTest, OversizedFileIsRejectedBeforeReading) {
    const auto path = std::filesystem::temp_directory_path() / "streamgen-model-huge.yaml";
    { std::ofstream out(path); }
    std::filesystem::resize_file(path, 100u * 1024u * 1024u); // sparse: costs no disk
    const auto start = std::chrono::steady_clock::now();
    const LoadResult result = loadConfigFile(path.string());
    const auto elapsed = std::chrono::steady_clock::now() - start;
    std::filesystem::remove(path);
    EXPECT_LT(elapsed, std::chrono::milliseconds(500));
    ASSERT_NE(findError(result.diagnostics, "config is too large: 104857600 bytes"), nullptr);
}

TEST(LoaderTest, OversizedStringRespectsTheLimit) {
    LoadOptions options;
    options.maxFileBytes = 16;
    const LoadResult result = loadConfigString(kMinimal, options);
    EXPECT_NE(findError(result.diagnostics, "the limit is 16 bytes"), nullptr);
}

TEST(LoaderTest, DeepNestingOfEveryKindIsRefusedQuickly) {
    const std::string flow = std::string(20000, '[') + std::string(20000, ']');
    std::string inlineSeq;
    for (int i = 0; i < 20000; ++i) {
        inlineSeq += "- ";
    }
    std::string seqIndent, mapIndent;
    for (int i = 0; i < 5000; ++i) {
        seqIndent += std::string(static_cast<std::size_t>(i), ' ') + "-\n";
        mapIndent += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
    }
    for (const std::string& text : {flow, inlineSeq, seqIndent, mapIndent}) {
        const auto start = std::chrono::steady_clock::now();
        const LoadResult result = loadConfigString(text + "x\n");
        EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
        EXPECT_NE(findError(result.diagnostics, "nesting deeper than 64 levels"), nullptr)
            << render(result.diagnostics);
    }
}

TEST(LoaderTest, ParserDepthLimitIsCaughtWhenThePreScanAllowsMore) {
    LoadOptions options;
    options.maxDepth = 100000;
    const std::string flow = std::string(20000, '[') + std::string(20000, ']');
    const LoadResult result = loadConfigString(flow, options);
    EXPECT_FALSE(result.ok());
}

TEST(LoaderTest, AliasBombIsStoppedByTheNodeLimit) {
    std::string text = "event_types: [{event_type_id: a}]\nsink_config:\n  type: x\n"
                       "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        text += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int j = 0; j < 10; ++j) {
            text += (j ? ", *a" : "*a") + std::to_string(i - 1);
        }
        text += "]\n";
    }
    const auto start = std::chrono::steady_clock::now();
    const LoadResult result = loadConfigString(text);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_NE(findError(result.diagnostics, "sink_config expands to more than 10000 nodes"),
              nullptr)
        << render(result.diagnostics);
}

TEST(LoaderTest, AliasesAreCountedInTheFixedSchemaToo) {
    LoadOptions options;
    options.maxNodes = 500;
    const std::string text = "v: &v [a, b, c, d, e, f, g, h, i, j]\n"
                             "f: &f {type: string, values: *v}\n"
                             "e: &e {event_type_id: x, fields: {a: *f, b: *f, c: *f, d: *f}}\n"
                             "event_types: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, "
                             "*e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
    const LoadResult result = loadConfigString(text, options);
    EXPECT_NE(findError(result.diagnostics, "document expands to more than 500 nodes"), nullptr)
        << render(result.diagnostics);
}

TEST(LoaderTest, BinaryInputIsNotParsed) {
    const LoadResult nul = loadConfigString(std::string("event_types:\0\n", 14));
    EXPECT_NE(findError(nul.diagnostics, "not a text file: binary data at 1:13"), nullptr)
        << render(nul.diagnostics);
    const LoadResult utf8 = loadConfigString("a: b\nc: \xc3\x28\n");
    EXPECT_NE(findError(utf8.diagnostics, "binary data at 2:4"), nullptr);
}

TEST(LoaderTest, UnicodeTextIsValid) {
    const LoadResult result = loadConfigString(
        std::string(kMinimal) +
        "    fields:\n      city: {type: string, values: [\"Zürich\", \"東京\"]}\n");
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    EXPECT_EQ(result.config.eventTypes[0].fields[0].values[1], "東京");
}

TEST(LoaderTest, EmptyAndNonMappingDocumentsAreExplained) {
    EXPECT_EQ(loadConfigString("").diagnostics.at(0).format("f"),
              "f:1:1: error: config is empty; expected a mapping with `event_types`");
    EXPECT_NE(findError(loadConfigString("- 1\n").diagnostics, "found a list"), nullptr);
}

TEST(OverrideTest, SetsExistingAndCreatesMissingKeys) {
    LoadOptions options;
    options.overrides = {"sink_config.topic=events", "event_types[0].weight=2.5",
                         "streaming_config.total_rows_per_second=0", "seed=7",
                         "sink_config.brokers=[a, b]"};
    const LoadResult result =
        loadConfigString(std::string(kMinimal) + "sink_config:\n  type: kafka\n", options);
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    EXPECT_EQ(result.config.sink.options.find("topic")->scalar, "events");
    EXPECT_EQ(result.config.sink.options.find("brokers")->items.size(), 2u);
    EXPECT_DOUBLE_EQ(result.config.eventTypes[0].weight, 2.5);
    EXPECT_EQ(result.config.totalRowsPerSecond, 0.0);
    EXPECT_EQ(result.config.seed, 7u);
}

TEST(OverrideTest, QuotedKeysMayContainDots) {
    LoadOptions options;
    options.overrides = {"sink_config.properties.\"message.timeout.ms\"=3000"};
    const LoadResult result =
        loadConfigString(std::string(kMinimal) + "sink_config:\n  type: kafka\n", options);
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    const OptionNode* properties = result.config.sink.options.find("properties");
    ASSERT_NE(properties, nullptr);
    ASSERT_NE(properties->find("message.timeout.ms"), nullptr);
    EXPECT_EQ(properties->find("message.timeout.ms")->scalar, "3000");
}

TEST(OverrideTest, CanReplaceANestedFieldOption) {
    LoadOptions options;
    options.overrides = {"event_types[0].fields.n.range=[3, 4]"};
    const LoadResult result = loadConfigString(
        std::string(kMinimal) + "    fields:\n      n: {type: int, range: [1, 2]}\n", options);
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    EXPECT_EQ(result.config.eventTypes[0].fields[0].intMax, 4);
}

TEST(OverrideTest, BadPathsAreErrorsNamingTheOverride) {
    const std::pair<const char*, const char*> cases[] = {
        {"event_types[3].weight=1", "index 3 is out of range (`event_types` has 1 items)"},
        {"event_types.weight=1", "`event_types` is not a mapping"},
        {"seed", "expected `dotted.key=value`"},
        {"a..b=1", "expected `dotted.key=value`"},
        {"sink_config.\"unclosed=1", "expected `dotted.key=value`"},
        {"event_types[x]=1", "expected `dotted.key=value`"},
        {"sink_config.type=[unclosed", "the value is not valid YAML"},
    };
    for (const auto& [spec, message] : cases) {
        LoadOptions options;
        options.overrides = {spec};
        const LoadResult result = loadConfigString(kMinimal, options);
        const Diagnostic* d = findError(result.diagnostics, message);
        ASSERT_NE(d, nullptr) << spec << "\n" << render(result.diagnostics);
        EXPECT_NE(d->message.find(std::string("override `") + spec + "`"), std::string::npos);
    }
}

TEST(OverrideTest, OverriddenValuesAreValidatedLikeTheFile) {
    LoadOptions options;
    options.overrides = {"event_types[0].weight=-1"};
    const LoadResult result = loadConfigString(kMinimal, options);
    EXPECT_NE(findError(result.diagnostics, "weight must be a finite number >= 0"), nullptr);
}

TEST(LoaderTest, SmartFieldsGiveOpenStringsTheKindTheirNamesSay) {
    const LoadResult result = loadConfigString(std::string(kMinimal) +
                                               "    fields:\n"
                                               "      customer_id: {type: int}\n"
                                               "      order_id: {type: int, range: [5, 9]}\n"
                                               "      customer_name: {type: string}\n"
                                               "      email_address: {type: string}\n"
                                               "      billing_address: {type: string}\n"
                                               "      zip: {type: string}\n"
                                               "      segment: {type: string}\n"
                                               "      tier: {type: string, values: [a, b]}\n"
                                               "smart_fields: true\n");
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    const auto& fields = result.config.eventTypes[0].fields;
    EXPECT_TRUE(fields[0].sequence);
    EXPECT_EQ(fields[0].intMin, 1);
    EXPECT_FALSE(fields[1].sequence) << "a key with a range keeps it";
    EXPECT_EQ(fields[2].type, FieldType::FullName);
    EXPECT_EQ(fields[3].type, FieldType::Email);
    EXPECT_EQ(fields[4].type, FieldType::StreetAddress);
    EXPECT_EQ(fields[5].type, FieldType::Zip);
    EXPECT_EQ(fields[6].type, FieldType::Word);
    EXPECT_EQ(fields[7].type, FieldType::String);
}

TEST(LoaderTest, WithoutSmartFieldsAStringNeedsValues) {
    const LoadResult result = loadConfigString(std::string(kMinimal) +
                                               "    fields:\n"
                                               "      customer_name: {type: string}\n");
    EXPECT_NE(findError(result.diagnostics, "values"), nullptr) << render(result.diagnostics);
}

TEST(LoaderTest, LatenessMapSetsTheLateOptions) {
    const LoadResult result = loadConfigString(std::string(kMinimal) +
                                               "    fields:\n"
                                               "      at:\n"
                                               "        type: timestamp\n"
                                               "        begin: \"2024-01-01T00:00:00Z\"\n"
                                               "        lateness: {ratio: 0.1, max: \"5 minutes\",\n"
                                               "                   distribution: exponential,\n"
                                               "                   maximum: 3}\n");
    const FieldSpec& at = result.config.eventTypes[0].fields[0];
    EXPECT_EQ(at.timestampMode, TimestampMode::Sequence);
    EXPECT_DOUBLE_EQ(at.lateRatio, 0.1);
    EXPECT_EQ(at.lateMaxMs, 300'000);
    EXPECT_EQ(at.lateDistribution, "exponential");
    ASSERT_EQ(result.diagnostics.size(), 1U) << render(result.diagnostics);
    EXPECT_EQ(result.diagnostics[0].location.line, 9);
    EXPECT_NE(result.diagnostics[0].message.find("`maximum`"), std::string::npos);
}

TEST(LoaderTest, NumColumnsMakesThatManyFieldsNamedByIndex) {
    const LoadResult result = loadConfigString(std::string(kMinimal) +
                                               "    fields:\n"
                                               "      r: {type: double, numColumns: 3}\n"
                                               "      k: {type: int, num_columns: 1}\n");
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    std::vector<std::string> names;
    for (const FieldSpec& field : result.config.eventTypes[0].fields) {
        names.push_back(field.name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"r_0", "r_1", "r_2", "k"}));
}

} // namespace
} // namespace streamgen
