#include "engine/expr/expr_type_check.h"

#include "engine/expr/expr_lexer.h"
#include "engine/expr/expr_parser.h"

#include <algorithm>
#include <string>

namespace streamgen::expr::detail {

namespace {

bool isNumeric(ResultType type) {
    return type == ResultType::Int || type == ResultType::Double || type == ResultType::Null;
}

bool isInteger(ResultType type) {
    return type == ResultType::Int || type == ResultType::Null;
}

bool isTemporal(ResultType type) {
    return type == ResultType::Timestamp || type == ResultType::Date;
}

bool isBoolean(ResultType type) {
    return type == ResultType::Bool || type == ResultType::Null;
}

/// The type with its article, as messages say it.
std::string aType(ResultType type) {
    switch (type) {
    case ResultType::Bool:
        return "a boolean";
    case ResultType::Int:
        return "an integer";
    case ResultType::Double:
        return "a double";
    case ResultType::String:
        return "a string";
    case ResultType::Timestamp:
        return "a timestamp";
    case ResultType::Date:
        return "a date";
    case ResultType::Null:
        break;
    }
    return "null";
}

std::string_view operatorName(BinaryOp op) {
    static constexpr std::string_view kNames[] = {"OR", "AND", "=", "<>", "<", "<=", ">",
                                                  ">=", "+",   "-", "*",  "/", "%",  "div"};
    return kNames[static_cast<std::size_t>(op)];
}

bool isComparison(BinaryOp op) {
    return op >= BinaryOp::Equal && op <= BinaryOp::GreaterEqual;
}

bool castAllowed(ResultType from, ResultType to) {
    if (from == to || from == ResultType::Null || to == ResultType::String) {
        return true;
    }
    switch (to) {
    case ResultType::Int:
        return from != ResultType::Null;
    case ResultType::Double:
    case ResultType::Bool:
        return from == ResultType::Int || from == ResultType::Double ||
               from == ResultType::String || from == ResultType::Bool;
    case ResultType::Timestamp:
    case ResultType::Date:
        return from == ResultType::Int || isTemporal(from);
    default:
        return false;
    }
}

class TypeChecker {
public:
    explicit TypeChecker(Ast& ast) : m_ast(ast) {}

    void check(uint32_t index) {
        for (const uint32_t child : m_ast.nodes[index].children) {
            check(child);
        }
        Node& node = m_ast.nodes[index];
        switch (node.kind) {
        case NodeKind::Literal:
        case NodeKind::Column:
            return;
        case NodeKind::IsNull:
            node.type = ResultType::Bool;
            return;
        case NodeKind::Unary:
            checkUnary(node);
            return;
        case NodeKind::Binary:
            checkBinary(node);
            return;
        case NodeKind::Case:
            checkCase(node);
            return;
        case NodeKind::Call:
            checkCall(node);
            return;
        case NodeKind::Cast:
            checkCast(node);
            return;
        }
    }

private:
    const Node& child(const Node& node, std::size_t i) const {
        return m_ast.nodes[node.children[i]];
    }

    [[noreturn]] static void fail(std::size_t offset, std::string message) {
        throw CompileFailure{CompileError{offset, std::move(message)}};
    }

    /// Fails unless `operand` passes `accepts`, saying what `what` needs.
    template <typename Accepts>
    static void require(const Node& operand, Accepts accepts, std::string_view what,
                        std::string_view needs) {
        if (!accepts(operand.type)) {
            fail(operand.start, std::string(what) + " needs " + std::string(needs) + ", found " +
                                    aType(operand.type));
        }
    }

    /// The one type children first, first + step, ... can all take; `what` names them.
    ResultType unify(const Node& node, std::size_t first, std::size_t step,
                     std::string_view what) const {
        ResultType type = ResultType::Null;
        for (std::size_t i = first; i < node.children.size(); i += step) {
            type = joinOrFail(type, child(node, i), what);
        }
        return type;
    }

    void checkUnary(Node& node) {
        const Node& operand = child(node, 0);
        if (static_cast<UnaryOp>(node.op) == UnaryOp::Not) {
            require(operand, isBoolean, "`NOT`", "a boolean");
            node.type = ResultType::Bool;
            return;
        }
        const char* name = static_cast<UnaryOp>(node.op) == UnaryOp::Negate ? "`-`" : "`+`";
        require(operand, isNumeric, name, "a number");
        node.type = operand.type;
    }

    void checkBinary(Node& node) {
        const auto op = static_cast<BinaryOp>(node.op);
        const std::string name = backticked(operatorName(op));
        const Node& left = child(node, 0);
        const Node& right = child(node, 1);
        if (op == BinaryOp::And || op == BinaryOp::Or) {
            require(left, isBoolean, name, "booleans");
            require(right, isBoolean, name, "booleans");
            node.type = ResultType::Bool;
            return;
        }
        if (isComparison(op)) {
            const std::optional<ResultType> joined = joinTypes(left.type, right.type);
            if (!joined) {
                fail(node.at,
                     name + " cannot compare " + aType(left.type) + " with " + aType(right.type));
            }
            node.operandType = *joined;
            node.type = ResultType::Bool;
            return;
        }
        if ((op == BinaryOp::Add || op == BinaryOp::Subtract) &&
            (isTemporal(left.type) || isTemporal(right.type))) {
            checkTemporalArithmetic(node, op, left.type, right.type);
            return;
        }
        require(left, isNumeric, name, "numbers");
        require(right, isNumeric, name, "numbers");
        const ResultType joined = *joinTypes(left.type, right.type);
        node.operandType = joined;
        node.type = joined;
        if (op == BinaryOp::Divide) {
            node.operandType = ResultType::Double;
            node.type = ResultType::Double;
        } else if (op == BinaryOp::IntegerDivide) {
            node.type = ResultType::Int;
        }
    }

