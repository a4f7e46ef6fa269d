#include "engine/encoders/text_values.h"
#include "engine/plan.h"
#include "model/config_io.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

namespace streamgen {
namespace {

using nlohmann::json;

Config load(const std::string& fields) {
    const LoadResult result = loadConfigString("seed: 11\nevent_types:\n  - event_type_id: e\n"
                                               "    fields:\n" +
                                               fields);
    if (!result.ok()) {
        std::string text;
        for (const Diagnostic& d : result.diagnostics) {
            text += d.format("config") + "\n";
        }
        throw std::runtime_error(text);
    }
    return result.config;
}

std::vector<json> events(const Config& config, uint64_t count) {
    const auto plan = test::compileOrDie(config);
    std::vector<json> out;
    for (const std::string& payload : test::renderRange(*plan, 0, 0, count)) {
        out.push_back(json::parse(payload));
    }
    return out;
}

TEST(NestedValues, ArrayLengthsAreUniformOverTheirRange) {
    const Config config = load("      xs: {type: array, items: int, length: [0, 4]}\n");
    std::map<std::size_t, int> counts;
    constexpr int kEvents = 50000;
    for (const json& event : events(config, kEvents)) {
        ++counts[event["xs"].size()];
    }
    ASSERT_EQ(counts.size(), 5U);
    double chiSquare = 0.0;
    const double expected = kEvents / 5.0;
    for (const auto& [length, count] : counts) {
        chiSquare += (count - expected) * (count - expected) / expected;
    }
    EXPECT_LT(chiSquare, 13.28) << "chi-square, 4 degrees of freedom, p = 0.01";
}

TEST(NestedValues, ItemsDifferFromEachOtherAndFromOtherFieldsItems) {
    const Config config =
        load("      a: {type: array, items: {type: long, range: [0, 1000000000]}, "
             "length: 3}\n"
             "      b: {type: array, items: {type: long, range: [0, 1000000000]}, "
             "length: 3}\n");
    for (const json& event : events(config, 200)) {
        std::set<int64_t> seen;
        for (const json& item : event["a"]) {
            seen.insert(item.get<int64_t>());
        }
        for (const json& item : event["b"]) {
            seen.insert(item.get<int64_t>());
        }
        EXPECT_EQ(seen.size(), 6U) << event.dump();
    }
}

TEST(NestedValues, MapKeysAreDistinctAndFewerWhenTheirValuesRunOut) {
    const Config config = load("      m:\n        type: map\n        length: [5, 5]\n"
                               "        key: {type: string, values: [a, b, c]}\n"
                               "        value: int\n");
    int full = 0;
    constexpr int kEvents = 2000;
    for (const std::string& payload :
         test::renderRange(*test::compileOrDie(config), 0, 0, kEvents)) {
        // Parsed as pairs: a repeated key would be lost in an object.
        std::vector<std::string> keys;
        const std::regex key(R"re("([abc])":)re");
        for (auto it = std::sregex_iterator(payload.begin(), payload.end(), key);
             it != std::sregex_iterator(); ++it) {
            keys.push_back((*it)[1]);
        }
        const std::set<std::string> distinct(keys.begin(), keys.end());
        EXPECT_EQ(distinct.size(), keys.size()) << payload;
        full += keys.size() == 3 ? 1 : 0;
    }
    EXPECT_GT(full, kEvents * 99 / 100);
}

TEST(NestedValues, TextInsideAStructLeavesTheEventsOtherTextsAlone) {
    // Fields computed from others hold every value of the event before writing: the texts of
    // nested values must not reuse their buffers.
    const Config config =
        load("      person:\n        type: struct\n        fields:\n"
             "          first: first_name\n          code: {type: string, template: \"ZZ-dddd\"}\n"
             "      label: {type: string, template: \"L-dddd\"}\n"
             "      tagged: {type: string, expr: \"concat(label, '!')\"}\n");
    const std::regex label(R"(L-\d{4})");
    for (const json& event : events(config, 500)) {
        const std::string text = event["label"].get<std::string>();
        EXPECT_TRUE(std::regex_match(text, label)) << event.dump();
        EXPECT_EQ(event["tagged"], text + "!");
        EXPECT_TRUE(std::regex_match(event["person"]["code"].get<std::string>(),
                                     std::regex(R"(ZZ-\d{4})")));
        EXPECT_FALSE(event["person"]["first"].get<std::string>().empty());
    }
}

TEST(NestedValues, PreviewValuesWriteTheSameJsonAsTheEvent) {
    const Config config = load("      s:\n        type: struct\n        fields:\n"
                               "          n: {type: int, range: [1, 9]}\n"
                               "          w: {type: array, items: word, length: [1, 3]}\n");
    const auto plan = test::compileOrDie(config);
    for (uint64_t k = 0; k < 50; ++k) {
        const std::vector<Value> values = plan->values(k, 0);
        ASSERT_EQ(values.size(), 1U);
        ASSERT_EQ(values[0].type, ValueType::Nested);
        std::string text;
        text::appendPlain(text, values[0]);
        const json event = json::parse(test::renderRange(*plan, 0, k, 1).at(0));
        EXPECT_EQ(json::parse(text), event["s"]);
    }
}

TEST(NestedValues, ExpressionsCannotReadNestedValues) {
    Config config = load("      s: {type: struct, fields: {n: int}}\n"
                         "      t: {type: int, expr: \"s + 1\"}\n");
    Diagnostics diagnostics;
    EXPECT_EQ(Plan::compile(config, diagnostics), nullptr);
    ASSERT_FALSE(diagnostics.empty());
    EXPECT_NE(diagnostics[0].message.find("`s` is a struct, array or map"), std::string::npos)
        << diagnostics[0].message;
    EXPECT_EQ(diagnostics[0].location.line, 6);
}

TEST(NestedValues, TemplatesInsideNestedSpecsAreCheckedBeforeTheRun) {
    Config config = load("      xs:\n        type: array\n"
                         "        items: {type: string, template: \"ab\\\\\"}\n");
    Diagnostics diagnostics;
    EXPECT_EQ(Plan::compile(config, diagnostics), nullptr);
    ASSERT_FALSE(diagnostics.empty());
    EXPECT_EQ(diagnostics[0].path, "event_types[0].fields.xs.items.template");
    EXPECT_EQ(diagnostics[0].location.line, 7);
}

} // namespace
} // namespace streamgen
