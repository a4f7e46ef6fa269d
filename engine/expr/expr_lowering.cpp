#include "engine/expr/expr_lowering.h"

#include <algorithm>

namespace streamgen::expr::detail {

namespace {

Comparison comparisonOf(BinaryOp op) {
    return static_cast<Comparison>(static_cast<int>(op) - static_cast<int>(BinaryOp::Equal));
}

bool isReal(ResultType type) {
    return type == ResultType::Double;
}

Op arithmeticOp(BinaryOp op, ResultType operands) {
    const bool real = isReal(operands);
    switch (op) {
    case BinaryOp::Add:
        return real ? Op::AddDouble : Op::AddInt;
    case BinaryOp::Subtract:
        return real ? Op::SubDouble : Op::SubInt;
    case BinaryOp::Multiply:
        return real ? Op::MulDouble : Op::MulInt;
    case BinaryOp::Divide:
        return Op::DivDouble;
    case BinaryOp::Modulo:
        return real ? Op::ModDouble : Op::ModInt;
    default:
        return real ? Op::DivDoubleToInt : Op::DivInt;
    }
}

class Lowering {
public:
    explicit Lowering(const Ast& ast) : m_ast(ast) {}

    Code run() {
        value(m_ast.root, m_ast.nodes[m_ast.root].type);
        return std::move(m_code);
    }

private:
    /// Appends an instruction that changes the stack's height by `effect`; returns its index.
    std::size_t emit(Op op, int effect, uint32_t target = 0, int64_t integer = 0, double real = 0.0,
                     ResultType type = ResultType::Null) {
        m_code.instructions.push_back(
            Instruction{op, static_cast<uint8_t>(type), target, integer, real});
        m_depth += effect;
        m_code.maxDepth = std::max(m_code.maxDepth, static_cast<std::size_t>(m_depth));
        return m_code.instructions.size() - 1;
    }

    std::size_t emitTyped(Op op, int effect, ResultType type) {
        return emit(op, effect, 0, 0, 0.0, type);
    }

    /// Points the jump at `jump` to the next instruction to be emitted.
    void land(std::size_t jump) {
        m_code.instructions[jump].target = static_cast<uint32_t>(m_code.instructions.size());
    }

    const Node& child(const Node& node, std::size_t i) const {
        return m_ast.nodes[node.children[i]];
    }

    uint32_t childIndex(const Node& node, std::size_t i) const { return node.children[i]; }

    /// Pushes the value of node `index` in the representation of `type`.
    void value(uint32_t index, ResultType type) {
        const Node& node = m_ast.nodes[index];
        if (node.kind == NodeKind::Literal && node.type == ResultType::Int &&
            type == ResultType::Double) {
            emit(Op::PushDouble, 1, 0, 0, static_cast<double>(node.integer));
            return;
        }
        lowerNode(node);
        convert(node.type, type);
    }

    void convert(ResultType from, ResultType to) {
        if (from == to || from == ResultType::Null || to == ResultType::Null) {
            return;
        }
        switch (to) {
        case ResultType::Double:
            emit(from == ResultType::String ? Op::StringToDouble : Op::IntToDouble, 0);
            return;
        case ResultType::Int:
            if (from == ResultType::Double || from == ResultType::String) {
                emit(from == ResultType::Double ? Op::DoubleToInt : Op::StringToInt, 0);
            }
            return;
        case ResultType::Bool:
            emit(from == ResultType::Int      ? Op::IntToBool
                 : from == ResultType::Double ? Op::DoubleToBool
                                              : Op::StringToBool,
                 0);
            return;
        case ResultType::String:
            emitTyped(Op::ToString, 0, from);
            return;
        case ResultType::Timestamp:
            if (from == ResultType::Date) {
                emit(Op::DateToTimestamp, 0);
            }
            return;
        case ResultType::Date:
            if (from == ResultType::Timestamp) {
                emit(Op::TimestampToDate, 0);
            }
            return;
        case ResultType::Null:
            return;
        }
    }

