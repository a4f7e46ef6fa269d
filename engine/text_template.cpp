#include "text_template.h"

#include "data_sets.h"
#include "hash.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>

namespace streamgen {

namespace {

// Draw numbers of a template: 0..7 belong to the field's own value draws (value_generators.h).
constexpr uint64_t kAlternativeDraw = 8;
constexpr uint64_t kFirstTokenDraw = 9;
// The row of data set n is draw kFirstSetDraw + n, shared by its mentions.
constexpr uint64_t kFirstSetDraw = 1000;

constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// dbldatagen's word list for \w: the opening of "Lorem ipsum", 69 words with repeats, drawn
// uniformly by position (so repeated words are more likely, as there).
constexpr std::array<std::string_view, 69> kWords{
    "lorem",     "ipsum",     "dolor",    "sit",       "amet",    "consectetur",  "adipiscing",
    "elit",      "sed",       "do",       "eiusmod",   "tempor",  "incididunt",   "ut",
    "labore",    "et",        "dolore",   "magna",     "aliqua",  "ut",           "enim",
    "ad",        "minim",     "veniam",   "quis",      "nostrud", "exercitation", "ullamco",
    "laboris",   "nisi",      "ut",       "aliquip",   "ex",      "ea",           "commodo",
    "consequat", "duis",      "aute",     "irure",     "dolor",   "in",           "reprehenderit",
    "in",        "voluptate", "velit",    "esse",      "cillum",  "dolore",       "eu",
    "fugiat",    "nulla",     "pariatur", "excepteur", "sint",    "occaecat",     "cupidatat",
    "non",       "proident",  "sunt",     "in",        "culpa",   "qui",          "officia",
    "deserunt",  "mollit",    "anim",     "id",        "est",     "laborum",
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
        const std::size_t trailing =
            piece.size() - (lastOther == std::string::npos ? 0 : lastOther + 1);
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
                if (c == 'v' && i + 1 < piece.size() && piece[i + 1] >= '0' &&
                    piece[i + 1] <= '9') {
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
    result.finish();
    return result;
}

std::string TextTemplate::addPlaceholder(Alternative& alternative, std::string_view inside) {
    const auto [body, option] = [&] {
        const std::size_t colon = inside.find(':');
        return colon == std::string_view::npos
                   ? std::pair{inside, std::string_view{}}
                   : std::pair{inside.substr(0, colon), inside.substr(colon + 1)};
    }();
    const std::size_t dots = body.find("..");
    if (dots != std::string_view::npos) {
        const std::string_view first = body.substr(0, dots);
        const std::string_view last = body.substr(dots + 2);
        const int base = option == "hex" ? 16 : 10;
        NumberRange range;
        uint64_t hi = 0;
        const auto one = std::from_chars(first.data(), first.data() + first.size(), range.lo, base);
        const auto two = std::from_chars(last.data(), last.data() + last.size(), hi, base);
        if (first.empty() || last.empty() || one.ptr != first.data() + first.size() ||
            two.ptr != last.data() + last.size() || hi < range.lo || hi - range.lo == ~0ULL ||
            (!option.empty() && option != "hex")) {
            return "`{" + std::string(inside) +
                   "}` is not a range such as {0..99} or {0..ffff:hex}";
        }
        range.count = hi - range.lo + 1;
        range.width = static_cast<int>(first.size());
        range.hex = base == 16;
        alternative.tokens.push_back({Kind::Range, static_cast<uint32_t>(m_ranges.size()), 0});
        m_ranges.push_back(range);
        return {};
    }
    const std::size_t dot = body.find('.');
    const std::string_view name = body.substr(0, dot);
    const DataSet* set = findDataSet(name);
    if (set == nullptr) {
        return "no data set is called `" + std::string(name) + "`";
    }
    uint32_t column = 0;
    if (dot != std::string_view::npos) {
        const std::string_view digits = body.substr(dot + 1);
        const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), column);
        if (digits.empty() || parsed.ptr != digits.data() + digits.size() ||
            column >= set->columns) {
            return "data set `" + std::string(name) + "` has no column `" + std::string(digits) +
                   "`";
        }
    }
    if (!option.empty() && option != "slug") {
        return "`:" + std::string(option) + "` is not an option of a data set; use `:slug`";
    }
    const auto slot = std::find(m_sets.begin(), m_sets.end(), set) - m_sets.begin();
    if (slot == static_cast<std::ptrdiff_t>(m_sets.size())) {
        m_sets.push_back(set);
    }
    const auto& values = option.empty() ? set->values[column] : set->slugs[column];
    alternative.tokens.push_back({Kind::Pick, static_cast<uint32_t>(m_picks.size()), 0});
    const bool weighted = !set->weights.probability.empty();
    m_picks.push_back({values.data(), weighted ? set : nullptr, weighted ? 0 : set->rows.size(),
                       kFirstSetDraw + set->id, static_cast<uint32_t>(slot)});
    return {};
}

std::variant<TextTemplate, TemplateError> TextTemplate::recipe(std::string_view text) {
    TextTemplate result;
    Alternative alternative;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '{') {
            result.addLiteral(alternative, text[i]);
            continue;
        }
        const std::size_t close = text.find('}', i);
        if (close == std::string_view::npos) {
            return TemplateError{"`{` is not closed by a `}`", i};
        }
        std::string problem = result.addPlaceholder(alternative, text.substr(i + 1, close - i - 1));
        if (!problem.empty()) {
            return TemplateError{std::move(problem), i};
        }
        i = close;
    }
    result.m_alternatives.push_back(std::move(alternative));
    result.finish();
    return result;
}

