#pragma once

#include "field_kind.h"

#include <string_view>
#include <vector>

namespace streamgen {

/// Every field kind, in the order of FieldType (the order names are listed and suggested in).
const std::vector<const FieldKind*>& fieldKinds();
/// The kind of `type`.
const FieldKind& fieldKind(FieldType type);
/// The kind named `name` (canonical name or alias), or nullptr.
const FieldKind* findFieldKind(std::string_view name);

} // namespace streamgen
