#include "run_panel.h"

#include "counters_model.h"
#include "kafka_panel.h"
#include "kinesis_panel.h"
#include "postgres_panel.h"
#include "run_controller.h"
#include "sink_options_form.h"
#include "throughput_plot.h"
#include "verify_panel.h"
#include "ui/document.h"

#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

namespace streamgen::ui {

namespace {

// The slider is logarithmic: 1 to 10 million events/s over its travel.
constexpr int kSliderSteps = 1000;
constexpr double kSliderDecades = 7.0;

int sliderPosition(double rate) {
    if (rate < 1.0) {
        return kSliderSteps;
    }
    return static_cast<int>(std::lround(std::log10(rate) / kSliderDecades * kSliderSteps));
}

double sliderRate(int position) {
    return std::round(std::pow(10.0, position * kSliderDecades / kSliderSteps));
}

const QList<QPair<QString, int>>& windowChoices() {
    static const QList<QPair<QString, int>> choices{
        {QObject::tr("10 s"), 10},   {QObject::tr("30 s"), 30},   {QObject::tr("1 min"), 60},
        {QObject::tr("2 min"), 120}, {QObject::tr("5 min"), 300}, {QObject::tr("10 min"), 600}};
    return choices;
}

} // namespace

RunPanel::RunPanel(Document* document, RunController* controller, QWidget* parent)
    : QWidget(parent), m_document(document), m_controller(controller) {
    m_plot = new ThroughputPlot(controller, this);
    m_countersModel = new CountersModel(controller, this);
    m_counters = new QTableView(this);
    m_counters->setModel(m_countersModel);
    m_counters->verticalHeader()->hide();
    m_counters->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_counters->horizontalHeader()->setStretchLastSection(true);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_log->setPlaceholderText(tr("Run log: starts, stops and sink errors"));

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_counters);
    lower->addWidget(m_log);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 1);
    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_plot);
    vertical->addWidget(lower);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createSettings());
    layout->addWidget(vertical, 1);
    m_verify = new VerifyPanel(controller, this);
    connect(m_verify, &VerifyPanel::verified, this, [this](bool clean) {
        appendLog(clean ? tr("Verify: every event present once and equal.")
                        : tr("Verify: differences found (see the table)."),
                  !clean);
    });
    layout->addWidget(m_verify);
    layout->addWidget(createExports());

    connect(document, &Document::changed, this, &RunPanel::syncFromDocument);
    connect(controller, &RunController::stateChanged, this, &RunPanel::onStateChanged);
    connect(controller, &RunController::message, this, &RunPanel::appendLog);
    connect(controller, &RunController::sampled, this,
            [this] { emit statusChanged(statusText()); });
    connect(controller, &RunController::restartNeededChanged, m_restartHint, &QLabel::setVisible);
    syncFromDocument();
    onStateChanged();
}