char* TextTemplate::writeRange(const NumberRange& range, uint64_t bits, char* p) {
    char digits[24];
    const uint64_t number = range.lo + (range.count == 0 ? bits : hash::below(bits, range.count));
    const char* end =
        std::to_chars(digits, digits + sizeof digits, number, range.hex ? 16 : 10).ptr;
    const auto written = static_cast<int>(end - digits);
    for (int pad = written; pad < range.width; ++pad) {
        *p++ = '0';
    }
    std::memcpy(p, digits, sizeof digits);
    return p + written;
}

TextTemplate TextTemplate::lorem(std::pair<int64_t, int64_t> paragraphs,
                                 std::pair<int64_t, int64_t> sentences,
                                 std::pair<int64_t, int64_t> words) {
    TextTemplate result;
    result.m_sets.push_back(findDataSet("lorem_words"));
    for (const auto& [min, max] : {paragraphs, sentences, words}) {
        result.m_ranges.push_back({static_cast<uint64_t>(std::max<int64_t>(min, 0)),
                                   static_cast<uint64_t>(std::max<int64_t>(max - min, 0)) + 1});
    }
    result.m_alternatives.push_back({{{Kind::Lorem, 0, 0}}});
    result.finish();
    return result;
}

namespace {

/// A count in [lo, lo + count), drawn as ILText draws it: round(normal(middle, half-width)),
/// clipped to the range.
uint64_t normalCount(uint64_t lo, uint64_t count, uint64_t bits, uint64_t moreBits) {
    if (count <= 1) {
        return lo;
    }
    const double half = static_cast<double>(count - 1) / 2.0;
    // Box-Muller: one standard normal deviate from two uniform numbers in (0, 1].
    const double u1 = 1.0 - hash::unit(bits);
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * hash::unit(moreBits));
    const double drawn = std::round(static_cast<double>(lo) + half + half * z);
    return static_cast<uint64_t>(
        std::clamp(drawn, static_cast<double>(lo), static_cast<double>(lo + count - 1)));
}

} // namespace

void TextTemplate::appendLorem(uint32_t ranges, uint64_t key, uint64_t salt,
                               std::string& out) const {
    const DataSet& words = *m_sets[0];
    const NumberRange& paragraphRange = m_ranges[ranges];
    const NumberRange& sentenceRange = m_ranges[ranges + 1];
    const NumberRange& wordRange = m_ranges[ranges + 2];
    const bool paragraphBreaks = paragraphRange.lo + paragraphRange.count - 1 > 1;
    uint64_t draw = kFirstTokenDraw;
    const auto next = [&] { return hash::draw(key, salt, draw++); };
    const std::size_t start = out.size();
    // As in ILText, each paragraph draws a count of paragraphs and is written when its
    // position is below it; each paragraph draws its count of sentences, each sentence its words.
    const uint64_t mostParagraphs = paragraphRange.lo + paragraphRange.count - 1;
    for (uint64_t p = 0; p < mostParagraphs; ++p) {
        if (p >= normalCount(paragraphRange.lo, paragraphRange.count, next(), next())) {
            continue;
        }
        const std::size_t paragraphStart = out.size();
        const uint64_t sentenceCount =
            normalCount(sentenceRange.lo, sentenceRange.count, next(), next());
        for (uint64_t s = 0; s < sentenceCount; ++s) {
            const uint64_t wordCount = normalCount(wordRange.lo, wordRange.count, next(), next());
            for (uint64_t w = 0; w < wordCount; ++w) {
                const std::string_view word = words.values[0][words.pick(next())];
                if (w == 0) {
                    out += static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
                    out.append(word.substr(1));
                } else {
                    out += ' ';
                    out.append(word);
                }
            }
            if (wordCount > 0) {
                out += ". ";
            }
        }
        if (paragraphBreaks && out.size() > paragraphStart) {
            out += "\n\n";
        }
    }
    // ILText strips the joined text, which drops the last sentence's space and paragraph end.
    while (out.size() > start && (out.back() == ' ' || out.back() == '\n')) {
        out.pop_back();
    }
}

