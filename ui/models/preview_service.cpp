#include "preview_service.h"

#include "engine/plan.h"
#include "engine/preview.h"
#include "ui/document.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace streamgen::ui {

struct PreviewService::Result {
    QStringList payloads;
    QString error; ///< set when the plan could not be compiled
};

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
        for (const std::string& event :
             previewEvents(*plan, static_cast<std::size_t>(count), type)) {
            result.payloads << QString::fromStdString(event);
        }
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
        emit previewReady(result.payloads);
    }
}

} // namespace streamgen::ui
