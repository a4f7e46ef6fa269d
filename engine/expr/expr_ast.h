#pragma once

#include "engine/expr/expr_program.h"

#include <cstdint>
#include <string>
#include <vector>

namespace streamgen::expr::detail {

enum class NodeKind : uint8_t { Literal, Column, Unary, Binary, IsNull, Case, Call, Cast };

enum class UnaryOp : uint8_t { Negate, Plus, Not };

enum class BinaryOp : uint8_t {
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    IntegerDivide,
};

enum class Function : uint8_t {
    Abs,
    Round,
    Floor,
    Ceil,
    Least,
    Greatest,
    Coalesce,
    Concat,
    Lower,
    Upper,
    Substr,
    Length,
    Hash,
    Rand,
    Randn,
    If,
};

/// One node of the syntax tree. Children are indices into the Ast's nodes, so that a tree of
/// any shape is destroyed without recursion.
struct Node {
    NodeKind kind = NodeKind::Literal;
    uint8_t op = 0;          ///< UnaryOp, BinaryOp or Function; Cast: the target ResultType
    bool negated = false;    ///< IsNull: IS NOT NULL
    bool hasSubject = false; ///< Case: the simple form, whose first child is the subject
    bool hasElse = false;    ///< Case: the last child is the ELSE value
    /// Literal and Column: set by the parser; else by the type check.
    ResultType type = ResultType::Null;
    /// Set by the type check: the type operands are brought to (arithmetic, comparisons, the
    /// arguments of coalesce, least and greatest, the subject and WHEN values of a simple CASE).
    ResultType operandType = ResultType::Null;
    std::size_t start = 0; ///< first character of the node's text
    std::size_t at = 0;    ///< its operator, function name or keyword
    int height = 1;
    std::vector<uint32_t> children;
    int64_t integer = 0; ///< Int / Bool literal; Call: rand's draw index, round's digits
    double real = 0.0;   ///< Double literal
    std::string text;    ///< String literal; Column: the name as written; Call: in lower case
    uint32_t slot = 0;   ///< Column
};

struct Ast {
    std::vector<Node> nodes;
    uint32_t root = 0;
    std::vector<std::size_t> inputsUsed; ///< ascending
};

} // namespace streamgen::expr::detail
