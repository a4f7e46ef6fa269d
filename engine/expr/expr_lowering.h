#pragma once

#include "engine/expr/expr_ast.h"
#include "engine/expr/expr_code.h"

#include <cstddef>
#include <string>
#include <vector>

namespace streamgen::expr::detail {

/// A type-checked tree flattened into stack-machine code.
struct Code {
    std::vector<Instruction> instructions;
    std::string literals;     ///< the bytes of the string literals, referenced by offset
    std::size_t maxDepth = 1; ///< the most cells the stack holds at once
};

/// Flattens `ast`, which checkTypes has typed. CASE, if, coalesce, AND and OR become jumps, so
/// that untaken branches cost nothing; implicit conversions become instructions.
Code lower(const Ast& ast);

/// The seed the Int accumulator of hash(...) starts from.
inline constexpr int64_t kHashSeed = 0x2545F4914F6CDD1D;

} // namespace streamgen::expr::detail
