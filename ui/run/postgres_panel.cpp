#include "postgres_panel.h"

#include "connection_test.h"
#include "sinks/postgres/postgres_sink.h"
#include "sinks/preflight.h"
#include "sinks/sink_registry.h"
#include "ui/document.h"

#include <QHBoxLayout>

namespace streamgen::ui {

PostgresPanel::PostgresPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_test(new ConnectionTest(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_test);
    connect(m_test, &ConnectionTest::requested, this, &PostgresPanel::testConnection);
    connect(m_test, &ConnectionTest::finished, this,
            [this](const ConnectionTest::Outcome& outcome) {
                emit testFinished(outcome.ok, outcome.message);
            });
}

bool PostgresPanel::appliesTo(const std::string& sinkType) {
    const SinkDescriptor* sink = findSink(sinkType);
    return sink != nullptr && sink->name == "postgres";
}

QPushButton* PostgresPanel::testButton() const {
    return m_test->button();
}

QLabel* PostgresPanel::resultLabel() const {
    return m_test->label();
}

void PostgresPanel::testConnection() {
    const Config& config = m_document->config();
    PostgresSettings settings;
    std::string error;
    if (!readPostgresSettings(config.sink, settings, error)) {
        m_test->show({false, QString::fromStdString(error)});
        return;
    }
    // The tables follow from the plan; a config with problems still gets its connection tested.
    std::shared_ptr<const Plan> plan = preflight(config).plan;
    m_test->start(
        [settings, plan] {
            const auto check = PostgresSink::checkConnection(settings, plan.get());
            QString message = QString::fromStdString(check.message);
            if (plan == nullptr && check.ok) {
                message += tr("\nTables not checked while the config has problems.");
            }
            return ConnectionTest::Outcome{check.ok, message, 0};
        },
        tr("Connecting to %1...").arg(QString::fromStdString(settings.target)));
}

} // namespace streamgen::ui
