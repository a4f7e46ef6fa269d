#pragma once

#include "field_kind.h"
#include "model/distribution.h"

#include <optional>
#include <string>
#include <vector>

namespace streamgen {

/// The `range` of a float, double or decimal field, [min, max] (or `minValue` and `maxValue`).
FieldOption numberRangeOption(const char* help);

/// The options every number kind takes after its range, with dbldatagen's meaning: `step`,
/// `random` and `distribution`, and for whole numbers `unique`, `unique_values` and `sequence`.
std::vector<FieldOption> numericOptions(bool wholeNumbers);

/// The rules across those options (a distribution that reads, no two ways of ordering values).
std::vector<FieldRule> numericRules(bool wholeNumbers);

/// The distribution written as `text` at `where` (the option `key`), or nullopt after reporting
/// why it does not read, located at the offending character.
std::optional<DistributionSpec> readableDistribution(const std::string& text, SourceLocation where,
                                                     const char* key, const ReportProblem& report);

} // namespace streamgen
