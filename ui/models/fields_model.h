#pragma once

#include "problem_paths.h"

#include <QAbstractTableModel>

namespace streamgen::ui {

class Document;

/// The fields of one event type: the common fields first (shown distinctly), then the type's
/// own. Edits go through the Document, one undo step per edit.
class FieldsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Type, Options, NullPercent, ColumnCount };

    explicit FieldsModel(Document* document, QObject* parent = nullptr);

    /// Shows event type `type`'s fields after the common ones; -1 shows only the common fields.
    void setEventType(int type);
    int eventType() const { return m_type; }
    /// The field shown in `row`; rows past the end give {m_type, -1}.
    FieldRef fieldRef(int row) const;
    /// The row that shows `ref`, or -1.
    int rowOf(FieldRef ref) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    /// A readable summary of a field's options: "1 … 1,000,000", "iOS 40% · Web 60%", ...
    static QString optionsSummary(const FieldSpec& field);
    /// `field` changed to `type`, keeping what carries over (ranges between int and float) and
    /// giving the new type usable options (a string gets values ["a", "b"]).
    static FieldSpec withType(const FieldSpec& field, FieldType type);

signals:
    /// An edit was refused (e.g. a name that is taken); `reason` says why, for the user. A view
    /// reverts the cell on a refused edit, so without this the user sees no cause.
    void editRejected(const QString& reason);

private:
    void onDocumentChanged(const DocumentChange& change);
    void refreshProblems(bool notify);
    void resetRows();
    int countFor(int type) const;
    const FieldSpec* fieldAt(int row) const;
    bool nameTaken(FieldRef ref, const std::string& name) const;

    Document* m_document;
    int m_type = -1;
    int m_commonCount = 0; ///< rows as last announced to views
    int m_ownCount = 0;
    CellProblems m_problems;
};

} // namespace streamgen::ui
