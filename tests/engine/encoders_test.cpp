#include "engine/encoders/encoders.h"
#include "engine/encoders/format.h"
#include "engine/preview.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>

namespace streamgen {
namespace {

using test::compileOrDie;
using test::intField;
using test::simpleField;
using test::stringField;

Config withFormat(Config config, const std::string& format) {
    config.serializationFormat = format;
    return config;
}

Diagnostics problemsOf(const Config& config) {
    Diagnostics diagnostics;
    EXPECT_EQ(Plan::compile(config, diagnostics), nullptr);
    return diagnostics;
}

std::string rendered(const Plan& plan, uint64_t sequence, uint32_t type) {
    EventBatch batch;
    plan.render(sequence, type, batch);
    return std::string(batch.payload(0));
}

/// Two types whose fields stand in different orders, so that the union of columns is not the
/// order of either.
Config crossedConfig() {
    Config config = test::singleTypeConfig({intField("a", 1, 1), intField("b", 2, 2)});
    EventType other = test::eventType("other", 1.0);
    other.fields = {intField("c", 3, 3), intField("b", 2, 2), stringField("s", {"x,y", "q\"q"})};
    config.eventTypes.push_back(other);
    return config;
}

TEST(Formats, AreListedOnceInOfferOrder) {
    EXPECT_EQ(formatNames(), (std::vector<std::string>{"json", "csv", "avro", "protobuf"}));
    EXPECT_EQ(parseFormat("AVRO"), Format::Avro);
    EXPECT_EQ(parseFormat("binary"), std::nullopt);
    EXPECT_STREQ(formatInfo(Format::Protobuf).extension, "pb");
}

TEST(CsvFormat, HeaderIsTheUnionOfColumnsInFirstAppearanceOrder) {
    const auto plan = compileOrDie(withFormat(crossedConfig(), "csv"));
    EXPECT_EQ(plan->schema(), "event_type_id,a,b,c,s\n");
}

TEST(CsvFormat, RowsFillTheirOwnColumnsAndQuoteOnlyWhatNeedsIt) {
    const auto plan = compileOrDie(withFormat(crossedConfig(), "csv"));
    EXPECT_EQ(rendered(*plan, 0, 0), "only,1,2,,");
    std::set<std::string> rows;
    for (uint64_t k = 0; k < 50; ++k) {
        rows.insert(rendered(*plan, k, 1));
    }
    EXPECT_EQ(rows, (std::set<std::string>{"other,,2,3,\"x,y\"", "other,,2,3,\"q\"\"q\""}));
}

TEST(CsvFormat, DelimiterComesFromFormatOptions) {
    Config config = withFormat(crossedConfig(), "csv");
    config.formatOptions.set("delimiter", ";");
    const auto plan = compileOrDie(config);
    EXPECT_EQ(plan->schema(), "event_type_id;a;b;c;s\n");
    std::set<std::string> rows;
    for (uint64_t k = 0; k < 50; ++k) {
        rows.insert(rendered(*plan, k, 1));
    }
    EXPECT_EQ(rows, (std::set<std::string>{"other;;2;3;x,y", "other;;2;3;\"q\"\"q\""}));
}

TEST(CsvFormat, UnusableDelimiterIsALocatedError) {
    Config config = withFormat(crossedConfig(), "csv");
    config.formatOptions.set("delimiter", "::");
    config.formatOptions.find("delimiter")->location = {4, 14};
    const Diagnostics problems = problemsOf(config);
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_EQ(problems[0].location, (SourceLocation{4, 14}));
    EXPECT_EQ(problems[0].path, "format_options.delimiter");
}

TEST(CsvFormat, NullIsAnEmptyCell) {
    FieldSpec maybe = intField("n", 7, 7);
    maybe.nullRatio = 1.0;
    const auto plan = compileOrDie(withFormat(test::singleTypeConfig({maybe, intField("m", 1, 1)}), "csv"));
    EXPECT_EQ(rendered(*plan, 3, 0), "only,,1");
}

TEST(AvroFormat, SchemaHasARecordPerTypeWithNullableUnionsAndLogicalTypes) {
    FieldSpec wide = intField("wide", 0, 1LL << 40);
    FieldSpec maybe = simpleField("at", FieldType::Timestamp);
    maybe.nullRatio = 0.5;
    Config config = withFormat(test::singleTypeConfig({wide, maybe, simpleField("id", FieldType::Uuid)}), "avro");
    const auto plan = compileOrDie(config);
    const auto schema = nlohmann::json::parse(plan->schema());
    ASSERT_TRUE(schema.is_array());
    const auto& record = schema.at(0);
    EXPECT_EQ(record["name"], "only");
    EXPECT_EQ(record["namespace"], "streamgen");
    EXPECT_EQ(record["fields"][0]["name"], "event_type_id");
    EXPECT_EQ(record["fields"][1]["type"], "long");
    EXPECT_EQ(record["fields"][2]["type"][0], "null");
    EXPECT_EQ(record["fields"][2]["type"][1]["logicalType"], "timestamp-millis");
    EXPECT_EQ(record["fields"][3]["type"]["logicalType"], "uuid");
    EXPECT_EQ(plan->recordName(0), "streamgen.only");
}

TEST(AvroFormat, BodyIsTheRecordInBinaryEncoding) {
    FieldSpec maybe = intField("m", -3, -3);
    maybe.nullRatio = 1.0;
    const auto plan = compileOrDie(
        withFormat(test::singleTypeConfig({intField("n", -3, -3), maybe, stringField("s", {"hé"})}), "avro"));
    // "only" (length 4 -> 8), -3 -> zigzag 5, null branch 0, "hé" (3 bytes -> 6).
    EXPECT_EQ(rendered(*plan, 0, 0), std::string("\x08only\x05\x00\x06h\xc3\xa9", 11));
}

TEST(AvroFormat, FieldNamesAvroCannotExpressAreLocatedErrors) {
    FieldSpec dashed = intField("user-id", 1, 2);
    dashed.location = {9, 7};
    const Diagnostics problems =
        problemsOf(withFormat(test::singleTypeConfig({dashed, intField("event_type_id", 1, 2)}), "avro"));
    ASSERT_EQ(problems.size(), 2U);
    EXPECT_EQ(problems[0].location, (SourceLocation{9, 7}));
    EXPECT_EQ(problems[0].path, "event_types[0].fields.user-id");
    EXPECT_NE(problems[0].message.find("`user_id`"), std::string::npos);
    EXPECT_NE(problems[1].message.find("event_type_id"), std::string::npos);
}

TEST(AvroFormat, TypesThatBecomeTheSameRecordAreRefused) {
    Config config = test::singleTypeConfig({intField("n", 1, 2)});
    config.eventTypes[0].id = "a.b";
    EventType twin = test::eventType("a_b", 1.0);
    config.eventTypes.push_back(twin);
    const Diagnostics problems = problemsOf(withFormat(config, "avro"));
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_EQ(problems[0].path, "event_types[1].event_type_id");
}

TEST(AvroFormat, ContainerFramesBatchesAsDeflatedBlocks) {
    const auto plan = compileOrDie(withFormat(test::quickStartConfig(), "avro"));
    const auto framer = plan->makeFramer();
    std::string file;
    framer->begin(file);
    ASSERT_EQ(file.substr(0, 4), std::string("Obj\x01", 4));
    EXPECT_NE(file.find("avro.codec"), std::string::npos);
    EXPECT_NE(file.find("deflate"), std::string::npos);
    const std::string sync = file.substr(file.size() - 16);
    EventBatch batch;
    const TypeSelector selector = plan->typeSelector(plan->initialWeights());
    std::vector<uint64_t> counts(3), bytes(3);
    plan->renderBatch(selector, 0, 1, 1000, batch, counts.data(), bytes.data());
    const std::size_t header = file.size();
    framer->append(batch, 0, batch.size(), file);
    EXPECT_EQ(file.substr(header, 2), "\xd0\x0f"); // 1000 events, zigzag varint
    EXPECT_EQ(file.substr(file.size() - 16), sync);
    EXPECT_LT(file.size() - header, batch.data().size()); // deflated
}

TEST(ProtobufFormat, ProtoHasAMessagePerTypeAndAnEnvelope) {
    const auto plan = compileOrDie(withFormat(test::quickStartConfig(), "protobuf"));
    const std::string proto = plan->schema();
    EXPECT_NE(proto.find("syntax = \"proto3\";"), std::string::npos);
    EXPECT_NE(proto.find("message UserSessionStart {\n  string event_type_id = 1;\n"
                         "  optional int32 user_id = 2;\n  optional string session_id = 3;"),
              std::string::npos);
    EXPECT_NE(proto.find("    UserPurchase user_purchase = 2;"), std::string::npos);
}

TEST(ProtobufFormat, BodyIsTheMessageWithNullsLeftOut) {
    FieldSpec maybe = intField("m", 1, 1);
    maybe.nullRatio = 1.0;
    const auto plan = compileOrDie(
        withFormat(test::singleTypeConfig({intField("n", -1, -1), maybe, stringField("s", {"ok"})}), "protobuf"));
    EXPECT_EQ(rendered(*plan, 0, 0),
              std::string("\x0a\x04only\x10\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x22\x02ok", 21));
}

TEST(ProtobufFormat, ATypeNamedLikeTheEnvelopeIsRefused) {
    Config config = test::singleTypeConfig({intField("n", 1, 2)});
    config.eventTypes[0].id = "event";
    const Diagnostics problems = problemsOf(withFormat(config, "protobuf"));
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems[0].message.find("`Event`"), std::string::npos);
}

TEST(BinaryFormats, PayloadsCarryNoLineTerminator) {
    for (const std::string format : {"avro", "protobuf"}) {
        const auto plan = compileOrDie(withFormat(test::quickStartConfig(), format));
        EventBatch batch;
        plan->render(0, 0, batch);
        plan->render(1, 1, batch);
        EXPECT_EQ(batch.payload(0).size() + batch.payload(1).size(), batch.data().size()) << format;
    }
}

TEST(PartitionKeys, ComeFromTheTypedValueInEveryFormat) {
    Config config = test::singleTypeConfig({stringField("k", {"tenant \"a\""}), intField("n", 5, 5)});
    config.sink.options.set("partition_key_field", "k");
    for (const std::string& format : formatNames()) {
        const auto plan = compileOrDie(withFormat(config, format));
        EventBatch batch;
        plan->render(0, 0, batch);
        EXPECT_EQ(batch.key(0), "tenant \"a\"") << format;
    }
}

/// Strings that no choice table holds (made per event) are escaped by every encoder itself.
TEST(Encoders, EscapeStringsMadePerEvent) {
    EventLayout layout;
    FieldLayout field;
    field.name = "s";
    field.storage = ValueStorage::String;
    layout.types.push_back({"t", {field}, {}, ""});
    Value value;
    value.type = ValueType::String;
    value.text = "a,\"b\"\nc";
    const std::map<Format, std::string> expected{
        {Format::Json, "{\"event_type_id\":\"t\",\"s\":\"a,\\\"b\\\"\\nc\"}"},
        {Format::Csv, "t,\"a,\"\"b\"\"\nc\""},
        {Format::Avro, std::string("\x02t\x0e") + "a,\"b\"\nc"},
        {Format::Protobuf, std::string("\x0a\x01t\x12\x07") + "a,\"b\"\nc"},
    };
    for (const FormatInfo& info : formats()) {
        Diagnostics problems;
        const AnyEncoder encoder = makeEncoder(info.format, layout, problems);
        ASSERT_TRUE(problems.empty()) << info.name;
        std::string out;
        std::visit(
            [&](const auto& e) {
                const auto& type = e.type(0);
                e.begin(type, out);
                e.field(type, 0, value, out);
                e.end(type, out);
            },
            encoder);
        EXPECT_EQ(out, expected.at(info.format)) << info.name;
    }
}

TEST(Preview, GivesTypedValuesAndTheEncodedPayload) {
    const auto plan = compileOrDie(withFormat(test::quickStartConfig(), "protobuf"));
    const auto rows = previewRows(*plan, 5);
    ASSERT_EQ(rows.size(), 5U);
    const auto json = compileOrDie(test::quickStartConfig());
    const auto jsonRows = previewRows(*json, 5);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(previewJson(*plan, rows[i]), jsonRows[i].payload);
        EXPECT_EQ(rows[i].values.size(), plan->fieldNames(rows[i].type).size());
    }
}

} // namespace
} // namespace streamgen
