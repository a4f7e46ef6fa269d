#include "engine/hash.h"
#include "engine/text_template.h"

#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <set>

using namespace streamgen;

namespace {

constexpr int kDraws = 5000;

TextTemplate compiled(std::string_view text, bool escapeSpecialChars = false) {
    auto result = TextTemplate::compile(text, escapeSpecialChars);
    EXPECT_TRUE(std::holds_alternative<TextTemplate>(result)) << text;
    return std::get<TextTemplate>(std::move(result));
}

std::vector<std::string> expansions(const TextTemplate& t, int count = kDraws) {
    std::vector<std::string> out;
    for (int k = 0; k < count; ++k) {
        std::string text;
        t.expand(hash::eventKey(99, static_cast<uint64_t>(k)), 7, static_cast<uint64_t>(k), text);
        out.push_back(std::move(text));
    }
    return out;
}

/// Every expansion matches `pattern`, and the set of characters seen at each position is `all`.
void expectAllMatch(const TextTemplate& t, const std::string& pattern) {
    const std::regex re(pattern);
    for (const std::string& text : expansions(t)) {
        ASSERT_TRUE(std::regex_match(text, re)) << text << " !~ " << pattern;
    }
}

std::set<char> charactersOf(const TextTemplate& t) {
    std::set<char> seen;
    for (const std::string& text : expansions(t)) {
        seen.insert(text.begin(), text.end());
    }
    return seen;
}

std::set<char> range(char from, char to) {
    std::set<char> chars;
    for (char c = from; c <= to; ++c) {
        chars.insert(c);
    }
    return chars;
}

std::set<char> unite(std::set<char> a, const std::set<char>& b) {
    a.insert(b.begin(), b.end());
    return a;
}

} // namespace

TEST(Templates, EachPlaceholderDrawsExactlyItsCharacterClass) {
    EXPECT_EQ(charactersOf(compiled("d")), range('0', '9'));
    EXPECT_EQ(charactersOf(compiled("D")), range('1', '9'));
    EXPECT_EQ(charactersOf(compiled("x")), unite(range('0', '9'), range('a', 'f')));
    EXPECT_EQ(charactersOf(compiled("X")), unite(range('0', '9'), range('A', 'F')));
    EXPECT_EQ(charactersOf(compiled("a")), range('a', 'z'));
    EXPECT_EQ(charactersOf(compiled("A")), range('A', 'Z'));
    EXPECT_EQ(charactersOf(compiled("k")), unite(range('a', 'z'), range('0', '9')));
    EXPECT_EQ(charactersOf(compiled("K")), unite(range('A', 'Z'), range('0', '9')));
}

TEST(Templates, NumbersAndWordsFollowTheirEscapes) {
    std::set<int> bytes;
    for (const std::string& text : expansions(compiled("\\n"), 20000)) {
        bytes.insert(std::stoi(text));
    }
    EXPECT_EQ(bytes.size(), 256u);
    EXPECT_EQ(*bytes.rbegin(), 255);
    int largest = 0;
    for (const std::string& text : expansions(compiled("\\N"))) {
        largest = std::max(largest, std::stoi(text));
    }
    EXPECT_GT(largest, 60000);
    EXPECT_LE(largest, 65535);
    expectAllMatch(compiled("\\w"), "[a-z]+");
    expectAllMatch(compiled("\\W"), "[A-Z]+");
    EXPECT_EQ(expansions(compiled(R"(\i\d-\v)"), 3), (std::vector<std::string>{"id-0", "id-1", "id-2"}));
}

