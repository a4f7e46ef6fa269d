#pragma once

#include <cstdint>
#include <string_view>

namespace streamgen::expr::detail {

/// The instructions of the stack machine a Program runs. Types are settled at compile time, so
/// every instruction knows the representation of its operands and none inspects a type tag.
enum class Op : uint8_t {
    PushInt,    ///< `integer` (also Bool, Timestamp, Date)
    PushDouble, ///< `real`
    PushString, ///< literal bytes [`target`, `target` + `integer`) of the program's text pool
    PushNull,
    Load,  ///< input `target`, converted to the representation of `type`
    Rand,  ///< uniform [0, 1) from draw `target`
    Randn, ///< standard normal from draw `target`
    Pop,
    Dup,

    IntToDouble,
    DoubleToInt,
    IntToBool,
    DoubleToBool,
    StringToInt,
    StringToDouble,
    StringToBool,
    DateToTimestamp,
    TimestampToDate,
    ToString, ///< from `type`

    AddInt,
    SubInt,
    MulInt,
    DivInt, ///< `div`: truncating, null for a zero divisor
    ModInt,
    AddDouble,
    SubDouble,
    MulDouble,
    DivDouble, ///< null for a zero divisor, as Spark
    ModDouble,
    DivDoubleToInt, ///< `div` on doubles
    NegInt,
    NegDouble,
    Compare, ///< operands in the representation of `type`, comparison `target` (a Comparison)

    Not,
    IsNull,
    IsNotNull,
    AndJump, ///< to `target` when the top is false, leaving it as the result
    AndCombine,
    OrJump, ///< to `target` when the top is true, leaving it as the result
    OrCombine,
    Jump,           ///< to `target`
    JumpUnlessTrue, ///< pops; to `target` when it was false or null
    JumpIfNotNull,  ///< to `target` when the top is not null, leaving it

    AbsInt,
    AbsDouble,
    RoundInt,    ///< to `integer` digits
    RoundDouble, ///< to `integer` digits
    FloorDouble,
    CeilDouble,
    Least,    ///< of two, nulls skipped, in the representation of `type`
    Greatest, ///< of two, nulls skipped, in the representation of `type`
    Concat,   ///< of the top `target` strings
    Lower,
    Upper,
    Substr, ///< `target` is 2 (string, position) or 3 (..., length)
    Length,
    HashMix, ///< folds the top (of `type`) into the Int below it
};

enum class Comparison : uint8_t { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };

struct Instruction {
    Op op;
    uint8_t type = 0; ///< a ResultType, for the instructions that say so
    uint32_t target = 0;
    int64_t integer = 0;
    double real = 0.0;
};

/// One entry of the evaluation stack. Bool, Int, Timestamp and Date use `integer`, Double uses
/// `real`, String uses `text`. A null cell has its other members zeroed, so that an instruction
/// may read it in any representation.
struct Cell {
    int64_t integer = 0;
    double real = 0.0;
    std::string_view text;
    bool null = false;
};

} // namespace streamgen::expr::detail
