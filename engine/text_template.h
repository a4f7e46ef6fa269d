#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace streamgen {

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

    /// Appends the text for the event `key` (number `sequence`) of the field with `salt`.
    void expand(uint64_t key, uint64_t salt, uint64_t sequence, std::string& out) const;

    /// The most characters one expansion appends, for reserving buffers.
    std::size_t longest() const;

private:
    enum class Kind : uint8_t { Literal, Class, Byte, Short, Word, UpperWord, Number };
    struct Token {
        Kind kind = Kind::Literal;
        uint32_t begin = 0;  ///< Literal: offset in m_literals; Class: offset of its characters
        uint32_t length = 0; ///< characters of the literal or the class
    };
    struct Alternative {
        std::vector<Token> tokens;
    };

    void addLiteral(Alternative& alternative, char c);
    void addClass(Alternative& alternative, std::string_view characters);

    std::vector<Alternative> m_alternatives;
    std::string m_literals; ///< literal runs and class characters, referenced by tokens
};

} // namespace streamgen
