#pragma once

#include "sinks/verify/verify_run.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace streamgen::ui {

class RunController;

/// The dashboard's Verify button: once a run has finished, reads back what its sink holds and
/// compares it with the events the run generated (as `streamgen verify --run-report` does),
/// off the GUI thread; shows the counts and the first problems.
class VerifyPanel : public QWidget {
    Q_OBJECT
public:
    /// The table's columns: what was counted or found, how many or which event, and where.
    enum Column { Kind, Value, Where, ColumnCount };

    explicit VerifyPanel(RunController* controller, QWidget* parent = nullptr);

    QPushButton* verifyButton() const { return m_button; }
    QLabel* statusLabel() const { return m_status; }
    QStandardItemModel* model() const { return m_model; }
    /// Reads the last run's sink back; `verified` follows.
    void verify();

signals:
    void verified(bool clean);

private:
    void refresh();
    void show(const VerifyOutcome& outcome);
    void addRow(const QString& kind, const QString& value, const QString& where = {});

    RunController* m_controller;
    QPushButton* m_button;
    QLabel* m_status;
    QStandardItemModel* m_model;
    QTableView* m_table;
    QFutureWatcher<VerifyOutcome> m_watcher;
};

} // namespace streamgen::ui
