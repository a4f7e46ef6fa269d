#pragma once

#include <QAbstractTableModel>

namespace streamgen::ui {

class RunController;

/// Per event type counters of the current (or last) run, refreshed with every sample.
class CountersModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Type,
        Generated,
        Delivered,
        Failed,
        Bytes,
        Rate,
        TargetRate,
        Share,
        TargetShare,
        ColumnCount
    };

    explicit CountersModel(RunController* controller, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void refresh();
    QVariant value(int row, int column) const;

    RunController* m_controller;
    int m_rows = 0;
    QStringList m_ids; ///< the types shown; a new run with other types resets the model
};

} // namespace streamgen::ui
