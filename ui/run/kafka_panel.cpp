#include "kafka_panel.h"

#include "ui/document.h"

#include "sinks/kafka_sink.h"
#include "sinks/sink_registry.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QtConcurrent>

namespace streamgen::ui {

namespace {

constexpr std::chrono::milliseconds kTestTimeout{5000};

} // namespace

KafkaPanel::KafkaPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_test(new QPushButton(tr("Test connection"), this)),
      m_result(new QLabel(this)) {
    m_result->setWordWrap(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_test);
    layout->addWidget(m_result, 1);
    connect(m_test, &QPushButton::clicked, this, &KafkaPanel::testConnection);
    connect(&m_watcher, &QFutureWatcher<TestResult>::finished, this, [this] {
        const TestResult result = m_watcher.result();
        m_test->setEnabled(true);
        m_result->setText(result.message);
        m_result->setStyleSheet(result.ok ? "color: #2a7a2a;" : "color: #b02020;");
        emit testFinished(result.ok, result.message);
    });
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
        m_result->setText(QString::fromStdString(error));
        m_result->setStyleSheet("color: #b02020;");
        emit testFinished(false, m_result->text());
        return;
    }
    std::vector<std::string> topics;
    for (const EventType& type : config.eventTypes) {
        const std::string topic = settings.topicFor(type.id);
        if (std::find(topics.begin(), topics.end(), topic) == topics.end()) {
            topics.push_back(topic);
        }
    }
    m_test->setEnabled(false);
    m_result->setText(tr("Asking %1...").arg(QString::fromStdString(settings.bootstrapServers)));
    m_result->setStyleSheet({});
    // The metadata request may wait for the whole timeout: never on the GUI thread.
    m_watcher.setFuture(QtConcurrent::run([settings, topics] {
        const auto check = KafkaSink::checkConnection(settings, topics, kTestTimeout);
        TestResult result;
        result.ok = check.status == KafkaSink::ConnectionCheck::Status::Ok;
        result.message = result.ok ? QObject::tr("Connected to %1; %n topic(s) found.", nullptr,
                                                 static_cast<int>(topics.size()))
                                         .arg(QString::fromStdString(settings.bootstrapServers))
                                   : QString::fromStdString(check.message);
        return result;
    }));
}

} // namespace streamgen::ui
