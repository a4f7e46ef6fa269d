#include "kafka_panel.h"

#include "ui/document.h"

#include "sinks/kafka_sink.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QtConcurrent>

namespace streamgen::ui {

namespace {

constexpr std::chrono::milliseconds kTestTimeout{5000};

QString option(const Config& config, const char* key) {
    const OptionNode* node = config.sink.options.find(key);
    return node && node->kind == OptionNode::Kind::Scalar ? QString::fromStdString(node->scalar)
                                                          : QString();
}

QLineEdit* addField(QFormLayout* form, const QString& label, const QString& placeholder) {
    auto* edit = new QLineEdit(form->parentWidget());
    edit->setPlaceholderText(placeholder);
    form->addRow(label, edit);
    return edit;
}

} // namespace

KafkaPanel::KafkaPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_pages(new QStackedWidget(this)) {
    auto* kafkaPage = new QWidget(m_pages);
    auto* kafkaForm = new QFormLayout(kafkaPage);
    kafkaForm->setContentsMargins(0, 0, 0, 0);
    m_bootstrap = addField(kafkaForm, tr("Bootstrap servers"), "broker1:9092,broker2:9092");
    m_topic = addField(kafkaForm, tr("Topic"), tr("events, or ev.{event_type_id} per type"));
    auto* hubsPage = new QWidget(m_pages);
    auto* hubsForm = new QFormLayout(hubsPage);
    hubsForm->setContentsMargins(0, 0, 0, 0);
    m_namespace = addField(hubsForm, tr("Namespace"), "my-namespace");
    m_eventHub = addField(hubsForm, tr("Event hub"), "clicks");
    m_connection = addField(hubsForm, tr("Connection string"), "${EVENTHUBS_CONNECTION_STRING}");
    m_connection->setToolTip(tr("A reference, not the secret: ${ENV_VAR} or "
                                "{{secrets/scope/key}}; it is read when the run starts."));
    m_pages->addWidget(kafkaPage);
    m_pages->addWidget(hubsPage);

    m_test = new QPushButton(tr("Test connection"), this);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_result, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    layout->addLayout(testRow);

    const auto bind = [this](QLineEdit* edit, const QString& key) {
        connect(edit, &QLineEdit::editingFinished, this,
                [this, edit, key] { apply(key, edit->text()); });
    };
    bind(m_bootstrap, "bootstrap_servers");
    bind(m_topic, "topic");
    bind(m_namespace, "namespace");
    bind(m_eventHub, "event_hub");
    bind(m_connection, "connection_string");
    connect(m_test, &QPushButton::clicked, this, &KafkaPanel::testConnection);
    connect(&m_watcher, &QFutureWatcher<TestResult>::finished, this, [this] {
        const TestResult result = m_watcher.result();
        m_test->setEnabled(true);
        m_result->setText(result.message);
        m_result->setStyleSheet(result.ok ? "color: #2a7a2a;" : "color: #b02020;");
        emit testFinished(result.ok, result.message);
    });
    connect(document, &Document::changed, this, &KafkaPanel::syncFromDocument);
    syncFromDocument();
}

void KafkaPanel::syncFromDocument() {
    const Config& config = m_document->config();
    m_pages->setCurrentIndex(config.sink.type == "eventhubs" ? 1 : 0);
    const std::pair<QLineEdit*, const char*> fields[] = {{m_bootstrap, "bootstrap_servers"},
                                                         {m_topic, "topic"},
                                                         {m_namespace, "namespace"},
                                                         {m_eventHub, "event_hub"},
                                                         {m_connection, "connection_string"}};
    for (const auto& [edit, key] : fields) {
        if (!edit->hasFocus()) {
            edit->setText(option(config, key));
        }
    }
}

void KafkaPanel::apply(const QString& key, const QString& value) {
    Config settings = m_document->config();
    if (option(settings, key.toUtf8().constData()) == value) {
        return;
    }
    settings.sink.options.set(key.toStdString(), value.toStdString());
    m_document->setRunSettings(settings, "sink." + key);
}

void KafkaPanel::testConnection() {
    const Config config = m_document->config();
    KafkaSettings settings;
    std::string error;
    const bool eventHubs = config.sink.type == "eventhubs";
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
