#include "engine/data_sets.h"
#include "engine/hash.h"
#include "engine/text_template.h"
#include "engine/value_generators.h"
#include "model/kinds/field_kinds.h"
#include "test_support.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <set>
#include <thread>

namespace streamgen {
namespace {

using test::fieldText;
using test::simpleField;

constexpr uint64_t kCount = 20'000;

/// The field's values as written in JSON, without the quotes.
std::vector<std::string> valuesOf(FieldType type, uint64_t count = kCount) {
    const FieldSpec field = simpleField("v", type);
    const auto plan = test::compileOrDie(test::singleTypeConfig({field}, 11));
    std::vector<std::string> values;
    for (const auto& payload : test::renderRange(*plan, 0, 0, count)) {
        const std::string text(fieldText(payload, "v"));
        EXPECT_TRUE(text.size() >= 2 && text.front() == '"' && text.back() == '"') << text;
        values.push_back(text.substr(1, text.size() - 2));
    }
    return values;
}

void expectAllMatch(FieldType type, const std::string& pattern) {
    const std::regex re(pattern);
    for (const std::string& value : valuesOf(type)) {
        ASSERT_TRUE(std::regex_match(value, re)) << value << " !~ " << pattern;
    }
}

std::set<std::string> rowsOf(std::string_view set, std::size_t column = 0) {
    std::set<std::string> values;
    for (const auto& row : findDataSet(set)->rows) {
        values.emplace(row[column]);
    }
    return values;
}

TextTemplate recipe(std::string_view text) {
    auto compiled = TextTemplate::recipe(text);
    EXPECT_TRUE(std::holds_alternative<TextTemplate>(compiled)) << text;
    return std::get<TextTemplate>(std::move(compiled));
}

std::string recipeError(std::string_view text) {
    auto compiled = TextTemplate::recipe(text);
    const auto* error = std::get_if<TemplateError>(&compiled);
    return error ? error->message : "";
}

TEST(RealisticKinds, EveryRecipeCompilesAndEveryKindWritesText) {
    int realistic = 0;
    for (const FieldKind* kind : fieldKinds()) {
        if (kind->recipe == nullptr) {
            continue;
        }
        ++realistic;
        EXPECT_EQ(recipeError(kind->recipe), "") << kind->name;
        const auto values = valuesOf(kind->type, 200);
        const std::set<std::string> distinct(values.begin(), values.end());
        EXPECT_GT(distinct.size(), 10U) << kind->name;
        EXPECT_EQ(distinct.count(""), 0U) << kind->name;
    }
    EXPECT_EQ(realistic, 16);
}

TEST(RealisticKinds, DrawEveryRowOfTheirDataSet) {
    const auto cities = valuesOf(FieldType::City);
    EXPECT_EQ(std::set<std::string>(cities.begin(), cities.end()), rowsOf("cities"));
    const auto states = valuesOf(FieldType::State);
    EXPECT_EQ(std::set<std::string>(states.begin(), states.end()), rowsOf("us_states"));
    const auto first = valuesOf(FieldType::FirstName);
    EXPECT_EQ(std::set<std::string>(first.begin(), first.end()), rowsOf("first_names"));
}

TEST(RealisticKinds, EmailsAreAddressesMadeOfANameAndAKnownDomain) {
    const std::regex email(R"(([a-z]+)\.([a-z]+)[0-9]{1,2}@([a-z0-9.-]+\.[a-z]+))");
    const auto domains = rowsOf("email_domains");
    for (const std::string& value : valuesOf(FieldType::Email)) {
        std::smatch match;
        ASSERT_TRUE(std::regex_match(value, match, email)) << value;
        EXPECT_EQ(domains.count(match[3]), 1U) << value;
    }
}

TEST(RealisticKinds, EmailDomainsFollowTheirWeights) {
    const DataSet& set = *findDataSet("email_domains");
    std::map<std::string, double> expected;
    double total = 0.0;
    for (const auto& row : set.rows) {
        const double weight = std::stod(std::string(row.back()));
        expected[std::string(row[0])] = weight;
        total += weight;
    }
    std::map<std::string, int> counts;
    for (const std::string& value : valuesOf(FieldType::Email, 100'000)) {
        ++counts[value.substr(value.find('@') + 1)];
    }
    double chiSquare = 0.0;
    for (const auto& [domain, weight] : expected) {
        const double e = 100'000 * weight / total;
        const double d = counts[domain] - e;
        chiSquare += d * d / e;
    }
    // 24 degrees of freedom: the 0.999 quantile is 51.2.
    EXPECT_LT(chiSquare, 51.2);
}

TEST(RealisticKinds, NetworkAddressesAreValid) {
    const std::string octet = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    expectAllMatch(FieldType::Ipv4, octet + "\\." + octet + "\\." + octet + "\\." + octet);
    expectAllMatch(FieldType::Ipv6, "[23][0-9a-f]{3}(:[0-9a-f]{1,4}){7}");
    expectAllMatch(FieldType::Url, R"(https://www\.[a-z0-9]+\.[a-z.]+/[a-z0-9/_-]+)");
}

TEST(RealisticKinds, PhonesZipsAndAddressesHaveTheirShapes) {
    expectAllMatch(FieldType::Phone, R"(\([0-9]{3}\) [2-9][0-9]{2}-[0-9]{4})");
    expectAllMatch(FieldType::Zip, "[0-9]{5}");
    expectAllMatch(FieldType::StreetAddress, "[1-9][0-9]{0,3} [A-Z][A-Za-z .'-]+");
    expectAllMatch(FieldType::FullName, "[^ ]+( [^ ]+)* [^ ]+");
}

TEST(Recipes, MentionsOfOneDataSetShareTheirRow) {
    const TextTemplate t = recipe("{cities}|{cities.1}|{cities.2}");
    std::set<std::string> rows;
    for (const auto& row : findDataSet("cities")->rows) {
        rows.insert(std::string(row[0]) + "|" + std::string(row[1]) + "|" + std::string(row[2]));
    }
    std::set<std::string> seen;
    for (uint64_t k = 0; k < 5000; ++k) {
        std::string text;
        t.expand(hash::eventKey(5, k), 3, k, text);
        EXPECT_EQ(rows.count(text), 1U) << text;
        seen.insert(text);
    }
    EXPECT_EQ(seen, rows);
}

TEST(Recipes, RangesArePaddedToTheWidthOfTheirLowerBound) {
    const TextTemplate t = recipe("{0000..0099}-{a..f:hex}");
    std::set<std::string> seen;
    for (uint64_t k = 0; k < 5000; ++k) {
        std::string text;
        t.expand(hash::eventKey(5, k), 3, k, text);
        ASSERT_TRUE(std::regex_match(text, std::regex("00[0-9]{2}-[a-f]"))) << text;
        seen.insert(text.substr(0, 4));
    }
    EXPECT_EQ(seen.size(), 100U);
}

TEST(Recipes, RejectUnknownSetsColumnsAndRanges) {
    EXPECT_EQ(recipeError("{no_such_set}"), "no data set is called `no_such_set`");
    EXPECT_EQ(recipeError("{cities.7}"), "data set `cities` has no column `7`");
    EXPECT_EQ(recipeError("{9..1}"), "`{9..1}` is not a range such as {0..99} or {0..ffff:hex}");
    EXPECT_EQ(recipeError("{cities:upper}"),
              "`:upper` is not an option of a data set; use `:slug`");
    EXPECT_EQ(recipeError("name {first_names"), "`{` is not closed by a `}`");
}

std::vector<std::string> loremTexts(std::pair<int64_t, int64_t> paragraphs,
                                    std::pair<int64_t, int64_t> sentences,
                                    std::pair<int64_t, int64_t> words, uint64_t count) {
    const TextTemplate t = TextTemplate::lorem(paragraphs, sentences, words);
    std::vector<std::string> texts;
    for (uint64_t k = 0; k < count; ++k) {
        std::string text;
        t.expand(hash::eventKey(21, k), 5, k, text);
        texts.push_back(std::move(text));
    }
    return texts;
}

TEST(Lorem, WritesSentencesOfLoremWordsAsILTextDoes) {
    const auto words = rowsOf("lorem_words");
    const std::regex shape(R"([A-Z][a-z]*( [a-z]+){4}\.( [A-Z][a-z]*( [a-z]+){4}\.){2} \n\n)"
                           R"([A-Z][a-z]*( [a-z]+){4}\.( [A-Z][a-z]*( [a-z]+){4}\.){2})");
    for (const std::string& text : loremTexts({2, 2}, {3, 3}, {5, 5}, 500)) {
        ASSERT_TRUE(std::regex_match(text, shape)) << text;
        std::string word;
        for (char c : text + " ") {
            if (std::isalpha(static_cast<unsigned char>(c))) {
                word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            } else if (!word.empty()) {
                EXPECT_EQ(words.count(word), 1U) << word;
                word.clear();
            }
        }
    }
}

TEST(Lorem, WordCountsFollowTheRoundedClippedNormalOfTheirRange) {
    // words [2, 12]: normal with mean 7 and standard deviation 5, rounded, clipped.
    const auto texts = loremTexts({1, 1}, {1, 1}, {2, 12}, 100'000);
    std::map<int, int> counts;
    for (const std::string& text : texts) {
        ++counts[static_cast<int>(std::count(text.begin(), text.end(), ' ')) + 1];
    }
    const auto cdf = [](double x) { return 0.5 * std::erfc(-(x - 7.0) / (5.0 * std::sqrt(2.0))); };
    double chiSquare = 0.0;
    for (int n = 2; n <= 12; ++n) {
        const double low = n == 2 ? 0.0 : cdf(n - 0.5);
        const double high = n == 12 ? 1.0 : cdf(n + 0.5);
        const double expected = 100'000 * (high - low);
        const double d = counts[n] - expected;
        chiSquare += d * d / expected;
    }
    EXPECT_EQ(counts.size(), 11U);
    // 10 degrees of freedom: the 0.999 quantile is 29.6.
    EXPECT_LT(chiSquare, 29.6);
}

TEST(Lorem, FieldsOfTheKindAreValidatedAndWritten) {
    FieldSpec field = simpleField("body", FieldType::Lorem);
    field.paragraphsMin = 1;
    field.paragraphsMax = 3;
    const auto plan = test::compileOrDie(test::singleTypeConfig({field}, 4));
    int breaks = 0;
    for (const auto& payload : test::renderRange(*plan, 0, 0, 1000)) {
        breaks += fieldText(payload, "body").find("\\n\\n") != std::string_view::npos ? 1 : 0;
    }
    EXPECT_GT(breaks, 500);
    EXPECT_LT(breaks, 900);
}

TEST(TextValues, TheFirstEventOfAThreadKeepsEveryText) {
    // Each text field has its own buffer per thread; the first event of a thread creates them
    // one by one while the values made before still point into theirs.
    std::vector<FieldSpec> fields;
    for (FieldType type : {FieldType::FirstName, FieldType::City, FieldType::Email, FieldType::Word,
                           FieldType::Ipv4, FieldType::State}) {
        fields.push_back(simpleField("f" + std::to_string(fields.size()), type));
    }
    // A computed field makes the event's values all generated before any is written.
    FieldSpec computed = simpleField("n", FieldType::Long);
    computed.expr = "1 + 1";
    fields.push_back(computed);
    const auto plan = test::compileOrDie(test::singleTypeConfig(fields, 2));
    std::vector<std::string> first;
    std::vector<std::string> again;
    std::thread fresh([&] {
        first = test::renderRange(*plan, 0, 0, 3);
        again = test::renderRange(*plan, 0, 0, 3);
    });
    fresh.join();
    EXPECT_EQ(first, again);
}

TEST(TextValues, ThoseThatNeedNoJsonEscapesAreMarkedPlain) {
    for (const FieldKind* kind : fieldKinds()) {
        if (kind->recipe != nullptr) {
            const ValueGenerator g = compileValue(simpleField("v", kind->type), 1);
            EXPECT_EQ(generateValue(g, 5, 5).choice, Value::kPlainText) << kind->name;
        }
    }
    FieldSpec lorem = simpleField("v", FieldType::Lorem);
    EXPECT_EQ(generateValue(compileValue(lorem, 1), 5, 5).choice, Value::kPlainText);
    lorem.paragraphsMax = 3; // paragraphs end in line breaks, which JSON escapes
    EXPECT_EQ(generateValue(compileValue(lorem, 1), 5, 5).choice, Value::kNoChoice);
    FieldSpec quoted = simpleField("v", FieldType::String);
    quoted.textTemplate = R"(\"ddd)";
    EXPECT_EQ(generateValue(compileValue(quoted, 1), 5, 5).choice, Value::kNoChoice);
}

} // namespace
} // namespace streamgen
