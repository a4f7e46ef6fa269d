#include "text_template.h"

#include "hash.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace streamgen {

namespace {

// Draw numbers of a template: 0..7 belong to the field's own value draws (value_generators.h).
constexpr uint64_t kAlternativeDraw = 8;
constexpr uint64_t kFirstTokenDraw = 9;

constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// dbldatagen's word list for \w: the opening of "Lorem ipsum", 69 words with repeats, drawn
// uniformly by position (so repeated words are more likely, as there).
constexpr std::array<std::string_view, 69> kWords{
    "lorem",       "ipsum",     "dolor",     "sit",        "amet",      "consectetur",
    "adipiscing",  "elit",      "sed",       "do",         "eiusmod",   "tempor",
    "incididunt",  "ut",        "labore",    "et",         "dolore",    "magna",
    "aliqua",      "ut",        "enim",      "ad",         "minim",     "veniam",
    "quis",        "nostrud",   "exercitation", "ullamco", "laboris",   "nisi",
    "ut",          "aliquip",   "ex",        "ea",         "commodo",   "consequat",
    "duis",        "aute",      "irure",     "dolor",      "in",        "reprehenderit",
    "in",          "voluptate", "velit",     "esse",       "cillum",    "dolore",
    "eu",          "fugiat",    "nulla",     "pariatur",   "excepteur", "sint",
    "occaecat",    "cupidatat", "non",       "proident",   "sunt",      "in",
    "culpa",       "qui",       "officia",   "deserunt",   "mollit",    "anim",
    "id",          "est",       "laborum",
};

std::string_view classOf(char c) {
    switch (c) {
    case 'a':
        return kLower;
    case 'A':
        return kUpper;
    case 'x':
        return "0123456789abcdef";
    case 'X':
        return "0123456789ABCDEF";
    case 'd':
        return "0123456789";
    case 'D':
        return "123456789";
    case 'k':
        return "abcdefghijklmnopqrstuvwxyz0123456789";
    case 'K':
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    default:
        return {};
    }
}

/// Splits at `|` as dbldatagen does: `\\` is kept for the template (so `\\|` still splits),
/// `\|` is a literal `|`. Each piece keeps the offset of its first character.
std::vector<std::pair<std::string, std::size_t>> alternatives(std::string_view text) {
    std::vector<std::pair<std::string, std::size_t>> pieces{{"", 0}};
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (text[i] == '\\' && next == '\\') {
            pieces.back().first += "\\\\";
            ++i;
        } else if (text[i] == '\\' && next == '|') {
            pieces.back().first += '|';
            ++i;
        } else if (text[i] == '|') {
            pieces.emplace_back("", i + 1);
        } else {
            pieces.back().first += text[i];
        }
    }
    return pieces;
}

} // namespace

void TextTemplate::addLiteral(Alternative& alternative, char c) {
    std::vector<Token>& tokens = alternative.tokens;
    if (tokens.empty() || tokens.back().kind != Kind::Literal ||
        tokens.back().begin + tokens.back().length != m_literals.size()) {
        tokens.push_back({Kind::Literal, static_cast<uint32_t>(m_literals.size()), 0});
    }
    m_literals += c;
    ++tokens.back().length;
}

void TextTemplate::addClass(Alternative& alternative, std::string_view characters) {
    alternative.tokens.push_back({Kind::Class, static_cast<uint32_t>(m_literals.size()),
                                  static_cast<uint32_t>(characters.size())});
    m_literals.append(characters);
}

