#pragma once

#include "engine/expr/expr_ast.h"

#include <optional>

namespace streamgen::expr::detail {

/// Sets the type and operand type of every node of `ast`, or throws CompileFailure with the
/// offset of the first operand of the wrong type.
void checkTypes(Ast& ast);

/// The type both of `a` and `b` can be brought to (Int and Double to Double, Date and Timestamp
/// to Timestamp, null to anything), if any.
std::optional<ResultType> joinTypes(ResultType a, ResultType b);

} // namespace streamgen::expr::detail
