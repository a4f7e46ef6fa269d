#include "engine/expr/expr_program.h"

#include "engine/expr/expr_cells.h"
#include "engine/expr/expr_lowering.h"
#include "engine/expr/expr_parser.h"
#include "engine/expr/expr_runtime.h"
#include "engine/expr/expr_type_check.h"
#include "engine/hash.h"
#include "engine/json_writer.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace streamgen::expr {

using namespace detail;

namespace {

/// The first string space an evaluation gets; it doubles when too small.
constexpr std::size_t kMinArena = 256;

} // namespace

std::string_view typeName(ResultType type) {
    switch (type) {
    case ResultType::Bool:
        return "boolean";
    case ResultType::Int:
        return "integer";
    case ResultType::Double:
        return "double";
    case ResultType::String:
        return "string";
    case ResultType::Timestamp:
        return "timestamp";
    case ResultType::Date:
        return "date";
    case ResultType::Null:
        break;
    }
    return "null";
}

std::variant<Program, CompileError> Program::compile(std::string_view text,
                                                     std::span<const Input> inputs, uint64_t salt) {
    auto parsed = parse(text, inputs);
    if (auto* error = std::get_if<CompileError>(&parsed)) {
        return std::move(*error);
    }
    Ast& ast = std::get<Ast>(parsed);
    try {
        checkTypes(ast);
    } catch (CompileFailure& failure) {
        return std::move(failure.error);
    }
    Code code = lower(ast);
    Program program;
    program.m_code = std::move(code.instructions);
    program.m_literals = std::move(code.literals);
    program.m_maxDepth = code.maxDepth;
    program.m_inputsUsed = std::move(ast.inputsUsed);
    program.m_salt = salt;
    program.m_resultType = ast.nodes[ast.root].type;
    return program;
}

void Program::prepare(Scratch& scratch) const {
    // One cell more than the deepest stack: the first is where `top` starts, below the stack.
    if (scratch.stack.size() < m_maxDepth + 1) {
        scratch.stack.resize(m_maxDepth + 1);
    }
}

Value Program::evaluate(const Value* slots, uint64_t eventKey, Scratch& scratch) const {
    prepare(scratch);
    for (;;) {
        Arena arena{scratch.text.data(), scratch.text.size()};
        const Cell result = run(slots, eventKey, scratch, arena);
        if (!arena.overflowed()) {
            return valueOf(result, m_resultType);
        }
        // Room for twice what this event wanted, so that the next, slightly longer, fits.
        scratch.text.resize(std::max({kMinArena, 2 * arena.wanted, 2 * scratch.text.size()}));
    }
}

