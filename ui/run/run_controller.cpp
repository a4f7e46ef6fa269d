#include "run_controller.h"

#include "ui/document.h"

#include <algorithm>
#include <thread>

namespace streamgen::ui {

namespace {

constexpr int kSampleIntervalMs = 100;

/// The fields of every type and the common fields, which a running plan has compiled in.
bool sameSchema(const Config& a, const Config& b) {
    if (a.commonFields != b.commonFields || a.eventTypes.size() != b.eventTypes.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.eventTypes.size(); ++i) {
        if (a.eventTypes[i].id != b.eventTypes[i].id ||
            a.eventTypes[i].fields != b.eventTypes[i].fields) {
            return false;
        }
    }
    return true;
}

/// What only a new run can apply: the sink, the mode, the seed and the serialization.
bool sameRunShape(const Config& a, const Config& b) {
    return a.sink == b.sink && a.generationMode == b.generationMode && a.seed == b.seed &&
           a.serializationFormat == b.serializationFormat;
}

/// One worker fewer than there are cores, so the GUI thread keeps a core to itself.
int workerThreads() {
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    return std::max(1, cores - 1);
}

} // namespace

RunController::RunController(Document* document, QObject* parent)
    : QObject(parent), m_document(document), m_seconds(std::make_unique<SecondSeries>(0)) {
    m_timer.setInterval(kSampleIntervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RunController::poll);
    connect(document, &Document::changed, this, &RunController::onDocumentChanged);
}

RunController::~RunController() {
    if (m_run) {
        m_run->requestStop();
        // Bounded: the sink's own flush timeout plus a margin. ~Run waits for what is left.
        m_run->wait(RunOptions{}.flushTimeout + std::chrono::seconds(5));
    }
}

bool RunController::isActive() const {
    return m_state == State::Running || m_state == State::Paused || m_state == State::Stopping;
}

bool RunController::start(const RunLimits& limits, QString* error) {
    const auto fail = [this, error](const QString& message,
                                    StartFailure failure = StartFailure::Config) {
        m_startFailure = failure;
        if (error) {
            *error = message;
        }
        return false;
    };
    m_startFailure = StartFailure::None;
    if (isActive()) {
        return fail(tr("A run is already going on."));
    }
    const Config& config = m_document->config();
    if (hasErrors(m_document->problems())) {
        return fail(tr("Fix the problems listed in Problems before starting a run."));
    }
    RunRequest request;
    request.threads = workerThreads();
    request.count = limits.count;
    request.durationSeconds = limits.durationSeconds;
    RunSetup setup = setUpRun(config, request);
    if (!setup.ok()) {
        const auto first = std::find_if(setup.diagnostics.begin(), setup.diagnostics.end(),
                                        [](const Diagnostic& d) { return d.isError(); });
        return fail(first == setup.diagnostics.end()
                        ? tr("Fix the problems listed in Problems before starting a run.")
                        : tr("Fix the problems listed in Problems before starting a run: %1")
                              .arg(QString::fromStdString(first->message)));
    }
    m_sinkName = QString::fromStdString(setup.sinkName);
    try {
        setup.run->start();
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(e.what()), StartFailure::Sink);
    }

    m_run = std::move(setup.run);
    m_setup = std::move(setup);
    const RunOptions& options = m_setup.options;
    const std::shared_ptr<const Plan>& plan = m_setup.plan;
    m_startConfig = config;
    m_targetRate = options.rate;
    m_targetShares = m_setup.targetShares;
    m_typeIds.clear();
    for (std::size_t i = 0; i < plan->typeCount(); ++i) {
        m_typeIds << QString::fromStdString(plan->typeId(i));
    }
    m_snapshot = MetricsSnapshot{};
    m_snapshot.perType.resize(plan->typeCount());
    m_samples.clear();
    m_seconds = std::make_unique<SecondSeries>(plan->typeCount());
    m_nextSecond = 1.0;
    m_summary.reset();
    if (m_restartNeeded) {
        m_restartNeeded = false;
        emit restartNeededChanged(false);
    }
    setState(State::Running);
    emit message(
        tr("Started: %1, %2 event types, sink %3")
            .arg(options.rate > 0 ? tr("%1 events/s").arg(options.rate) : tr("as fast as possible"))
            .arg(plan->typeCount())
            .arg(m_sinkName),
        false);
    m_timer.start();
    return true;
}

void RunController::pause() {
    if (m_run && m_state == State::Running) {
        m_run->pause();
        setState(State::Paused);
    }
}

void RunController::resume() {
    if (m_run && m_state == State::Paused) {
        m_run->resume();
        setState(State::Running);
    }
}

void RunController::stop() {
    if (m_run && (m_state == State::Running || m_state == State::Paused)) {
        if (m_state == State::Paused) {
            m_run->resume(); // a paused run has nothing in flight; let it wind down normally
        }
        m_run->requestStop();
        setState(State::Stopping);
        emit message(tr("Stopping: flushing %1...").arg(m_sinkName), false);
    }
}

void RunController::poll() {
    if (!m_run) {
        return;
    }
    const RunState engineState = m_run->state();
    for (const std::string& warning : m_run->takeSinkWarnings()) {
        emit message(QString::fromStdString(warning), true);
    }
    takeSample();
    if (engineState == RunState::Finished || engineState == RunState::Failed) {
        finish();
    } else if (engineState == RunState::Stopping && m_state != State::Stopping) {
        setState(State::Stopping); // the run reached its count or duration by itself
    }
}