bool isPlainText(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; });
}

bool TextTemplate::isPlain() const {
    // Past the literals lies finish's padding, which is never written.
    const std::string_view literals(m_literals.data(), m_literals.size() - kDataSetPadding);
    if (!isPlainText(literals)) {
        return false;
    }
    for (const Alternative& alternative : m_alternatives) {
        for (const Token& token : alternative.tokens) {
            if (token.kind == Kind::Pick) {
                const PickSource& source = m_picks[token.begin];
                const std::size_t rows = m_sets[source.slot]->rows.size();
                if (!std::all_of(source.values, source.values + rows, isPlainText)) {
                    return false;
                }
            } else if (token.kind == Kind::Lorem) {
                const NumberRange& paragraphs = m_ranges[token.begin];
                if (paragraphs.lo + paragraphs.count - 1 > 1) {
                    return false; // paragraphs end in "\n\n"
                }
            }
        }
    }
    // The words of \w and lorem text and the digits of numbers are plain.
    return true;
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
        result.finish();
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
    result.finish();
    return result;
}

namespace {

/// Copies n bytes from `from`, which has kDataSetPadding readable bytes after them (data sets,
/// padded literals), to `to`, which has as many to spare: short copies are one fixed-size move
/// instead of a call to memcpy.
inline char* copyPadded(char* to, const char* from, std::size_t n) {
    if (n <= kDataSetPadding) {
        std::memcpy(to, from, kDataSetPadding);
    } else {
        std::memcpy(to, from, n);
    }
    return to + n;
}

/// Room to spare after a text's longest expansion: a padded copy and a number's digits.
constexpr std::size_t kSlack = 32;

} // namespace

void TextTemplate::finish() {
    for (Alternative& alternative : m_alternatives) {
        alternative.longest = 0;
        for (const Token& token : alternative.tokens) {
            alternative.longest += longestOf(token);
        }
    }
    m_literals.append(kDataSetPadding, '\0');
}

std::size_t TextTemplate::longestOf(const Token& token) const {
    switch (token.kind) {
    case Kind::Literal:
        return token.length;
    case Kind::Class:
        return 1;
    case Kind::Pick: {
        const PickSource& source = m_picks[token.begin];
        const std::size_t rows = m_sets[source.slot]->rows.size();
        std::size_t longest = 0;
        for (std::size_t row = 0; row < rows; ++row) {
            longest = std::max(longest, source.values[row].size());
        }
        return longest;
    }
    case Kind::Word:
    case Kind::UpperWord: {
        std::size_t longest = 0;
        for (std::string_view word : kWords) {
            longest = std::max(longest, word.size());
        }
        return longest;
    }
    case Kind::Range:
        return std::max<std::size_t>(static_cast<std::size_t>(m_ranges[token.begin].width), 20);
    case Kind::Byte:
    case Kind::Short:
    case Kind::Number:
        return 20;
    case Kind::Lorem:
        break;
    }
    return 0; // Lorem text is appended, not written into a buffer
}

