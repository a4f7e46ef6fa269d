#pragma once

#include "engine/expr/expr_program.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace streamgen::expr::detail {

enum class TokenKind : uint8_t {
    End,
    Integer,
    Real,
    String,
    Identifier,       ///< a name or a keyword, as written
    QuotedIdentifier, ///< `a name` in backticks: always a column
    LeftParen,
    RightParen,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Bang,
    AndAnd,
    OrOr,
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::size_t offset = 0;
    std::size_t length = 0; ///< characters of the source it spans
    std::string text;       ///< names as written; strings and quoted names unescaped
    int64_t integer = 0;
    double real = 0.0;
};

/// Splits `source` into tokens, the last one End.
std::variant<std::vector<Token>, CompileError> tokenize(std::string_view source);

/// Whether `token` is the keyword `keyword` (lower case), which is matched ignoring case.
bool isKeyword(const Token& token, std::string_view keyword);

/// `name` in backticks, as messages quote names and operators.
std::string backticked(std::string_view name);

/// `name` in lower case (ASCII).
std::string lowerCase(std::string_view name);

} // namespace streamgen::expr::detail
