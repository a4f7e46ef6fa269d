#pragma once

#include "diagnostic.h"

#include <optional>
#include <string_view>

namespace streamgen::detail {

/// Reports NUL bytes and invalid UTF-8, which no YAML config contains.
std::optional<Diagnostic> checkText(std::string_view text);

/// Estimates how deeply the document nests (flow brackets plus block indentation) and reports
/// the first place deeper than `maxDepth`.
std::optional<Diagnostic> checkNesting(std::string_view text, int maxDepth);

} // namespace streamgen::detail
