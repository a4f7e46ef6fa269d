#pragma once

#include "engine/expr/expr_code.h"
#include "engine/value.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

/// Derived fields: a Spark-SQL-like expression over the other fields of the same event (the
/// `expr` of dbldatagen), compiled once into a flat program and evaluated per event.
namespace streamgen::expr {

namespace detail {
struct Arena;
} // namespace detail

/// The static type of an expression or of an input.
enum class ResultType : uint8_t { Bool, Int, Double, String, Timestamp, Date, Null };

/// "boolean", "integer", "double", "string", "timestamp", "date" or "null".
std::string_view typeName(ResultType type);

/// A column the expression may read.
struct Input {
    std::string_view name;
    ResultType type;
    /// Set for a field expressions may not read: why, after its name ("is a struct...").
    const char* refusal = nullptr;
};

/// Why an expression does not compile.
struct CompileError {
    std::size_t offset; ///< 0-based character of the expression text the problem is at
    std::string message;
};

/// Buffers an evaluation reuses, owned by the caller (one per thread). They grow during the
/// first evaluations and are then reused without allocating.
struct Scratch {
    std::string text;   ///< strings made by the expression; String results point into it
    std::string format; ///< where a value is written as text before it is copied into `text`
    std::vector<detail::Cell> stack;
};

/// A compiled expression: plain data, read-only while evaluating, so one Program serves every
/// thread (each with its own Scratch).
class Program {
public:
    /// The deepest an expression may nest (parentheses, operators, calls).
    static constexpr int kMaxDepth = 200;

    /// Compiles `text`; `inputs[i]` is read from slot i at evaluation. `salt` seeds rand() and
    /// randn().
    static std::variant<Program, CompileError>
    compile(std::string_view text, std::span<const Input> inputs, uint64_t salt);

    ResultType resultType() const { return m_resultType; }

    /// The slots the expression reads, ascending (for ordering derived fields by dependency).
    std::vector<std::size_t> inputsUsed() const { return m_inputsUsed; }

    /// Evaluates for one event. `slots[i]` holds the value of input i (Float32, Float64 and
    /// Decimal values are read as doubles; a non-string value of a String input as its text);
    /// `slots` may be null when the expression reads no input. The k-th rand() / randn() of the
    /// text draws hash::draw(eventKey, salt, k), so the result is a pure function of the event. A
    /// String result points into `scratch`, the program or a String input, and is valid until the
    /// next evaluation with the same scratch. Never allocates once `scratch` has grown.
    Value evaluate(const Value* slots, uint64_t eventKey, Scratch& scratch) const;

    /// Grows `scratch` for this program's stack now rather than in the first evaluation.
    void prepare(Scratch& scratch) const;

private:
    /// Runs the code once; `arena` reports how much string space it needed.
    detail::Cell run(const Value* slots, uint64_t eventKey, Scratch& scratch,
                     detail::Arena& arena) const;

    std::vector<detail::Instruction> m_code;
    std::string m_literals; ///< the bytes of the string literals
    std::vector<std::size_t> m_inputsUsed;
    std::size_t m_maxDepth = 1;
    uint64_t m_salt = 0;
    ResultType m_resultType = ResultType::Null;
};

} // namespace streamgen::expr