Cell Program::run(const Value* slots, uint64_t eventKey, Scratch& scratch, Arena& arena) const {
    Cell* top = scratch.stack.data(); // the top cell; the stack starts empty, above this one
    const Instruction* const code = m_code.data();
    const Instruction* const end = code + m_code.size();
    // Binary instructions pop the right operand and leave their result in the left one.
    const auto pop = [&top]() -> Cell& { return *top--; };
    const auto eitherNull = [&top]() {
        if (top[0].null || top[1].null) {
            top[0] = nullCell();
            return true;
        }
        return false;
    };
    for (const Instruction* in = code; in != end; ++in) {
        switch (in->op) {
        case Op::PushInt:
            *++top = integerCell(in->integer);
            break;
        case Op::PushDouble:
            *++top = realCell(in->real);
            break;
        case Op::PushString:
            *++top = textCell(std::string_view(m_literals)
                                  .substr(in->target, static_cast<std::size_t>(in->integer)));
            break;
        case Op::PushNull:
            *++top = nullCell();
            break;
        case Op::Load:
            *++top = load(slots[in->target], in->type, arena, scratch.format);
            break;
        case Op::Rand:
            *++top = realCell(hash::unit(hash::draw(eventKey, m_salt, in->target)));
            break;
        case Op::Randn: {
            const uint64_t first = hash::draw(eventKey, m_salt, in->target);
            *++top = realCell(standardNormal(first, hash::mix(first + hash::kGolden)));
            break;
        }
        case Op::Pop:
            --top;
            break;
        case Op::Dup:
            top[1] = top[0];
            ++top;
            break;

        case Op::IntToDouble:
            top->real = static_cast<double>(top->integer);
            break;
        case Op::DoubleToInt:
            top->integer = truncateToInt(top->real);
            break;
        case Op::IntToBool:
            top->integer = top->integer != 0 ? 1 : 0;
            break;
        case Op::DoubleToBool:
            top->integer = top->real != 0.0 ? 1 : 0;
            break;
        case Op::StringToInt:
            setParsed(*top, top->null ? std::nullopt : parseInt(top->text), false);
            break;
        case Op::StringToDouble:
            setParsed(*top, top->null ? std::nullopt : parseDouble(top->text), true);
            break;
        case Op::StringToBool:
            setParsed(*top, top->null ? std::nullopt : parseBool(top->text), false);
            break;
        case Op::DateToTimestamp:
            top->integer = wrap(bits(top->integer) * kMsPerDay);
            break;
        case Op::TimestampToDate:
            top->integer = json::floorDiv(top->integer, kMsPerDay);
            break;
        case Op::ToString:
            if (!top->null) {
                top->text = toText(*top, in->type, arena, scratch.format);
            }
            break;

        case Op::AddInt:
            pop();
            if (!eitherNull()) {
                top->integer = wrap(bits(top[0].integer) + bits(top[1].integer));
            }
            break;
        case Op::SubInt:
            pop();
            if (!eitherNull()) {
                top->integer = wrap(bits(top[0].integer) - bits(top[1].integer));
            }
            break;
        case Op::MulInt:
            pop();
            if (!eitherNull()) {
                top->integer = wrap(bits(top[0].integer) * bits(top[1].integer));
            }
            break;
        case Op::DivInt:
            pop();
            if (!eitherNull()) {
                divideInt(top[0], top[1]);
            }
            break;
        case Op::ModInt:
            pop();
            if (!eitherNull()) {
                moduloInt(top[0], top[1]);
            }
            break;
        case Op::AddDouble:
            pop();
            if (!eitherNull()) {
                top->real += top[1].real;
            }
            break;
        case Op::SubDouble:
            pop();
            if (!eitherNull()) {
                top->real -= top[1].real;
            }
            break;
        case Op::MulDouble:
            pop();
            if (!eitherNull()) {
                top->real *= top[1].real;
            }
            break;
        case Op::DivDouble:
            pop();
            if (!eitherNull()) {
                divideDouble(top[0], top[1], false);
            }
            break;
        case Op::ModDouble:
            pop();
            if (!eitherNull()) {
                moduloDouble(top[0], top[1]);
            }
            break;
        case Op::DivDoubleToInt:
            pop();
            if (!eitherNull()) {
                divideDouble(top[0], top[1], true);
            }
            break;
        case Op::NegInt:
            top->integer = wrap(0 - bits(top->integer));
            break;
        case Op::NegDouble:
            top->real = -top->real;
            break;
        case Op::Compare:
            pop();
            if (!eitherNull()) {
                *top = boolCell(
                    compareCells(in->type, static_cast<Comparison>(in->target), top[0], top[1]));
            }
            break;

        case Op::Not:
            if (!top->null) {
                top->integer = top->integer == 0 ? 1 : 0;
            }
            break;
        case Op::IsNull:
            *top = boolCell(top->null);
            break;
        case Op::IsNotNull:
            *top = boolCell(!top->null);
            break;
        case Op::AndJump:
            if (!top->null && top->integer == 0) {
                in = code + in->target - 1;
            }
            break;
        case Op::AndCombine:
            pop();
            combine(top[0], top[1], false);
            break;
        case Op::OrJump:
            if (!top->null && top->integer != 0) {
                in = code + in->target - 1;
            }
            break;
        case Op::OrCombine:
            pop();
            combine(top[0], top[1], true);
            break;
        case Op::Jump:
            in = code + in->target - 1;
            break;
        case Op::JumpUnlessTrue:
            if (pop().null || top[1].integer == 0) {
                in = code + in->target - 1;
            }
            break;
        case Op::JumpIfNotNull:
            if (!top->null) {
                in = code + in->target - 1;
            }
            break;

        case Op::AbsInt:
            top->integer = top->integer < 0 ? wrap(0 - bits(top->integer)) : top->integer;
            break;
        case Op::AbsDouble:
            top->real = std::fabs(top->real);
            break;
        case Op::RoundInt:
            top->integer = roundHalfUp(top->integer, static_cast<int>(in->integer));
            break;
        case Op::RoundDouble:
            top->real = roundHalfUp(top->real, static_cast<int>(in->integer));
            break;
        case Op::FloorDouble:
            top->integer = truncateToInt(std::floor(top->real));
            break;
        case Op::CeilDouble:
            top->integer = truncateToInt(std::ceil(top->real));
            break;
        case Op::Least:
        case Op::Greatest:
            pop();
            pickExtreme(top[0], top[1], in->type, in->op == Op::Greatest);
            break;
        case Op::Concat:
            top -= in->target - 1;
            concatInto(top, in->target, arena);
            break;
        case Op::Lower:
        case Op::Upper:
            if (!top->null) {
                top->text = changeCase(top->text, in->op == Op::Upper, arena);
            }
            break;
        case Op::Substr:
            top -= in->target - 1;
            substringOf(top, in->target);
            break;
        case Op::Length:
            if (!top->null) {
                top->integer = characterCount(top->text);
            }
            break;
        case Op::HashMix:
            if (!pop().null) {
                top->integer = wrap(
                    hash::mix((bits(top->integer) ^ hashOf(top[1], in->type)) + hash::kGolden));
            }
            break;
        }
    }
    return *top;
}

} // namespace streamgen::expr
