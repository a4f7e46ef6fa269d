#pragma once

#include <QWidget>
#include <string>

class QLabel;
class QPushButton;

namespace streamgen::ui {

class ConnectionTest;
class Document;

/// "Test connection" for the postgres sink of the run dashboard: connects with the sink's
/// settings off the GUI thread and says, for each table the run would write, whether it exists
/// with fitting columns, will be created, or stands in the way (and why). Nothing is created.
class PostgresPanel : public QWidget {
    Q_OBJECT
public:
    explicit PostgresPanel(Document* document, QWidget* parent = nullptr);

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
