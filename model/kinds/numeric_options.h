#pragma once

#include "field_kind.h"

#include <vector>

namespace streamgen {

/// The options every number kind takes after its range, with dbldatagen's meaning: `step`,
/// `random` and `distribution`, and for whole numbers `unique`, `unique_values` and `sequence`.
std::vector<FieldOption> numericOptions(bool wholeNumbers);

/// The rules across those options (a distribution that reads, no two ways of ordering values).
std::vector<FieldRule> numericRules(bool wholeNumbers);

} // namespace streamgen
