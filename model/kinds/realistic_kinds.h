#pragma once

#include "field_kind.h"

#include <vector>

namespace streamgen {

/// The kinds of realistic text (names, e-mail addresses, cities, IP addresses...), each made
/// by its recipe from the built-in data sets, in the order of their FieldTypes.
std::vector<FieldKind> realisticKinds();

} // namespace streamgen
