#pragma once

#include "model/config.h"
#include "model/diagnostic.h"
#include "ui/document_change.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <string>

namespace streamgen::ui {

/// Where a validation problem points, parsed from Diagnostic::path, so that a view can jump to
/// the table cell that holds the offending value.
struct ProblemTarget {
    int type = -1;       ///< event type index, -1 = none
    bool common = false; ///< the field is a common field
    int fieldIndex = -1; ///< index in the type's (or the common) fields, -1 = not a field
    /// What is wrong: "weight", "event_type_id", "range", "null_ratio", "weights[1]", ...;
    /// "name" for the field itself (empty or duplicate name); the whole path for top-level keys.
    QString key;

    bool isField() const { return fieldIndex >= 0; }
    FieldRef fieldRef() const { return {common ? -1 : type, fieldIndex}; }
    bool operator==(const ProblemTarget&) const = default;
};

/// Resolves `path` (e.g. `event_types[1].fields.amount.range`) against `config`; field names
/// are looked up in the config, so names containing dots resolve too.
ProblemTarget parseProblemPath(const std::string& path, const Config& config);

/// A path for people: "user.purchase › amount › range".
QString readableProblemPath(const ProblemTarget& target, const std::string& path,
                            const Config& config);

/// The validator's path of a field: `event_types[2].fields.amount` or `common_fields.user_id`.
std::string fieldPath(const Config& config, FieldRef ref);

/// Validation messages per table cell. Several problems in one cell are joined by new lines.
class CellProblems {
public:
    void add(int row, int column, const QString& message);
    QString at(int row, int column) const;
    bool isEmpty() const { return m_cells.isEmpty(); }
    /// The cells whose message differs between `a` and `b`.
    static QList<QPair<int, int>> differingCells(const CellProblems& a, const CellProblems& b);

private:
    QHash<QPair<int, int>, QString> m_cells;
};

} // namespace streamgen::ui