QWidget* RunPanel::createSettings() {
    auto* box = new QWidget(this);
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);

    m_sinkType = new QComboBox(box);
    m_sinkType->setObjectName("dashboardSinkType");
    addSinkItems(m_sinkType);
    form->addRow(tr("Sink"), m_sinkType);
    m_sinkOptions = new SinkOptionsForm(m_document, SinkOptionsForm::Scope::Required, box);
    form->addRow(m_sinkOptions);
    m_kafka = new KafkaPanel(m_document, box);
    form->addRow(m_kafka);
    connect(m_kafka, &KafkaPanel::testFinished, this,
            [this](bool ok, const QString& message) { appendLog(message, !ok); });
    m_kinesis = new KinesisPanel(m_document, box);
    form->addRow(m_kinesis);
    connect(m_kinesis, &KinesisPanel::testFinished, this,
            [this](bool ok, const QString& message) { appendLog(message, !ok); });
    m_postgres = new PostgresPanel(m_document, box);
    form->addRow(m_postgres);
    connect(m_postgres, &PostgresPanel::testFinished, this,
            [this](bool ok, const QString& message) { appendLog(message, !ok); });
    connect(m_sinkType, &QComboBox::activated, this, &RunPanel::applySink);

    auto* rateRow = new QHBoxLayout;
    m_rate = new QDoubleSpinBox(box);
    m_rate->setRange(0, 1e8);
    m_rate->setDecimals(0);
    m_rate->setSuffix(tr(" events/s"));
    m_rate->setSpecialValueText(tr("as fast as possible"));
    m_rate->setGroupSeparatorShown(true);
    m_rateSlider = new QSlider(Qt::Horizontal, box);
    m_rateSlider->setRange(0, kSliderSteps);
    rateRow->addWidget(m_rate);
    rateRow->addWidget(m_rateSlider, 1);
    form->addRow(tr("Total rate"), rateRow);
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, &RunPanel::applyRate);
    connect(m_rateSlider, &QSlider::valueChanged, this, [this](int position) {
        if (!m_syncing) {
            m_rate->setValue(sliderRate(position));
        }
    });

    auto* limitRow = new QHBoxLayout;
    m_duration = new QDoubleSpinBox(box);
    m_duration->setRange(0, 1e7);
    m_duration->setSuffix(tr(" s"));
    m_duration->setSpecialValueText(tr("no time limit"));
    m_count = new QSpinBox(box);
    m_count->setRange(0, 2000000000);
    m_count->setSpecialValueText(tr("no count limit"));
    m_count->setGroupSeparatorShown(true);
    limitRow->addWidget(m_duration);
    limitRow->addWidget(m_count);
    form->addRow(tr("Stop after"), limitRow);

    auto* controls = new QHBoxLayout;
    m_start = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start"), box);
    m_pause = new QPushButton(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"), box);
    m_stop = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"), box);
    m_flushing = new QProgressBar(box);
    m_flushing->setRange(0, 0); // busy: a flush has no known length
    m_flushing->setFormat(tr("flushing the sink"));
    m_flushing->setMaximumWidth(160);
    m_restartHint = new QLabel(tr("Field or sink edits apply at the next start."), box);
    m_restartHint->setStyleSheet("color: #a05a00;");
    m_restartHint->setVisible(false);
    m_window = new QComboBox(box);
    for (const auto& [label, seconds] : windowChoices()) {
        m_window->addItem(label, seconds);
    }
    m_window->setCurrentIndex(2);
    m_window->setToolTip(tr("Time window of the plot"));
    controls->addWidget(m_start);
    controls->addWidget(m_pause);
    controls->addWidget(m_stop);
    controls->addWidget(m_flushing);
    controls->addWidget(m_restartHint, 1);
    controls->addWidget(new QLabel(tr("Window"), box));
    controls->addWidget(m_window);
    form->addRow(controls);

    connect(m_start, &QPushButton::clicked, this, &RunPanel::onStart);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_controller->state() == RunController::State::Paused) {
            m_controller->resume();
        } else {
            m_controller->pause();
        }
    });
    connect(m_stop, &QPushButton::clicked, m_controller, &RunController::stop);
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this] { m_plot->setWindowSeconds(m_window->currentData().toInt()); });
    return box;
}

QWidget* RunPanel::createExports() {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addStretch();
    const auto add = [&](const QString& text, auto slot) {
        auto* button = new QPushButton(text, row);
        connect(button, &QPushButton::clicked, this, slot);
        layout->addWidget(button);
        m_exportButtons << button;
    };
    add(tr("Plot as PNG…"), [this] { exportPlot(false); });
    add(tr("Plot as PDF…"), [this] { exportPlot(true); });
    add(tr("Per-second CSV…"), [this] { exportCsv(); });
    return row;
}

void RunPanel::syncFromDocument() {
    m_syncing = true;
    const Config& config = m_document->config();
    showSinkType(m_sinkType, config.sink.type);
    m_kafka->setVisible(KafkaPanel::appliesTo(config.sink.type));
    const bool kinesis = KinesisPanel::appliesTo(config.sink.type);
    if (kinesis && m_kinesis->shares().empty()) {
        m_kinesis->refreshLoad(); // later edits refresh it from the panel itself
    }
    m_kinesis->setVisible(kinesis);
    m_postgres->setVisible(PostgresPanel::appliesTo(config.sink.type));
    if (!m_rate->hasFocus()) {
        m_rate->setValue(config.totalRowsPerSecond);
    }
    m_rateSlider->setValue(sliderPosition(config.totalRowsPerSecond));
    m_syncing = false;
}

