#pragma once

#include "option_editors.h"

namespace streamgen::ui {

/// Whether `list` of `kind` is edited as a table of values with the weights paired with them
/// (a string field's `values`); other lists are edited as text.
bool editsAsWeightedTable(const FieldKind& kind, const FieldOption& list);

/// The table editor of a string field's values, their weights and shares; its model edits the
/// document itself.
OptionEditor* makeWeightedValuesEditor(const FieldOption& option, Document* document,
                                       QWidget* widget);

} // namespace streamgen::ui
