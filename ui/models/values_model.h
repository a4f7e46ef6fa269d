#pragma once

#include "problem_paths.h"

#include <QAbstractTableModel>

namespace streamgen::ui {

class Document;

/// The values of one string field with their weights and shares, for the field inspector.
/// Edits go through Document::setField with merge keys, so typing in one cell is one undo step.
class ValuesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Value, Weight, Share, ColumnCount };

    explicit ValuesModel(Document* document, QObject* parent = nullptr);

    /// Shows the values of `ref`'s field (no rows unless it is a string field).
    void setField(FieldRef ref);
    FieldRef field() const { return m_ref; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    /// Value: any text. Weight: a number >= 0; setting one on an unweighted field gives every
    /// other value weight 1. Empty weight text on an unweighted field changes nothing.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    /// Adds values named "value_N" (weight 1 when the field has weights), one undo step.
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

private:
    void onDocumentChanged(const DocumentChange& change);
    void refreshProblems(bool notify);
    int currentCount() const;
    const FieldSpec* currentField() const;
    /// Applies `field` as this model's own structural edit, announced with begin/end calls.
    void applyOwnEdit(const FieldSpec& field);

    Document* m_document;
    FieldRef m_ref{-1, -1};
    int m_rowCount = 0; ///< rows as last announced to views
    bool m_ownEdit = false;
    CellProblems m_problems;
};

} // namespace streamgen::ui
