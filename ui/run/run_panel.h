#pragma once

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableView;

namespace streamgen::ui {

class CountersModel;
class Document;
class KafkaPanel;
class KinesisPanel;
class PostgresPanel;
class VerifyPanel;
struct DocumentChange;
class RunController;
class SinkOptionsForm;
class ThroughputPlot;

/// The run dashboard: the sink with its required options (all of them are in the run settings),
/// rate settings, Start / Pause / Stop, the live throughput plot, per-type counters, and the run
/// log. Settings are document edits (undoable, saved with the
/// config), so a rate dragged during a demo is also what "Export for headless use" writes.
class RunPanel : public QWidget {
    Q_OBJECT
public:
    RunPanel(Document* document, RunController* controller, QWidget* parent = nullptr);

    ThroughputPlot* plot() const { return m_plot; }
    QTableView* countersView() const { return m_counters; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* pauseButton() const { return m_pause; }
    QPushButton* stopButton() const { return m_stop; }
    QDoubleSpinBox* rateSpin() const { return m_rate; }
    KafkaPanel* kafkaPanel() const { return m_kafka; }
    KinesisPanel* kinesisPanel() const { return m_kinesis; }
    PostgresPanel* postgresPanel() const { return m_postgres; }
    VerifyPanel* verifyPanel() const { return m_verify; }
    SinkOptionsForm* sinkOptions() const { return m_sinkOptions; }

    /// "Running · 12.3 s · 123,456 events · 10,001 ev/s · 1.2 MB/s"
    QString statusText() const;

signals:
    void statusChanged(const QString& text);

private:
    QWidget* createSettings();
    QWidget* createExports();
    void syncFromDocument();
    void applySink();
    void applyRate(double rate);
    void onStart();
    void onStateChanged();
    void appendLog(const QString& text, bool isError);
    void exportPlot(bool pdf);
    void exportCsv();

    Document* m_document;
    RunController* m_controller;
    QComboBox* m_sinkType = nullptr;
    SinkOptionsForm* m_sinkOptions = nullptr;
    KafkaPanel* m_kafka = nullptr;
    KinesisPanel* m_kinesis = nullptr;
    PostgresPanel* m_postgres = nullptr;
    VerifyPanel* m_verify = nullptr;
    QDoubleSpinBox* m_rate = nullptr;
    QSlider* m_rateSlider = nullptr;
    QDoubleSpinBox* m_duration = nullptr;
    QSpinBox* m_count = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_pause = nullptr;
    QPushButton* m_stop = nullptr;
    QLabel* m_restartHint = nullptr;
    QProgressBar* m_flushing = nullptr;
    QComboBox* m_window = nullptr;
    ThroughputPlot* m_plot = nullptr;
    QTableView* m_counters = nullptr;
    CountersModel* m_countersModel = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QList<QPushButton*> m_exportButtons;
    bool m_syncing = false;
};

} // namespace streamgen::ui
