#pragma once

#include "engine/expr/expr_ast.h"
#include "engine/expr/expr_program.h"

#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace streamgen::expr::detail {

/// Thrown inside the compiler and caught by Program::compile: the first problem ends the
/// compilation, and unwinding is the simplest way out of the recursion.
struct CompileFailure {
    CompileError error;
};

/// Parses `source` into a syntax tree whose columns are resolved against `inputs`. Types are
/// not checked yet (see checkTypes).
std::variant<Ast, CompileError> parse(std::string_view source, std::span<const Input> inputs);

} // namespace streamgen::expr::detail
