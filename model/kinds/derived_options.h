#pragma once

#include "field_kind.h"

namespace streamgen {

/// `kind` with the options every kind takes last: `base_column` (the value follows another
/// field's, as dbldatagen's baseColumn), `expr` (the value computed from other fields of the
/// event, as dbldatagen's expr) and `omit` (generated, usable by expressions, not written). The
/// registry adds them, so a kind does not declare them itself.
FieldKind withDerivedOptions(const FieldKind& kind);

} // namespace streamgen
