#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <string>

class QLabel;
class QPushButton;

namespace streamgen::ui {

class Document;

/// "Test connection" for the Kafka and Event Hubs sinks of the run dashboard: asks the brokers
/// for the topics' metadata off the GUI thread. The sink's settings themselves are in the sink
/// options form.
class KafkaPanel : public QWidget {
    Q_OBJECT
public:
    explicit KafkaPanel(Document* document, QWidget* parent = nullptr);

    /// True for the sink types the test applies to (those built on the Kafka sink).
    static bool appliesTo(const std::string& sinkType);

    QPushButton* testButton() const { return m_test; }
    QLabel* resultLabel() const { return m_result; }
    /// Runs the connection test; `testFinished` follows.
    void testConnection();

signals:
    void testFinished(bool ok, const QString& message);

private:
    struct TestResult {
        bool ok = false;
        QString message;
    };

    Document* m_document;
    QPushButton* m_test;
    QLabel* m_result;
    QFutureWatcher<TestResult> m_watcher;
};

} // namespace streamgen::ui
