#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace streamgen::ui {

/// Sample events as a table: one row per event, one column per field (the union of names in
/// first-seen order, `event_type_id` first). Cells show each typed value's JSON text exactly as
/// the engine writes it, so numbers are not reformatted, whatever the format; binary formats add
/// a column with each event's size in bytes.
class PreviewModel : public QAbstractTableModel {
    Q_OBJECT
public:
    struct Cell {
        QString name;
        QString text; ///< the value's JSON text
        bool null = false;
    };
    struct Row {
        QList<Cell> cells;
        int bytes = -1; ///< the encoded size, or -1 when not shown
    };

    explicit PreviewModel(QObject* parent = nullptr);

    /// Shows typed rows; `showBytes` adds the size column. `payloads` are the serialized lines
    /// the rows were shown with, kept for `payloads()`.
    void setTable(const QList<Row>& rows, bool showBytes, const QStringList& payloads);
    /// Shows JSON payloads (each a flat object), split into cells.
    void setRows(const QStringList& payloads);
    QStringList payloads() const { return m_payloads; }
    QStringList columnNames() const { return m_columns; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    /// The top-level members of a JSON object as (key, value text) pairs in document order;
    /// empty when `json` is not an object.
    static QList<QPair<QString, QString>> splitObject(const QString& json);

    static QString bytesColumnName();

private:
    QStringList m_payloads;
    QStringList m_columns;
    QList<QHash<QString, Cell>> m_rows; ///< name -> cell
    bool m_showBytes = false;
};

} // namespace streamgen::ui
