#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace streamgen::ui {

/// Sample events as a table: one row per JSON payload, one column per key (the union of keys in
/// first-seen order, `event_type_id` first). Cells show the value's JSON text exactly as the
/// engine wrote it, so numbers are not reformatted.
class PreviewModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit PreviewModel(QObject* parent = nullptr);

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

private:
    QStringList m_payloads;
    QStringList m_columns;
    QList<QHash<QString, QString>> m_rows; ///< key -> JSON text of the value
};

} // namespace streamgen::ui