void RunController::takeSample() {
    const MetricsSnapshot snapshot = m_run->snapshot();
    const double interval = snapshot.elapsedSeconds - m_snapshot.elapsedSeconds;
    if (interval < 1e-3) {
        return; // paused: running time stands still, and so does the plot
    }
    RunSample sample;
    sample.time = snapshot.elapsedSeconds;
    sample.rates.resize(snapshot.perType.size());
    for (std::size_t i = 0; i < snapshot.perType.size(); ++i) {
        const uint64_t before = i < m_snapshot.perType.size() ? m_snapshot.perType[i].generated : 0;
        sample.rates[i] = static_cast<double>(snapshot.perType[i].generated - before) / interval;
        sample.totalRate += sample.rates[i];
    }
    sample.targets = targetsFor(m_run->rate());
    for (double target : sample.targets) {
        sample.totalTarget += target;
    }
    while (snapshot.elapsedSeconds >= m_nextSecond) {
        m_seconds->add(snapshot);
        m_nextSecond += 1.0;
    }
    m_snapshot = snapshot;
    m_samples.push_back(std::move(sample));
    if (m_samples.size() > kMaxSamples + kMaxSamples / 10) {
        // Trimmed in chunks so that the erase is rare.
        m_samples.erase(m_samples.begin(), m_samples.begin() + static_cast<std::ptrdiff_t>(
                                                                   m_samples.size() - kMaxSamples));
    }
    emit sampled();
}

void RunController::finish() {
    m_timer.stop();
    m_run->wait();
    m_summary = m_run->summary();
    m_snapshot = m_summary->metrics;
    m_seconds->add(m_snapshot); // the last, partial second: the series sums to the totals
    m_run.reset();
    for (const std::string& error : m_summary->errors) {
        emit message(QString::fromStdString(error), true);
    }
    const bool failed = m_summary->failed();
    const TypeCounters& total = m_snapshot.total;
    emit message(tr("%1: %2 events in %3 s; delivered %4, failed %5, undelivered %6")
                     .arg(failed ? tr("Failed") : tr("Finished"))
                     .arg(total.generated)
                     .arg(m_snapshot.elapsedSeconds, 0, 'f', 1)
                     .arg(total.delivered)
                     .arg(total.failed)
                     .arg(m_summary->undelivered),
                 failed);
    setState(failed ? State::Failed : State::Finished);
    emit finished(failed);
}

void RunController::setState(State state) {
    if (m_state != state) {
        m_state = state;
        emit stateChanged(state);
    }
}

std::vector<double> RunController::liveWeights() const {
    std::vector<double> weights;
    for (const EventType& type : m_document->config().eventTypes) {
        weights.push_back(type.enabled ? std::max(0.0, type.weight) : 0.0);
    }
    return weights;
}

std::vector<double> RunController::targetsFor(double rate) const {
    std::vector<double> targets(m_targetShares.size(), 0.0);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        targets[i] = rate * m_targetShares[i];
    }
    return targets;
}

void RunController::onDocumentChanged(const DocumentChange&) {
    if (!m_run || m_state == State::Stopping) {
        return;
    }
    const Config& config = m_document->config();
    // Types and fields are compiled into the plan: weights follow only while the types are the
    // same ones.
    const bool schemaKept = sameSchema(config, m_startConfig);
    const bool needsRestart = !schemaKept || !sameRunShape(config, m_startConfig);
    if (schemaKept) {
        const std::vector<double> weights = liveWeights();
        m_run->setWeights(weights);
        double sum = 0.0;
        for (double w : weights) {
            sum += w;
        }
        for (std::size_t i = 0; i < m_targetShares.size(); ++i) {
            m_targetShares[i] = sum > 0.0 ? weights[i] / sum : 0.0;
        }
    }
    // Only a paced run follows the rate: a batch run stays as fast as possible whatever the
    // document's mode is now.
    if (m_startConfig.generationMode == GenerationMode::Streaming &&
        config.totalRowsPerSecond != m_targetRate) {
        m_targetRate = config.totalRowsPerSecond;
        m_run->setRate(m_targetRate);
    }
    if (needsRestart != m_restartNeeded) {
        m_restartNeeded = needsRestart;
        emit restartNeededChanged(needsRestart);
    }
}

QByteArray RunController::reportJson() const {
    if (!m_summary) {
        return {};
    }
    // The shares and the rate follow live edits; the report gives those the run ended with.
    RunReportContext context = m_setup.reportContext(*m_seconds);
    context.targetShares = m_targetShares;
    context.targetRate = m_targetRate;
    return QByteArray::fromStdString(runReportJson(*m_summary, context));
}

QByteArray RunController::secondsCsv() const {
    QByteArray csv = "second";
    for (const QString& id : m_typeIds) {
        csv += ',' + id.toUtf8();
    }
    csv += ",total\n";
    const auto& perType = m_seconds->perType();
    for (std::size_t second = 0; second < m_seconds->seconds(); ++second) {
        csv += QByteArray::number(static_cast<qulonglong>(second + 1));
        for (const auto& series : perType) {
            csv += ',' + QByteArray::number(static_cast<qulonglong>(series[second]));
        }
        csv +=
            ',' + QByteArray::number(static_cast<qulonglong>(m_seconds->totals()[second])) + '\n';
    }
    return csv;
}

} // namespace streamgen::ui
