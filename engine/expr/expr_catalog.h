#pragma once

#include "engine/expr/expr_ast.h"
#include "engine/expr/expr_lexer.h"
#include "engine/expr/expr_program.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen::expr::detail {

// Binding powers: SQL precedence, loosest first.
inline constexpr int kOrPower = 1;
inline constexpr int kAndPower = 2;
inline constexpr int kNotOperandPower = 3;
inline constexpr int kComparisonPower = 4;
inline constexpr int kAdditivePower = 6;
inline constexpr int kMultiplicativePower = 7;
inline constexpr int kUnaryOperandPower = 8;

struct Infix {
    BinaryOp op;
    int power;
};

/// The binary operator `token` is, if any.
std::optional<Infix> infixOf(const Token& token);

/// Whether `token` is a word that ends or joins expressions and so cannot start one (a column
/// with such a name is written in backticks).
bool isReserved(const Token& token);

/// A function of the language and how many arguments it takes.
struct FunctionInfo {
    std::string_view name;
    Function function;
    int minArgs;
    int maxArgs; ///< -1: any number
};

/// The function called `lowerName` (aliases included), or null.
const FunctionInfo* findFunction(std::string_view lowerName);

/// Every function name, CAST included, for suggestions.
std::vector<std::string_view> functionNames();

/// The type a CAST names as `lowerName` (int, bigint, double, string, ...).
std::optional<ResultType> findType(std::string_view lowerName);

/// The closest of `candidates` to `name`, ignoring case, if it is close enough to be a likely
/// typo; else "".
std::string closestName(std::string_view name, std::span<const std::string_view> candidates);

} // namespace streamgen::expr::detail
