#include "engine/expr/expr_lexer.h"

#include <charconv>
#include <optional>

namespace streamgen::expr::detail {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameChar(char c) {
    return isNameStart(c) || isDigit(c);
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char lowerChar(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Spark's escapes in string literals; an unknown escape stands for the character itself.
char unescape(char c) {
    switch (c) {
    case 'n':
        return '\n';
    case 't':
        return '\t';
    case 'r':
        return '\r';
    case '0':
        return '\0';
    default:
        return c;
    }
}

class Lexer {
public:
    explicit Lexer(std::string_view source) : m_source(source) {}

    std::variant<std::vector<Token>, CompileError> run() {
        std::vector<Token> tokens;
        for (;;) {
            while (m_pos < m_source.size() && isSpace(m_source[m_pos])) {
                ++m_pos;
            }
            Token token;
            token.offset = m_pos;
            if (m_pos == m_source.size()) {
                tokens.push_back(std::move(token));
                return tokens;
            }
            if (auto error = next(token)) {
                return std::move(*error);
            }
            token.length = m_pos - token.offset;
            tokens.push_back(std::move(token));
        }
    }

private:
    std::optional<CompileError> next(Token& token) {
        const char c = m_source[m_pos];
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            return number(token);
        }
        if (isNameStart(c)) {
            const std::size_t begin = m_pos;
            while (m_pos < m_source.size() && isNameChar(m_source[m_pos])) {
                ++m_pos;
            }
            token.kind = TokenKind::Identifier;
            token.text = m_source.substr(begin, m_pos - begin);
            return std::nullopt;
        }
        if (c == '\'' || c == '"') {
            return quoted(token, TokenKind::String, "unterminated string");
        }
        if (c == '`') {
            return quoted(token, TokenKind::QuotedIdentifier, "unterminated quoted column name");
        }
        return symbol(token);
    }

    char peek(std::size_t ahead) const {
        return m_pos + ahead < m_source.size() ? m_source[m_pos + ahead] : '\0';
    }

    void skipDigits() {
        while (m_pos < m_source.size() && isDigit(m_source[m_pos])) {
            ++m_pos;
        }
    }

    std::optional<CompileError> number(Token& token) {
        const std::size_t begin = m_pos;
        bool real = false;
        skipDigits();
        if (peek(0) == '.') {
            real = true;
            ++m_pos;
            skipDigits();
        }
        if (peek(0) == 'e' || peek(0) == 'E') {
            real = true;
            ++m_pos;
            if (peek(0) == '+' || peek(0) == '-') {
                ++m_pos;
            }
            if (!isDigit(peek(0))) {
                return CompileError{begin, "malformed number: the exponent has no digits"};
            }
            skipDigits();
        }
        if (isNameChar(peek(0)) || peek(0) == '.') {
            return CompileError{m_pos, "malformed number: unexpected `" + std::string(1, peek(0)) +
                                           "` after it"};
        }
        const char* first = m_source.data() + begin;
        const char* last = m_source.data() + m_pos;
        if (!real && std::from_chars(first, last, token.integer).ec == std::errc()) {
            token.kind = TokenKind::Integer;
            return std::nullopt;
        }
        // Integers beyond int64 become doubles rather than errors, as large literals in Spark
        // become decimals.
        token.kind = TokenKind::Real;
        std::from_chars(first, last, token.real);
        return std::nullopt;
    }

    std::optional<CompileError> quoted(Token& token, TokenKind kind, const char* unterminated) {
        const std::size_t begin = m_pos;
        const char quote = m_source[m_pos++];
        for (;;) {
            if (m_pos >= m_source.size()) {
                return CompileError{begin, unterminated};
            }
            const char c = m_source[m_pos++];
            if (c == quote) {
                if (peek(0) != quote) {
                    break;
                }
                ++m_pos;
                token.text += quote;
            } else if (c == '\\' && kind == TokenKind::String && m_pos < m_source.size()) {
                token.text += unescape(m_source[m_pos++]);
            } else {
                token.text += c;
            }
        }
        token.kind = kind;
        return std::nullopt;
    }

    std::optional<CompileError> symbol(Token& token) {
        struct Symbol {
            std::string_view text;
            TokenKind kind;
        };
        // Longest first, so that `<=` is not read as `<` then `=`.
        static constexpr Symbol kSymbols[] = {
            {"<>", TokenKind::NotEqual},  {"!=", TokenKind::NotEqual},
            {"<=", TokenKind::LessEqual}, {">=", TokenKind::GreaterEqual},
            {"==", TokenKind::Equal},     {"&&", TokenKind::AndAnd},
            {"||", TokenKind::OrOr},      {"(", TokenKind::LeftParen},
            {")", TokenKind::RightParen}, {",", TokenKind::Comma},
            {"+", TokenKind::Plus},       {"-", TokenKind::Minus},
            {"*", TokenKind::Star},       {"/", TokenKind::Slash},
            {"%", TokenKind::Percent},    {"=", TokenKind::Equal},
            {"<", TokenKind::Less},       {">", TokenKind::Greater},
            {"!", TokenKind::Bang},
        };
        for (const Symbol& symbol : kSymbols) {
            if (m_source.substr(m_pos).starts_with(symbol.text)) {
                token.kind = symbol.kind;
                token.text = symbol.text;
                m_pos += symbol.text.size();
                return std::nullopt;
            }
        }
        return CompileError{m_pos,
                            "unexpected character `" + std::string(1, m_source[m_pos]) + "`"};
    }

    std::string_view m_source;
    std::size_t m_pos = 0;
};

} // namespace

std::variant<std::vector<Token>, CompileError> tokenize(std::string_view source) {
    return Lexer(source).run();
}

bool isKeyword(const Token& token, std::string_view keyword) {
    if (token.kind != TokenKind::Identifier || token.text.size() != keyword.size()) {
        return false;
    }
    for (std::size_t i = 0; i < keyword.size(); ++i) {
        if (lowerChar(token.text[i]) != keyword[i]) {
            return false;
        }
    }
    return true;
}

std::string backticked(std::string_view name) {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "`" + std::string.
    std::string quoted;
    quoted.reserve(name.size() + 2);
    quoted += '`';
    quoted += name;
    quoted += '`';
    return quoted;
}

std::string lowerCase(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) {
        c = lowerChar(c);
    }
    return lower;
}

} // namespace streamgen::expr::detail