TEST(Templates, DbldatagensDocumentedExamplesHaveTheirShapes) {
    expectAllMatch(compiled(R"(\w.\w@\w.com|\w@\w.co.u\k)"),
                   R"([a-z]+\.[a-z]+@[a-z]+\.com|[a-z]+@[a-z]+\.co\.uk)");
    const std::regex octet(R"((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]))");
    const std::regex ipv4(R"(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3})"
                          R"((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]))");
    for (const std::string& text : expansions(compiled(R"(\n.\n.\n.\n)"))) {
        ASSERT_TRUE(std::regex_match(text, ipv4)) << text;
    }
    expectAllMatch(compiled(R"((ddd)-ddd-dddd|1(ddd) ddd-dddd|ddd ddddddd)"),
                   R"(\(\d{3}\)-\d{3}-\d{4}|1\(\d{3}\) \d{3}-\d{4}|\d{3} \d{7})");
    expectAllMatch(compiled("ddd-dd-dddd"), R"(\d{3}-\d{2}-\d{4})");
    expectAllMatch(compiled("XXXX-XXXX-XXXX-XXXX"), R"([0-9A-F]{4}(-[0-9A-F]{4}){3})");
    expectAllMatch(compiled("KKKK-KKKK-DDDD-KKKK"), R"([A-Z0-9]{4}-[A-Z0-9]{4}-[1-9]{4}-[A-Z0-9]{4})");
    expectAllMatch(compiled("555-DDD-DDDD"), R"(555-[1-9]{3}-[1-9]{4})");
    expectAllMatch(compiled(R"(\\w \\w|\\w A. \\w|test)"), R"([a-z]+ [a-z]+|[a-z]+ [A-Z]\. [a-z]+|test)");
}

TEST(Templates, AlternativesAreDrawnUniformly) {
    std::map<std::string, int> counts;
    for (const std::string& text : expansions(compiled(R"(\r\e\d|\b\l\u\e|\g\r\a\y)"), 30000)) {
        ++counts[text];
    }
    ASSERT_EQ(counts.size(), 3u);
    for (const auto& [text, count] : counts) {
        EXPECT_NEAR(count, 10000, 500) << text;
    }
}

TEST(Templates, EscapeSpecialCharsSwapsLettersAndEscapes) {
    EXPECT_EQ(expansions(compiled(R"(dr_\v)", true), 2), (std::vector<std::string>{"dr_0", "dr_1"}));
    EXPECT_EQ(expansions(compiled(R"(\dr_\v)"), 2), (std::vector<std::string>{"dr_0", "dr_1"}));
    expectAllMatch(compiled(R"(card-\d\d)", true), R"(card-\d\d)");
}

TEST(Templates, EscapedPipeIsLiteralAndDoubleBackslashEscapesTheNext) {
    EXPECT_EQ(expansions(compiled(R"(\a\|\b)"), 1), (std::vector<std::string>{"a|b"}));
    expectAllMatch(compiled(R"(\\w)"), "[a-z]+");
}

TEST(Templates, ALoneTrailingBackslashIsAnErrorAtItsPlace) {
    const auto result = TextTemplate::compile(R"(ab|cd\)", false);
    ASSERT_TRUE(std::holds_alternative<TemplateError>(result));
    EXPECT_EQ(std::get<TemplateError>(result).offset, 5u);
}

TEST(Templates, SameEventSameText) {
    const TextTemplate t = compiled(R"(\w-KKKK|ddd)");
    EXPECT_EQ(expansions(t, 100), expansions(t, 100));
}

TEST(Patterns, StreamForgeHashesAreDigitsAndPipesChoose) {
    expectAllMatch(TextTemplate::pattern("MTR-####-####"), R"(MTR-\d{4}-\d{4})");
    expectAllMatch(TextTemplate::pattern("e######"), R"(e\d{6})");
    expectAllMatch(TextTemplate::pattern("AB-??"), R"(AB-[A-Z]{2})");
    std::set<std::string> parts;
    for (const std::string& text : expansions(TextTemplate::pattern("RES|COM|IND"), 300)) {
        parts.insert(text);
    }
    EXPECT_EQ(parts, (std::set<std::string>{"RES", "COM", "IND"}));
}