    void lowerNode(const Node& node) {
        switch (node.kind) {
        case NodeKind::Literal:
            literal(node);
            return;
        case NodeKind::Column:
            emit(Op::Load, 1, node.slot, 0, 0.0, node.type);
            return;
        case NodeKind::Unary:
            unary(node);
            return;
        case NodeKind::Binary:
            binary(node);
            return;
        case NodeKind::IsNull:
            lowerNode(child(node, 0));
            emit(node.negated ? Op::IsNotNull : Op::IsNull, 0);
            return;
        case NodeKind::Case:
            caseWhen(node);
            return;
        case NodeKind::Call:
            call(node);
            return;
        case NodeKind::Cast:
            value(childIndex(node, 0), node.type);
            return;
        }
    }

    void literal(const Node& node) {
        switch (node.type) {
        case ResultType::Double:
            emit(Op::PushDouble, 1, 0, 0, node.real);
            return;
        case ResultType::String:
            emit(Op::PushString, 1, static_cast<uint32_t>(m_code.literals.size()),
                 static_cast<int64_t>(node.text.size()));
            m_code.literals += node.text;
            return;
        case ResultType::Null:
            emit(Op::PushNull, 1);
            return;
        default:
            emit(Op::PushInt, 1, 0, node.integer);
            return;
        }
    }

    void unary(const Node& node) {
        switch (static_cast<UnaryOp>(node.op)) {
        case UnaryOp::Not:
            value(childIndex(node, 0), ResultType::Bool);
            emit(Op::Not, 0);
            return;
        case UnaryOp::Negate:
            value(childIndex(node, 0), node.type);
            if (node.type != ResultType::Null) {
                emit(isReal(node.type) ? Op::NegDouble : Op::NegInt, 0);
            }
            return;
        case UnaryOp::Plus:
            value(childIndex(node, 0), node.type);
            return;
        }
    }

    void binary(const Node& node) {
        const auto op = static_cast<BinaryOp>(node.op);
        if (op == BinaryOp::And || op == BinaryOp::Or) {
            value(childIndex(node, 0), ResultType::Bool);
            const std::size_t jump = emit(op == BinaryOp::And ? Op::AndJump : Op::OrJump, 0);
            value(childIndex(node, 1), ResultType::Bool);
            emit(op == BinaryOp::And ? Op::AndCombine : Op::OrCombine, -1);
            land(jump);
            return;
        }
        value(childIndex(node, 0), node.operandType);
        value(childIndex(node, 1), node.operandType);
        if (op >= BinaryOp::Equal && op <= BinaryOp::GreaterEqual) {
            emit(Op::Compare, -1, static_cast<uint32_t>(comparisonOf(op)), 0, 0.0,
                 node.operandType);
        } else {
            emit(arithmeticOp(op, node.operandType), -1);
        }
    }

    /// WHEN conditions pop to jump past their branch; each taken branch jumps to the end.
    /// The simple form keeps its subject on the stack until a branch is taken.
    void caseWhen(const Node& node) {
        const std::size_t first = node.hasSubject ? 1 : 0;
        const std::size_t pairsEnd = node.children.size() - (node.hasElse ? 1 : 0);
        if (node.hasSubject) {
            value(childIndex(node, 0), node.operandType);
        }
        std::vector<std::size_t> exits;
        for (std::size_t i = first; i < pairsEnd; i += 2) {
            if (node.hasSubject) {
                emit(Op::Dup, 1);
                value(childIndex(node, i), node.operandType);
                emit(Op::Compare, -1, static_cast<uint32_t>(Comparison::Equal), 0, 0.0,
                     node.operandType);
            } else {
                value(childIndex(node, i), ResultType::Bool);
            }
            const std::size_t skip = emit(Op::JumpUnlessTrue, -1);
            if (node.hasSubject) {
                emit(Op::Pop, -1);
            }
            value(childIndex(node, i + 1), node.type);
            exits.push_back(emit(Op::Jump, 0));
            // The next WHEN starts with the stack as it was before this branch.
            m_depth -= node.hasSubject ? 0 : 1;
            land(skip);
        }
        if (node.hasSubject) {
            emit(Op::Pop, -1);
        }
        if (node.hasElse) {
            value(node.children.back(), node.type);
        } else {
            emit(Op::PushNull, 1);
        }
        for (const std::size_t exit : exits) {
            land(exit);
        }
    }

