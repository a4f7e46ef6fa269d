#pragma once

#include "ui/document_change.h"

#include <QColor>
#include <QMetaType>
#include <Qt>

namespace streamgen::ui {

/// Roles the Studio's item models provide beyond Qt's own.
enum ItemRole {
    ProblemRole = Qt::UserRole + 100, ///< QString: the validation message of the cell, or empty
    IsCommonRole,                     ///< bool: the row is a common field
    FieldRefRole,                     ///< FieldRef (QVariant::fromValue) of the row's field
    TypeColorRole,                    ///< QColor: the event type's colour in lists and plots
};

/// A colour per event type index that stays the same across sessions; the first ten are a
/// palette chosen to be told apart easily, later ones walk the hue circle.
QColor typeColor(int typeIndex);

/// Background of a cell with a validation problem.
QColor problemBackground();
/// Background of a common field's row.
QColor commonFieldBackground();

} // namespace streamgen::ui

