#pragma once

#include "problem_paths.h"

#include <QAbstractTableModel>

namespace streamgen::ui {

class Document;

/// The event types of a document as a table. Reads the document's config and writes only through
/// the Document's edit methods, so every edit made in a view is one undo step.
class EventTypesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Weight, Share, TargetRate, FieldCount, Enabled, ColumnCount };

    explicit EventTypesModel(Document* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    /// Moves event types through the document (one undo step); the model then resets.
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                  const QModelIndex& destinationParent, int destinationChild) override;

signals:
    /// An edit was refused (e.g. an id that is taken); `reason` says why, for the user. A view
    /// reverts the cell on a refused edit, so without this the user sees no cause.
    void editRejected(const QString& reason);

private:
    void onDocumentChanged(const DocumentChange& change);
    void refreshProblems(bool notify);
    QString problemAt(int row, int column) const;
    QVariant displayData(int row, int column) const;
    /// Moves the types in `rows` (sorted) so that they stand before `destination`.
    bool moveTypes(QList<int> rows, int destination);

    Document* m_document;
    int m_rowCount = 0; ///< rows as last announced to views
    CellProblems m_problems;
};

} // namespace streamgen::ui
