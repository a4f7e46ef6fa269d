#pragma once

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace streamgen::ui {

class Document;

/// Kafka and Event Hubs settings of the run dashboard: bootstrap servers and topic (or namespace,
/// event hub and connection-string reference), and "Test connection", which asks the brokers
/// for the topics' metadata off the GUI thread. Edits are document edits.
class KafkaPanel : public QWidget {
    Q_OBJECT
public:
    explicit KafkaPanel(Document* document, QWidget* parent = nullptr);

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

    void syncFromDocument();
    void apply(const QString& key, const QString& value);

    Document* m_document;
    QStackedWidget* m_pages;
    QLineEdit* m_bootstrap;
    QLineEdit* m_topic;
    QLineEdit* m_namespace;
    QLineEdit* m_eventHub;
    QLineEdit* m_connection;
    QPushButton* m_test;
    QLabel* m_result;
    QFutureWatcher<TestResult> m_watcher;
};

} // namespace streamgen::ui
