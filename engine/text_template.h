#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace streamgen {

struct DataSet;

/// True when `text` is printable ASCII without `"` or `\\`: JSON writes it without escapes.
bool isPlainText(std::string_view text);

/// A problem in a template: what, and where (0-based offset in the text).
struct TemplateError {
    std::string message;
    std::size_t offset = 0;
};

/// Strings made from a pattern, compiled once: dbldatagen's `template` mini-language and
/// StreamForge's `format` patterns. Expanding appends to a caller's buffer and draws each
/// placeholder from the event's key, so the text is a function of the event.
class TextTemplate {
public:
    /// dbldatagen's templates: `d` a digit, `D` a digit 1-9, `x`/`X` a hex digit, `a`/`A` a
    /// letter, `k`/`K` a letter or digit; `\n` 0-255, `\N` 0-65535, `\w`/`\W` a lorem-ipsum word
    /// (lower / upper case), `\v` the event number (dbldatagen's default base column, `id`);
    /// `|` separates alternatives, one drawn per event; `\` makes the next character literal.
    /// With `escapeSpecialChars` the letters are literal and `\d`, `\a`, ... are placeholders.
    static std::variant<TextTemplate, TemplateError> compile(std::string_view text,
                                                             bool escapeSpecialChars);
    /// StreamForge's patterns: `"RES|COM|IND"` one of the parts; otherwise each `#` a digit
    /// and each `?` an upper-case letter (`"MTR-####-####"`), the rest as written.
    static TextTemplate pattern(std::string_view text);
    /// Realistic values composed from the built-in data sets (engine/data_sets.h): `{set}` a
    /// row's first column, `{set.N}` its column N, `{set:slug}` its lower-case letters and digits
    /// only; every mention of one set uses the same row, so `{cities}, {cities.1}` names a city and
    /// its own state.
    /// `{A..B}` a whole number in [A, B] written with at least as many digits as A is
    /// (`{0000..9999}`), `{A..B:hex}` the same in lower-case hexadecimal; the rest is literal.
    static std::variant<TextTemplate, TemplateError> recipe(std::string_view text);
    /// dbldatagen's ILText: `paragraphs` paragraphs of `sentences` sentences of `words` lorem
    /// ipsum words, each count drawn from a normal distribution around the middle of its
    /// inclusive range ([min, max] with standard deviation (max - min) / 2), rounded and
    /// clipped to it. A sentence starts with a capital and ends with ". "; with more than one
    /// paragraph allowed, each ends with "\n\n"; the text is trimmed at both ends.
    static TextTemplate lorem(std::pair<int64_t, int64_t> paragraphs,
                              std::pair<int64_t, int64_t> sentences,
                              std::pair<int64_t, int64_t> words);

    /// Appends the text for the event `key` (number `sequence`) of the field with `salt`.
    void expand(uint64_t key, uint64_t salt, uint64_t sequence, std::string& out) const;
    /// Replaces `out` with `before`, the expansion and `after`, written in one piece.
    void expandBetween(std::string_view before, std::string_view after, uint64_t key, uint64_t salt,
                       uint64_t sequence, std::string& out) const;

    /// Draws data set rows on the event key alone, not the field: fields that share their key
    /// (a base column) then name the same person, as a full name and an e-mail address should.
    void shareRows() { m_sharedRows = true; }

    /// True when every expansion is printable ASCII without `"` or `\\`, so that JSON needs to
    /// escape nothing in it.
    bool isPlain() const;

private:
    enum class Kind : uint8_t {
        Literal,
        Class,
        Byte,
        Short,
        Word,
        UpperWord,
        Number,
        Pick,  ///< a data set's column, or its slugs; begin: index in m_picks
        Range, ///< a whole number in a range
        Lorem, ///< lorem ipsum text; begin: the first of its three ranges in m_ranges
    };
    struct Token {
        Kind kind = Kind::Literal;
        /// Literal: offset in m_literals; Class: offset of its characters; Pick: index in
        /// m_sets; Range: index in m_ranges
        uint32_t begin = 0;
        uint32_t length = 0; ///< characters of the literal or the class; Pick: the column
    };
    struct NumberRange {
        uint64_t lo = 0;
        uint64_t count = 1;
        int width = 0; ///< the fewest digits written
        bool hex = false;
    };
    struct Alternative {
        std::vector<Token> tokens;
        std::size_t longest = 0; ///< the most characters it writes (set by finish)
    };

    void addLiteral(Alternative& alternative, char c);
    void addClass(Alternative& alternative, std::string_view characters);
    std::string addPlaceholder(Alternative& alternative, std::string_view inside);
    /// Writes a number of `range` at `p` (with room for 24 bytes more); returns its end.
    static char* writeRange(const NumberRange& range, uint64_t bits, char* p);
    void appendLorem(uint32_t ranges, uint64_t key, uint64_t salt, std::string& out) const;
    /// Computes each alternative's `longest` and pads m_literals; every factory ends with it.
    void finish();
    std::size_t longestOf(const Token& token) const;
    void appendTokens(const Alternative& alternative, uint64_t key, uint64_t salt,
                      uint64_t sequence, std::string& out) const;
    char* writeTokens(const Alternative& alternative, uint64_t key, uint64_t salt,
                      uint64_t sequence, char* p) const;

    std::vector<Alternative> m_alternatives;
    std::string m_literals; ///< literal runs and class characters, referenced by tokens
    /// A Pick token's values: a data set's column (or its slugs) and the set's slot in m_sets.
    struct PickSource {
        const std::string_view* values = nullptr;
        const DataSet* set = nullptr; ///< for weighted sets; rows are drawn by set->pick
        uint64_t count = 0;           ///< uniform sets: the rows, drawn here inline
        uint64_t draw = 0;            ///< the draw number of the set's row, by the set
        uint32_t slot = 0;
    };
    std::vector<const DataSet*> m_sets; ///< recipes: the data sets named, each once
    std::vector<PickSource> m_picks;    ///< recipes: what each Pick token writes
    bool m_sharedRows = false;          ///< rows drawn on the key alone (shareRows)
    std::vector<NumberRange> m_ranges;  ///< recipes: the number ranges
};

} // namespace streamgen
