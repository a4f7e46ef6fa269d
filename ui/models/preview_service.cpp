#include "preview_service.h"

#include "engine/encoders/json_encoder.h"
#include "engine/plan.h"
#include "engine/preview.h"
#include "ui/document.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace streamgen::ui {

struct PreviewService::Result {
    QStringList lines;
    QList<PreviewModel::Row> rows;
    bool binary = false;
    QString error; ///< set when the plan could not be compiled
};

namespace {

QList<PreviewModel::Row> tableOf(const Plan& plan, const std::vector<PreviewRow>& rows,
                                 bool binary) {
    QList<PreviewModel::Row> table;
    for (const PreviewRow& row : rows) {
        PreviewModel::Row out;
        out.cells.append({QStringLiteral("event_type_id"),
                          QString::fromStdString(json::quote(plan.typeId(row.type))), false});
        const std::vector<std::string>& names = plan.fieldNames(row.type);
        for (std::size_t i = 0; i < names.size() && i < row.values.size(); ++i) {
            std::string text;
            JsonEncoder::appendValue(row.values[i], text);
            out.cells.append({QString::fromStdString(names[i]), QString::fromStdString(text),
                              row.values[i].isNull()});
        }
        out.bytes = binary ? static_cast<int>(row.payload.size()) : -1;
        table << out;
    }
    return table;
}

} // namespace

PreviewService::PreviewService(Document* document, QObject* parent)
    : QObject(parent), m_document(document) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &PreviewService::start);
    connect(m_document, &Document::changed, this, [this] { m_debounce.start(); });
}

PreviewService::~PreviewService() = default;

void PreviewService::setCount(int count) {
    count = std::max(0, count);
    if (count != m_count) {
        m_count = count;
        m_debounce.start();
    }
}

void PreviewService::setEventType(int type) {
    type = std::max(-1, type);
    if (type != m_type) {
        m_type = type;
        m_debounce.start();
    }
}

void PreviewService::refreshNow() {
    m_debounce.stop();
    start();
}

bool PreviewService::isPending() const {
    return m_debounce.isActive() || m_running;
}

void PreviewService::start() {
    const quint64 generation = ++m_generation;
    if (hasErrors(m_document->problems())) {
        m_rerun = false;
        emit previewFailed(tr("Fix the problems to see a preview."));
        return;
    }
    if (m_running) {
        // One computation at a time: the newest config is rendered when the running one ends.
        m_rerun = true;
        return;
    }
    m_running = true;
    const Config config = m_document->config();
    const int count = m_count;
    const int type = m_type < static_cast<int>(config.eventTypes.size()) ? m_type : -1;
    auto* watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        m_running = false;
        finish(generation, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([config, count, type] {
        Result result;
        std::string error;
        const std::shared_ptr<const Plan> plan = Plan::compile(config, &error);
        if (!plan) {
            result.error = QString::fromStdString(error);
            return result;
        }
        const std::vector<PreviewRow> rows = previewRows(*plan, static_cast<std::size_t>(count), type);
        for (const std::string& line : previewText(*plan, rows)) {
            result.lines << QString::fromStdString(line);
        }
        result.binary = !formatInfo(plan->format()).text;
        result.rows = tableOf(*plan, rows, result.binary);
        return result;
    }));
}

void PreviewService::finish(quint64 generation, const Result& result) {
    if (m_rerun) {
        m_rerun = false;
        start();
        return;
    }
    if (generation != m_generation) {
        return;
    }
    if (!result.error.isEmpty()) {
        emit previewFailed(result.error);
    } else {
        m_rows = result.rows;
        m_binary = result.binary;
        emit previewReady(result.lines);
    }
}

} // namespace streamgen::ui
