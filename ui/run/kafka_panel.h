#pragma once

#include <QWidget>
#include <string>

class QLabel;
class QPushButton;

namespace streamgen::ui {

class ConnectionTest;
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

    QPushButton* testButton() const;
    QLabel* resultLabel() const;
    /// Runs the connection test; `testFinished` follows.
    void testConnection();

signals:
    void testFinished(bool ok, const QString& message);

private:
    Document* m_document;
    ConnectionTest* m_test;
};

} // namespace streamgen::ui
