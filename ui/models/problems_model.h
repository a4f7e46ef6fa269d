#pragma once

#include "problem_paths.h"

#include <QAbstractTableModel>

namespace streamgen::ui {

class Document;

/// Every problem of the document, one per row, refreshed whenever the document revalidates: its
/// own (text and validation) and the preflight's (serialization format, sink options), so that an
/// empty list means a run can start (sinks/preflight.h).
class ProblemsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, Where, Message, ColumnCount };

    explicit ProblemsModel(Document* document, QObject* parent = nullptr);

    /// The cell that `row`'s problem is about, for jumping there.
    ProblemTarget targetOf(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Row {
        Diagnostic diagnostic;
        ProblemTarget target;
        QString where;
    };
    void refresh();

    Document* m_document;
    QList<Row> m_rows;
};

} // namespace streamgen::ui
