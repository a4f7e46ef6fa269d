#include "engine/expr/expr_catalog.h"

#include "engine/expr/expr_lexer.h"

#include <algorithm>

namespace streamgen::expr::detail {

namespace {

constexpr std::string_view kReserved[] = {"and", "or", "when", "then", "else",
                                          "end", "is", "as",   "div"};

constexpr FunctionInfo kFunctions[] = {
    {"abs", Function::Abs, 1, 1},
    {"round", Function::Round, 1, 2},
    {"floor", Function::Floor, 1, 1},
    {"ceil", Function::Ceil, 1, 1},
    {"ceiling", Function::Ceil, 1, 1},
    {"least", Function::Least, 2, -1},
    {"greatest", Function::Greatest, 2, -1},
    {"coalesce", Function::Coalesce, 1, -1},
    {"ifnull", Function::Coalesce, 2, 2},
    {"nvl", Function::Coalesce, 2, 2},
    {"concat", Function::Concat, 1, -1},
    {"lower", Function::Lower, 1, 1},
    {"lcase", Function::Lower, 1, 1},
    {"upper", Function::Upper, 1, 1},
    {"ucase", Function::Upper, 1, 1},
    {"substr", Function::Substr, 2, 3},
    {"substring", Function::Substr, 2, 3},
    {"length", Function::Length, 1, 1},
    {"char_length", Function::Length, 1, 1},
    {"character_length", Function::Length, 1, 1},
    {"hash", Function::Hash, 1, -1},
    {"rand", Function::Rand, 0, 0},
    {"random", Function::Rand, 0, 0},
    {"randn", Function::Randn, 0, 0},
    {"if", Function::If, 3, 3},
};

struct TypeNameInfo {
    std::string_view name;
    ResultType type;
};

constexpr TypeNameInfo kTypeNames[] = {
    {"int", ResultType::Int},        {"integer", ResultType::Int},
    {"bigint", ResultType::Int},     {"long", ResultType::Int},
    {"smallint", ResultType::Int},   {"tinyint", ResultType::Int},
    {"double", ResultType::Double},  {"float", ResultType::Double},
    {"real", ResultType::Double},    {"string", ResultType::String},
    {"varchar", ResultType::String}, {"boolean", ResultType::Bool},
    {"bool", ResultType::Bool},      {"timestamp", ResultType::Timestamp},
    {"date", ResultType::Date},
};

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::optional<Infix> infixOf(const Token& token) {
    switch (token.kind) {
    case TokenKind::OrOr:
        return Infix{BinaryOp::Or, kOrPower};
    case TokenKind::AndAnd:
        return Infix{BinaryOp::And, kAndPower};
    case TokenKind::Equal:
        return Infix{BinaryOp::Equal, kComparisonPower};
    case TokenKind::NotEqual:
        return Infix{BinaryOp::NotEqual, kComparisonPower};
    case TokenKind::Less:
        return Infix{BinaryOp::Less, kComparisonPower};
    case TokenKind::LessEqual:
        return Infix{BinaryOp::LessEqual, kComparisonPower};
    case TokenKind::Greater:
        return Infix{BinaryOp::Greater, kComparisonPower};
    case TokenKind::GreaterEqual:
        return Infix{BinaryOp::GreaterEqual, kComparisonPower};
    case TokenKind::Plus:
        return Infix{BinaryOp::Add, kAdditivePower};
    case TokenKind::Minus:
        return Infix{BinaryOp::Subtract, kAdditivePower};
    case TokenKind::Star:
        return Infix{BinaryOp::Multiply, kMultiplicativePower};
    case TokenKind::Slash:
        return Infix{BinaryOp::Divide, kMultiplicativePower};
    case TokenKind::Percent:
        return Infix{BinaryOp::Modulo, kMultiplicativePower};
    default:
        break;
    }
    if (isKeyword(token, "or")) {
        return Infix{BinaryOp::Or, kOrPower};
    }
    if (isKeyword(token, "and")) {
        return Infix{BinaryOp::And, kAndPower};
    }
    if (isKeyword(token, "div")) {
        return Infix{BinaryOp::IntegerDivide, kMultiplicativePower};
    }
    return std::nullopt;
}

bool isReserved(const Token& token) {
    for (const std::string_view reserved : kReserved) {
        if (isKeyword(token, reserved)) {
            return true;
        }
    }
    return false;
}

const FunctionInfo* findFunction(std::string_view lowerName) {
    for (const FunctionInfo& info : kFunctions) {
        if (info.name == lowerName) {
            return &info;
        }
    }
    return nullptr;
}

std::vector<std::string_view> functionNames() {
    std::vector<std::string_view> names{"cast"};
    for (const FunctionInfo& info : kFunctions) {
        names.push_back(info.name);
    }
    return names;
}

std::optional<ResultType> findType(std::string_view lowerName) {
    for (const TypeNameInfo& info : kTypeNames) {
        if (info.name == lowerName) {
            return info.type;
        }
    }
    return std::nullopt;
}

std::string closestName(std::string_view name, std::span<const std::string_view> candidates) {
    const std::string lower = lowerCase(name);
    // About one typo in every four characters still reads as the same word.
    std::size_t best = std::max<std::size_t>(1, (name.size() + 2) / 4) + 1;
    std::string closest;
    for (const std::string_view candidate : candidates) {
        const std::size_t distance = editDistance(lower, lowerCase(candidate));
        if (distance < best) {
            best = distance;
            closest = candidate;
        }
    }
    return closest;
}

} // namespace streamgen::expr::detail
