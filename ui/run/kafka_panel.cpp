#include "kafka_panel.h"

#include "connection_test.h"
#include "sinks/kafka_sink.h"
#include "sinks/sink_registry.h"
#include "ui/document.h"

#include <QHBoxLayout>

namespace streamgen::ui {

namespace {

constexpr std::chrono::milliseconds kTestTimeout{5000};

} // namespace

KafkaPanel::KafkaPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_test(new ConnectionTest(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_test);
    connect(m_test, &ConnectionTest::requested, this, &KafkaPanel::testConnection);
    connect(m_test, &ConnectionTest::finished, this,
            [this](const ConnectionTest::Outcome& outcome) {
                emit testFinished(outcome.ok, outcome.message);
            });
}

QPushButton* KafkaPanel::testButton() const {
    return m_test->button();
}

QLabel* KafkaPanel::resultLabel() const {
    return m_test->label();
}

bool KafkaPanel::appliesTo(const std::string& sinkType) {
    const SinkDescriptor* sink = findSink(sinkType);
    return sink != nullptr && (sink->name == "kafka" || sink->name == "eventhubs");
}

void KafkaPanel::testConnection() {
    const Config config = m_document->config();
    KafkaSettings settings;
    std::string error;
    const SinkDescriptor* sink = findSink(config.sink.type);
    const bool eventHubs = sink != nullptr && sink->name == "eventhubs";
    if (!(eventHubs ? readEventHubsSettings(config.sink, settings, error)
                    : readKafkaSettings(config.sink, settings, error))) {
        m_test->show({false, QString::fromStdString(error)});
        return;
    }
    std::vector<std::string> topics;
    for (const EventType& type : config.eventTypes) {
        const std::string topic = settings.topicFor(type.id);
        if (std::find(topics.begin(), topics.end(), topic) == topics.end()) {
            topics.push_back(topic);
        }
    }
    m_test->start(
        [settings, topics] {
            const auto check = KafkaSink::checkConnection(settings, topics, kTestTimeout);
            const bool ok = check.status == KafkaSink::ConnectionCheck::Status::Ok;
            const int count = static_cast<int>(topics.size());
            return ConnectionTest::Outcome{
                ok,
                ok ? QObject::tr("Connected to %1; %n topic(s) found.", nullptr, count)
                         .arg(QString::fromStdString(settings.bootstrapServers))
                   : QString::fromStdString(check.message),
                count};
        },
        tr("Asking %1...").arg(QString::fromStdString(settings.bootstrapServers)));
}

} // namespace streamgen::ui
