#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;

namespace streamgen::ui {

/// A sink's "Test connection" row: the button, and the outcome beside it in green or red. The
/// check runs off the GUI thread: it may wait for a network timeout.
class ConnectionTest : public QWidget {
    Q_OBJECT
public:
    struct Outcome {
        bool ok = false;
        QString message;
        int count = 0; ///< what the check found (a count of topics or shards), for the caller
    };

    explicit ConnectionTest(QWidget* parent = nullptr);

    QPushButton* button() const { return m_button; }
    QLabel* label() const { return m_label; }
    /// Runs `check` on a worker thread, showing `asking` meanwhile; `finished` follows.
    void start(std::function<Outcome()> check, const QString& asking);
    /// Shows an outcome known at once (settings that cannot be read) and emits `finished`.
    void show(const Outcome& outcome);

signals:
    /// The button was clicked.
    void requested();
    void finished(const streamgen::ui::ConnectionTest::Outcome& outcome);

private:
    QPushButton* m_button;
    QLabel* m_label;
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace streamgen::ui