void RunPanel::applySink() {
    Config settings = m_document->config();
    settings.sink.type = m_sinkType->currentData().toString().toStdString();
    m_document->setRunSettings(settings);
}

void RunPanel::applyRate(double rate) {
    if (m_syncing) {
        return;
    }
    Config settings = m_document->config();
    settings.totalRowsPerSecond = rate;
    m_document->setRunSettings(settings, "total_rows_per_second");
}

void RunPanel::onStart() {
    RunLimits limits;
    if (m_duration->value() > 0) {
        limits.durationSeconds = m_duration->value();
    }
    if (m_count->value() > 0) {
        limits.count = static_cast<uint64_t>(m_count->value());
    }
    QString error;
    if (!m_controller->start(limits, &error)) {
        appendLog(error, true);
    }
}

void RunPanel::onStateChanged() {
    using State = RunController::State;
    const State state = m_controller->state();
    const bool live = state == State::Running || state == State::Paused;
    m_start->setEnabled(!m_controller->isActive());
    m_pause->setEnabled(live);
    m_pause->setText(state == State::Paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(state == State::Paused ? QStyle::SP_MediaPlay
                                                                  : QStyle::SP_MediaPause));
    m_stop->setEnabled(live);
    m_flushing->setVisible(state == State::Stopping);
    for (QPushButton* button : m_exportButtons) {
        button->setEnabled(!m_controller->samples().empty() || !live);
    }
    emit statusChanged(statusText());
}

QString RunPanel::statusText() const {
    using State = RunController::State;
    static const QHash<State, QString> names{
        {State::Idle, tr("Idle")},         {State::Running, tr("Running")},
        {State::Paused, tr("Paused")},     {State::Stopping, tr("Stopping (flushing)")},
        {State::Finished, tr("Finished")}, {State::Failed, tr("Failed")}};
    const State state = m_controller->state();
    if (state == State::Idle) {
        return names[state];
    }
    const MetricsSnapshot& snapshot = m_controller->snapshot();
    const double elapsed = snapshot.elapsedSeconds;
    const auto& samples = m_controller->samples();
    const bool live = state == State::Running || state == State::Paused;
    const double rate = live && !samples.empty()
                            ? samples.back().totalRate
                            : (elapsed > 0 ? double(snapshot.total.generated) / elapsed : 0.0);
    const double megabytes =
        elapsed > 0 ? static_cast<double>(snapshot.total.bytes) / elapsed / 1e6 : 0.0;
    const QLocale locale;
    return tr("%1 · %2 s · %3 events · %4 ev/s · %5 MB/s")
        .arg(names[state])
        .arg(elapsed, 0, 'f', 1)
        .arg(locale.toString(static_cast<qulonglong>(snapshot.total.generated)))
        .arg(locale.toString(rate, 'f', 0))
        .arg(megabytes, 0, 'f', 1);
}

void RunPanel::appendLog(const QString& text, bool isError) {
    const QString time = QDateTime::currentDateTime().toString("HH:mm:ss.zzz");
    const QString line = QString("%1  %2%3").arg(time, isError ? tr("error: ") : QString(), text);
    m_log->appendPlainText(line);
}

void RunPanel::exportPlot(bool pdf) {
    const QString filter = pdf ? tr("PDF (*.pdf)") : tr("PNG image (*.png)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export plot"), QString(), filter);
    if (path.isEmpty()) {
        return;
    }
    const bool ok = pdf ? m_plot->savePdf(path) : m_plot->savePng(path);
    appendLog(ok ? tr("Plot saved to %1").arg(path) : tr("Cannot write %1").arg(path), !ok);
}

void RunPanel::exportCsv() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export per-second series"),
                                                      QString(), tr("CSV (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    QFile file(path);
    const bool ok = file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                    file.write(m_controller->secondsCsv()) >= 0;
    appendLog(ok ? tr("Series saved to %1").arg(path) : tr("Cannot write %1").arg(path), !ok);
}

} // namespace streamgen::ui
