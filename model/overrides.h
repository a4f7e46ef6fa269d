#pragma once

#include "diagnostic.h"

#include <string>
#include <yaml-cpp/yaml.h>

namespace streamgen::detail {

/// Applies one `dotted.key[i].key=value` override to the document, creating missing map keys.
/// Returns false and appends an error naming the override when it cannot be applied.
bool applyOverride(YAML::Node& root, const std::string& spec, int maxDepth,
                   Diagnostics& diagnostics);

} // namespace streamgen::detail