    void call(const Node& node) {
        const auto function = static_cast<Function>(node.op);
        switch (function) {
        case Function::Abs:
        case Function::Round:
        case Function::Floor:
        case Function::Ceil:
            numeric(node, function);
            return;
        case Function::Least:
        case Function::Greatest:
            value(childIndex(node, 0), node.operandType);
            for (std::size_t i = 1; i < node.children.size(); ++i) {
                value(childIndex(node, i), node.operandType);
                emitTyped(function == Function::Least ? Op::Least : Op::Greatest, -1,
                          node.operandType);
            }
            return;
        case Function::Coalesce:
            coalesce(node);
            return;
        case Function::If:
            ifThenElse(node);
            return;
        default:
            text(node, function);
            return;
        }
    }

    void numeric(const Node& node, Function function) {
        const ResultType type = child(node, 0).type;
        value(childIndex(node, 0), type);
        if (type == ResultType::Null) {
            return;
        }
        const bool real = isReal(type);
        switch (function) {
        case Function::Abs:
            emit(real ? Op::AbsDouble : Op::AbsInt, 0);
            return;
        case Function::Round:
            emit(real ? Op::RoundDouble : Op::RoundInt, 0, 0, node.integer);
            return;
        default:
            if (real) {
                emit(function == Function::Floor ? Op::FloorDouble : Op::CeilDouble, 0);
            }
            return;
        }
    }

    void coalesce(const Node& node) {
        std::vector<std::size_t> exits;
        for (std::size_t i = 0; i + 1 < node.children.size(); ++i) {
            value(childIndex(node, i), node.type);
            exits.push_back(emit(Op::JumpIfNotNull, 0));
            emit(Op::Pop, -1);
        }
        value(node.children.back(), node.type);
        for (const std::size_t exit : exits) {
            land(exit);
        }
    }

    void ifThenElse(const Node& node) {
        value(childIndex(node, 0), ResultType::Bool);
        const std::size_t skip = emit(Op::JumpUnlessTrue, -1);
        value(childIndex(node, 1), node.type);
        const std::size_t exit = emit(Op::Jump, 0);
        --m_depth;
        land(skip);
        value(childIndex(node, 2), node.type);
        land(exit);
    }

    /// The functions of strings and of anything as a string, and the draws.
    void text(const Node& node, Function function) {
        const auto count = static_cast<uint32_t>(node.children.size());
        const int pops = 1 - static_cast<int>(count);
        switch (function) {
        case Function::Concat:
            for (uint32_t i = 0; i < count; ++i) {
                value(childIndex(node, i), ResultType::String);
            }
            if (count > 1) {
                emit(Op::Concat, pops, count);
            }
            return;
        case Function::Lower:
        case Function::Upper:
        case Function::Length:
            value(childIndex(node, 0), ResultType::String);
            emit(function == Function::Lower   ? Op::Lower
                 : function == Function::Upper ? Op::Upper
                                               : Op::Length,
                 0);
            return;
        case Function::Substr:
            value(childIndex(node, 0), ResultType::String);
            for (uint32_t i = 1; i < count; ++i) {
                value(childIndex(node, i), ResultType::Int);
            }
            emit(Op::Substr, pops, count);
            return;
        case Function::Hash:
            emit(Op::PushInt, 1, 0, kHashSeed);
            for (uint32_t i = 0; i < count; ++i) {
                lowerNode(child(node, i));
                emitTyped(Op::HashMix, -1, child(node, i).type);
            }
            return;
        default:
            emit(function == Function::Rand ? Op::Rand : Op::Randn, 1,
                 static_cast<uint32_t>(node.integer));
            return;
        }
    }

    const Ast& m_ast;
    Code m_code;
    int m_depth = 0;
};

} // namespace

Code lower(const Ast& ast) {
    return Lowering(ast).run();
}

} // namespace streamgen::expr::detail