std::variant<TextTemplate, TemplateError> TextTemplate::compile(std::string_view text,
                                                                bool escapeSpecialChars) {
    TextTemplate result;
    for (const auto& [piece, offset] : alternatives(text)) {
        const std::size_t lastOther = piece.find_last_not_of('\\');
        const std::size_t trailing = piece.size() - (lastOther == std::string::npos ? 0 : lastOther + 1);
        if (trailing % 2 == 1) {
            return TemplateError{"an alternative of the template ends with a lone `\\`, which "
                                 "escapes nothing; remove it or write `\\|` for a `|`",
                                 offset + piece.size() - 1};
        }
        Alternative alternative;
        bool escape = false;
        for (std::size_t i = 0; i < piece.size(); ++i) {
            const char c = piece[i];
            const std::string_view characters = classOf(c);
            if (c == '\\') {
                escape = true;
                continue;
            }
            if (!characters.empty() && (!escape != escapeSpecialChars)) {
                result.addClass(alternative, characters);
            } else if (escape && (c == 'n' || c == 'N')) {
                alternative.tokens.push_back({c == 'n' ? Kind::Byte : Kind::Short, 0, 0});
            } else if (escape && (c == 'w' || c == 'W')) {
                alternative.tokens.push_back({c == 'w' ? Kind::Word : Kind::UpperWord, 0, 0});
            } else if (escape && (c == 'v' || c == 'V')) {
                // One digit after \v indexes an array base value in dbldatagen; the event
                // number has no elements, so the digit is taken and the whole number written.
                if (c == 'v' && i + 1 < piece.size() && piece[i + 1] >= '0' && piece[i + 1] <= '9') {
                    ++i;
                }
                alternative.tokens.push_back({Kind::Number, 0, 0});
            } else {
                result.addLiteral(alternative, c);
            }
            escape = false;
        }
        result.m_alternatives.push_back(std::move(alternative));
    }
    return result;
}

TextTemplate TextTemplate::pattern(std::string_view text) {
    TextTemplate result;
    if (text.find('|') != std::string_view::npos) {
        std::size_t start = 0;
        while (true) {
            const std::size_t bar = text.find('|', start);
            Alternative alternative;
            for (char c : text.substr(start, bar == std::string_view::npos ? bar : bar - start)) {
                result.addLiteral(alternative, c);
            }
            result.m_alternatives.push_back(std::move(alternative));
            if (bar == std::string_view::npos) {
                break;
            }
            start = bar + 1;
        }
        return result;
    }
    Alternative alternative;
    for (char c : text) {
        if (c == '#') {
            result.addClass(alternative, "0123456789");
        } else if (c == '?') {
            result.addClass(alternative, kUpper);
        } else {
            result.addLiteral(alternative, c);
        }
    }
    result.m_alternatives.push_back(std::move(alternative));
    return result;
}

void TextTemplate::expand(uint64_t key, uint64_t salt, uint64_t sequence, std::string& out) const {
    const std::size_t count = m_alternatives.size();
    const Alternative& alternative =
        m_alternatives[count == 1 ? 0
                                  : hash::below(hash::draw(key, salt, kAlternativeDraw), count)];
    uint64_t draw = kFirstTokenDraw;
    char digits[24];
    for (const Token& token : alternative.tokens) {
        if (token.kind == Kind::Literal) {
            out.append(m_literals, token.begin, token.length);
            continue;
        }
        const uint64_t bits = hash::draw(key, salt, draw++);
        switch (token.kind) {
        case Kind::Class:
            out += m_literals[token.begin + hash::below(bits, token.length)];
            break;
        case Kind::Byte:
        case Kind::Short:
        case Kind::Number: {
            const uint64_t number = token.kind == Kind::Number ? sequence
                                    : token.kind == Kind::Byte ? hash::below(bits, 256)
                                                               : hash::below(bits, 65536);
            const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
            out.append(digits, end);
            break;
        }
        case Kind::Word:
            out.append(kWords[hash::below(bits, kWords.size())]);
            break;
        case Kind::UpperWord:
            for (char c : kWords[hash::below(bits, kWords.size())]) {
                out += static_cast<char>(c - 'a' + 'A');
            }
            break;
        case Kind::Literal:
            break;
        }
    }
}

std::size_t TextTemplate::longest() const {
    std::size_t longest = 0;
    for (const Alternative& alternative : m_alternatives) {
        std::size_t length = 0;
        for (const Token& token : alternative.tokens) {
            length += token.kind == Kind::Literal ? token.length
                      : token.kind == Kind::Class ? 1
                                                  : 20;
        }
        longest = std::max(longest, length);
    }
    return longest;
}

} // namespace streamgen