void TextTemplate::expand(uint64_t key, uint64_t salt, uint64_t sequence, std::string& out) const {
    const std::size_t count = m_alternatives.size();
    const Alternative& alternative =
        m_alternatives[count == 1 ? 0
                                  : hash::below(hash::draw(key, salt, kAlternativeDraw), count)];
    if (alternative.tokens.size() == 1 && alternative.tokens[0].kind == Kind::Lorem) {
        appendLorem(alternative.tokens[0].begin, key, salt, out);
        return;
    }
    // Written into a buffer and appended once: a string append per token costs more than
    // making the token.
    constexpr std::size_t kBuffer = 512;
    if (alternative.longest + kSlack <= kBuffer) {
        char buffer[kBuffer];
        const char* end = writeTokens(alternative, key, salt, sequence, buffer);
        out.append(buffer, static_cast<std::size_t>(end - buffer));
        return;
    }
    const std::size_t start = out.size();
    out.resize(start + alternative.longest + kSlack);
    const char* end = writeTokens(alternative, key, salt, sequence, out.data() + start);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

void TextTemplate::expandBetween(std::string_view before, std::string_view after, uint64_t key,
                                 uint64_t salt, uint64_t sequence, std::string& out) const {
    const std::size_t count = m_alternatives.size();
    const Alternative& alternative =
        m_alternatives[count == 1 ? 0
                                  : hash::below(hash::draw(key, salt, kAlternativeDraw), count)];
    constexpr std::size_t kBuffer = 512;
    const bool lorem = alternative.tokens.size() == 1 && alternative.tokens[0].kind == Kind::Lorem;
    if (lorem || before.size() + alternative.longest + after.size() + kSlack > kBuffer) {
        out.assign(before);
        expand(key, salt, sequence, out);
        out.append(after);
        return;
    }
    char buffer[kBuffer];
    char* p = buffer;
    std::memcpy(p, before.data(), before.size());
    p = writeTokens(alternative, key, salt, sequence, p + before.size());
    std::memcpy(p, after.data(), after.size());
    p += after.size();
    out.assign(buffer, static_cast<std::size_t>(p - buffer));
}

char* TextTemplate::writeTokens(const Alternative& alternative, uint64_t key, uint64_t salt,
                                uint64_t sequence, char* p) const {
    uint64_t draw = kFirstTokenDraw;
    // Characters of a class share draws: each takes the high part of pool * its count, and the
    // low part is a fresh fraction for the next; a new draw every kClassesPerDraw characters
    // keeps the fraction's precision far above what the classes use.
    constexpr int kClassesPerDraw = 4;
    uint64_t pool = 0;
    int poolLeft = 0;
    for (const Token& token : alternative.tokens) {
        if (token.kind == Kind::Literal) {
            p = copyPadded(p, m_literals.data() + token.begin, token.length);
            continue;
        }
        if (token.kind == Kind::Class) {
            if (poolLeft == 0) {
                pool = hash::draw(key, salt, draw++);
                poolLeft = kClassesPerDraw;
            }
            const hash::Uint128 scaled = static_cast<hash::Uint128>(pool) * token.length;
            *p++ = m_literals[token.begin + static_cast<uint32_t>(scaled >> 64)];
            pool = static_cast<uint64_t>(scaled);
            --poolLeft;
            continue;
        }
        if (token.kind == Kind::Pick) {
            // Every mention of a set draws its row alike, so that they name one row.
            const PickSource& source = m_picks[token.begin];
            const uint64_t bits = hash::draw(key, m_sharedRows ? 0 : salt, source.draw);
            const std::string_view value =
                source
                    .values[source.set ? source.set->pick(bits) : hash::below(bits, source.count)];
            p = copyPadded(p, value.data(), value.size());
            continue;
        }
        const uint64_t bits = hash::draw(key, salt, draw++);
        switch (token.kind) {
        case Kind::Byte:
        case Kind::Short:
        case Kind::Number: {
            const uint64_t number = token.kind == Kind::Number ? sequence
                                    : token.kind == Kind::Byte ? hash::below(bits, 256)
                                                               : hash::below(bits, 65536);
            p = std::to_chars(p, p + 24, number).ptr;
            break;
        }
        case Kind::Word:
        case Kind::UpperWord: {
            const std::string_view word = kWords[hash::below(bits, kWords.size())];
            for (char c : word) {
                *p++ = token.kind == Kind::Word ? c : static_cast<char>(c - 'a' + 'A');
            }
            break;
        }
        case Kind::Range:
            p = writeRange(m_ranges[token.begin], bits, p);
            break;
        case Kind::Literal:
        case Kind::Class:
        case Kind::Pick:
        case Kind::Lorem:
            break;
        }
    }
    return p;
}

} // namespace streamgen
