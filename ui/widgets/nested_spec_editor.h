#pragma once

#include "option_editors.h"

namespace streamgen::ui {

/// The editor of what a struct, array or map holds (`fields`, `items`, `key`, `value`): the
/// specs as YAML, in the form a config file writes them, read back by the model's reader when
/// the user applies them, so nested specs take every option that top-level fields take.
OptionEditor* makeNestedSpecEditor(const FieldOption& option, const QString& objectBase,
                                   QWidget* widget);

} // namespace streamgen::ui
