#include "verify_panel.h"

#include "run_controller.h"
#include "sinks/sink_factory.h"
#include "sinks/sink_registry.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace streamgen::ui {

namespace {

/// What the finished run generated, as its report says it.
VerifyExpectation expectationOf(const RunSummary& summary, uint64_t seed) {
    VerifyExpectation expect;
    expect.firstIndex = summary.firstIndex;
    expect.endIndex = summary.endIndex;
    expect.abandoned = summary.abandoned;
    expect.shardIndex = summary.shardIndex;
    expect.shardCount = summary.shardCount;
    expect.seed = seed;
    return expect;
}

bool readable(const Config& config) {
    const SinkDescriptor* sink = findSink(config.sink.type);
    return sink != nullptr && sink->reader;
}

} // namespace

VerifyPanel::VerifyPanel(RunController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_button(new QPushButton(tr("Verify"), this)),
      m_status(new QLabel(this)), m_model(new QStandardItemModel(0, ColumnCount, this)),
      m_table(new QTableView(this)) {
    m_button->setObjectName("verifyButton");
    m_button->setToolTip(tr("Read back what the sink holds and compare it with the events the "
                            "run generated"));
    m_status->setWordWrap(true);
    m_model->setHorizontalHeaderLabels({tr("Found"), tr("Count or event"), tr("Where")});
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(120);
    m_table->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(m_button);
    row->addWidget(m_status, 1);
    layout->addLayout(row);
    layout->addWidget(m_table);
    connect(m_button, &QPushButton::clicked, this, &VerifyPanel::verify);
    connect(&m_watcher, &QFutureWatcher<VerifyOutcome>::finished, this,
            [this] { show(m_watcher.result()); });
    connect(m_controller, &RunController::stateChanged, this, &VerifyPanel::refresh);
    refresh();
}

void VerifyPanel::refresh() {
    const auto state = m_controller->state();
    const bool done =
        (state == RunController::State::Finished || state == RunController::State::Failed) &&
        m_controller->summary().has_value();
    const bool canRead = readable(m_controller->startConfig());
    m_button->setEnabled(done && canRead && !m_watcher.isRunning());
    if (done && !canRead) {
        m_status->setText(tr("The %1 sink cannot be read back.")
                              .arg(QString::fromStdString(m_controller->startConfig().sink.type)));
    }
}

void VerifyPanel::verify() {
    if (!m_controller->summary() || m_watcher.isRunning()) {
        return;
    }
    const Config config = m_controller->startConfig();
    VerifyRequest request;
    request.options.expect = expectationOf(*m_controller->summary(), config.seed);
    m_button->setEnabled(false);
    m_status->setStyleSheet({});
    m_status->setText(tr("Reading %1 back...").arg(m_controller->sinkDescription()));
    m_watcher.setFuture(
        QtConcurrent::run([config, request] { return verifyRun(config, request); }));
}

void VerifyPanel::addRow(const QString& kind, const QString& value, const QString& where) {
    QList<QStandardItem*> items{new QStandardItem(kind), new QStandardItem(value),
                                new QStandardItem(where)};
    m_model->appendRow(items);
}

void VerifyPanel::show(const VerifyOutcome& outcome) {
    refresh();
    m_model->removeRows(0, m_model->rowCount());
    if (!outcome.result) {
        m_status->setStyleSheet("color: #b02020;");
        m_status->setText(QString::fromStdString(outcome.error));
        m_table->hide();
        emit verified(false);
        return;
    }
    const VerifyResult& r = *outcome.result;
    const bool clean = r.clean();
    m_status->setStyleSheet(clean ? "color: #2a7a2a;" : "color: #b02020;");
    m_status->setText(
        clean ? tr("Every event present once and equal (%1).")
                    .arg(QString::fromStdString(outcome.source))
              : tr("Differences found in %1.").arg(QString::fromStdString(outcome.source)));
    const std::pair<const char*, uint64_t> counts[] = {
        {"expected", r.expected},     {"received", r.received},      {"matched", r.matched},
        {"missing", r.missing},       {"duplicated", r.duplicated},  {"altered", r.altered},
        {"unexpected", r.unexpected}, {"out of order", r.outOfOrder}};
    for (const auto& [kind, count] : counts) {
        addRow(tr(kind), QString::number(count));
    }
    if (r.latency) {
        addRow(tr("latency p50 / p99"), tr("%1 / %2 ms").arg(r.latency->p50).arg(r.latency->p99),
               tr("from `%1` to arrival").arg(QString::fromStdString(r.latency->field)));
    }
    for (const uint64_t sequence : r.firstMissing) {
        addRow(tr("missing"), tr("event %1").arg(sequence));
    }
    for (const LocatedEvent& event : r.firstDuplicated) {
        addRow(tr("duplicated"), tr("event %1").arg(event.sequence),
               QString::fromStdString(event.origin));
    }
    for (const AlteredEvent& event : r.firstAltered) {
        QString detail = QString::fromStdString(event.origin);
        for (const FieldDifference& d : event.fields) {
            detail += tr("; %1: expected %2, got %3")
                          .arg(QString::fromStdString(d.field), QString::fromStdString(d.expected),
                               QString::fromStdString(d.actual));
        }
        addRow(tr("altered"), tr("event %1").arg(event.sequence), detail);
    }
    for (const std::string& origin : r.firstUnexpected) {
        addRow(tr("unexpected"), {}, QString::fromStdString(origin));
    }
    m_table->resizeColumnsToContents();
    m_table->show();
    emit verified(clean);
}

} // namespace streamgen::ui