    /// Timestamps move by milliseconds and dates by days; two of a kind subtract to a count.
    void checkTemporalArithmetic(Node& node, BinaryOp op, ResultType left, ResultType right) {
        node.operandType = ResultType::Int;
        const bool leftCount = isInteger(left);
        const bool rightCount = isInteger(right);
        if (isTemporal(left) && rightCount) {
            node.type = left;
        } else if (op == BinaryOp::Add && leftCount && isTemporal(right)) {
            node.type = right;
        } else if (op == BinaryOp::Subtract && (left == right || left == ResultType::Null)) {
            node.type = ResultType::Int;
        } else {
            fail(node.at, backticked(operatorName(op)) + " cannot combine " + aType(left) +
                              " and " + aType(right));
        }
    }

    void checkCase(Node& node) {
        const std::size_t first = node.hasSubject ? 1 : 0;
        const std::size_t pairsEnd = node.children.size() - (node.hasElse ? 1 : 0);
        if (node.hasSubject) {
            ResultType compared = child(node, 0).type;
            for (std::size_t i = first; i < pairsEnd; i += 2) {
                const Node& when = child(node, i);
                const std::optional<ResultType> joined = joinTypes(compared, when.type);
                if (!joined) {
                    fail(when.start, "CASE cannot compare " + aType(child(node, 0).type) +
                                         " with " + aType(when.type));
                }
                compared = *joined;
            }
            node.operandType = compared;
        } else {
            for (std::size_t i = first; i < pairsEnd; i += 2) {
                require(child(node, i), isBoolean, "WHEN", "a boolean condition");
            }
        }
        ResultType type = unify(node, first + 1, 2, "CASE results");
        if (node.hasElse) {
            type = joinOrFail(type, child(node, node.children.size() - 1), "CASE results");
        }
        node.type = type;
    }

    static ResultType joinOrFail(ResultType type, const Node& value, std::string_view what) {
        const std::optional<ResultType> joined = joinTypes(type, value.type);
        if (!joined) {
            fail(value.start,
                 std::string(what) + " mix " + aType(type) + " and " + aType(value.type));
        }
        return *joined;
    }

    void checkCall(Node& node) {
        const std::string name = backticked(node.text);
        switch (static_cast<Function>(node.op)) {
        case Function::Abs:
            require(child(node, 0), isNumeric, name, "a number");
            node.type = child(node, 0).type;
            return;
        case Function::Round:
            checkRound(node, name);
            return;
        case Function::Floor:
        case Function::Ceil:
            require(child(node, 0), isNumeric, name, "a number");
            node.type = ResultType::Int;
            return;
        case Function::Least:
        case Function::Greatest:
        case Function::Coalesce:
            node.operandType = unify(node, 0, 1, name + " arguments");
            node.type = node.operandType;
            return;
        case Function::If:
            require(child(node, 0), isBoolean, name, "a boolean condition");
            node.type = unify(node, 1, 1, name + " results");
            return;
        case Function::Substr:
            for (std::size_t i = 1; i < node.children.size(); ++i) {
                require(child(node, i), isInteger, name,
                        i == 1 ? "an integer position" : "an integer length");
            }
            node.type = ResultType::String;
            return;
        case Function::Concat:
        case Function::Lower:
        case Function::Upper:
            node.type = ResultType::String;
            return;
        case Function::Length:
        case Function::Hash:
            node.type = ResultType::Int;
            return;
        case Function::Rand:
        case Function::Randn:
            node.type = ResultType::Double;
            return;
        }
    }

    void checkRound(Node& node, const std::string& name) {
        require(child(node, 0), isNumeric, name, "a number");
        node.type = child(node, 0).type;
        if (node.children.size() == 2) {
            const Node& digits = child(node, 1);
            if (digits.kind != NodeKind::Literal || digits.type != ResultType::Int) {
                fail(digits.start, name + " needs a constant integer for its digits");
            }
            // Beyond ±400 digits every double rounds the same.
            node.integer = std::clamp<int64_t>(digits.integer, -400, 400);
        }
    }

    void checkCast(Node& node) {
        const auto to = static_cast<ResultType>(node.op);
        const ResultType from = child(node, 0).type;
        if (!castAllowed(from, to)) {
            fail(node.at, "cannot cast " + aType(from) + " to " + std::string(typeName(to)));
        }
        node.type = to;
    }

    Ast& m_ast;
};

} // namespace

std::optional<ResultType> joinTypes(ResultType a, ResultType b) {
    if (a == b || b == ResultType::Null) {
        return a;
    }
    if (a == ResultType::Null) {
        return b;
    }
    const auto either = [&](ResultType x, ResultType y) {
        return (a == x && b == y) || (a == y && b == x);
    };
    if (either(ResultType::Int, ResultType::Double)) {
        return ResultType::Double;
    }
    if (either(ResultType::Date, ResultType::Timestamp)) {
        return ResultType::Timestamp;
    }
    return std::nullopt;
}

void checkTypes(Ast& ast) {
    TypeChecker(ast).check(ast.root);
}

} // namespace streamgen::expr::detail
