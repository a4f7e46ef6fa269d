#include "kinesis_panel.h"

#include "connection_test.h"
#include "engine/plan.h"
#include "sinks/kinesis/kinesis_sink.h"
#include "sinks/sink_options.h"
#include "sinks/sink_registry.h"
#include "ui/document.h"

#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <algorithm>
#include <qcustomplot.h>

namespace streamgen::ui {

namespace {

constexpr std::size_t kLoadEvents = 10000;

std::string optionText(const Config& config, const char* key) {
    const OptionNode* node = config.sink.options.find(key);
    return node != nullptr && node->kind == OptionNode::Kind::Scalar ? node->scalar : "";
}

} // namespace

KinesisPanel::KinesisPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_test(new ConnectionTest(this)),
      m_shards(new QSpinBox(this)), m_plot(new QCustomPlot(this)), m_load(new QLabel(this)) {
    m_shards->setRange(1, 500);
    m_shards->setObjectName("kinesisShards");
    m_shards->setToolTip(tr("Shards to spread the keys over (the stream's open shards after a "
                            "connection test)"));
    m_plot->setMinimumHeight(110);
    m_plot->yAxis->setLabel(tr("share %"));
    m_plot->xAxis->setLabel(tr("shard"));
    m_load->setWordWrap(true);
    auto* layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(m_test);
    layout->addRow(tr("Shard load over"), m_shards);
    layout->addRow(m_plot);
    layout->addRow(m_load);
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(200);
    connect(&m_refresh, &QTimer::timeout, this, &KinesisPanel::refreshLoad);
    connect(m_shards, &QSpinBox::valueChanged, this, [this] { m_refresh.start(); });
    connect(m_document, &Document::changed, this, [this] {
        if (!isHidden()) {
            m_refresh.start();
        }
    });
    connect(m_test, &ConnectionTest::requested, this, &KinesisPanel::testConnection);
    connect(m_test, &ConnectionTest::finished, this,
            [this](const ConnectionTest::Outcome& outcome) {
                if (outcome.ok && outcome.count > 0) {
                    m_shards->setValue(outcome.count);
                }
                emit testFinished(outcome.ok, outcome.message);
            });
    const auto count = parseInteger(optionText(document->config(), "shard_count"));
    m_shards->setValue(static_cast<int>(std::clamp<int64_t>(count.value_or(4), 1, 500)));
}

bool KinesisPanel::appliesTo(const std::string& sinkType) {
    const SinkDescriptor* sink = findSink(sinkType);
    return sink != nullptr && sink->name == "kinesis";
}

QPushButton* KinesisPanel::testButton() const {
    return m_test->button();
}

void KinesisPanel::testConnection() {
    KinesisSettings settings;
    std::string error;
    if (!readKinesisSettings(m_document->config().sink, settings, error)) {
        m_test->show({false, QString::fromStdString(error)});
        return;
    }
    settings.createStream = false; // a test looks, it creates nothing
    m_test->start(
        [settings] {
            const KinesisSink::ConnectionCheck check = KinesisSink::checkConnection(settings);
            return ConnectionTest::Outcome{check.ok, QString::fromStdString(check.message),
                                           static_cast<int>(check.openShards)};
        },
        tr("Asking %1...").arg(QString::fromStdString(settings.endpoint)));
}

void KinesisPanel::refreshLoad() {
    const Config& config = m_document->config();
    std::string error;
    const auto plan = Plan::compile(config, &error);
    m_plot->clearPlottables();
    m_shares.clear();
    if (!plan) {
        m_load->setText(tr("No shard load while the config has problems."));
        m_plot->replot();
        return;
    }
    const std::string keyField = optionText(config, "partition_key_field");
    m_shares = KinesisSink::shardShares(*plan, keyField, m_shards->value(), kLoadEvents);
    auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    QVector<double> keys;
    QVector<double> values;
    for (std::size_t i = 0; i < m_shares.size(); ++i) {
        keys << static_cast<double>(i);
        values << m_shares[i] * 100.0;
    }
    bars->setData(keys, values);
    m_plot->xAxis->setRange(-0.5, static_cast<double>(m_shares.size()) - 0.5);
    m_plot->yAxis->setRange(0,
                            std::max(1.0, *std::max_element(values.begin(), values.end())) * 1.1);
    m_plot->replot();
    const double hottest = *std::max_element(m_shares.begin(), m_shares.end());
    const double even = 1.0 / static_cast<double>(m_shares.size());
    m_load->setText(
        tr("%1 of %2 events: the busiest shard takes %3% (even: %4%)%5")
            .arg(keyField.empty() ? tr("Drawn keys") : tr("Keys from `%1`").arg(keyField.c_str()))
            .arg(kLoadEvents)
            .arg(hottest * 100.0, 0, 'f', 1)
            .arg(even * 100.0, 0, 'f', 1)
            .arg(hottest > 1.5 * even ? tr("; a hot shard throttles the whole run") : QString()));
}

} // namespace streamgen::ui
