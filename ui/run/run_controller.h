#pragma once

#include "engine/run.h"
#include "engine/run_report.h"
#include "model/config.h"
#include "sinks/run_setup.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <memory>
#include <optional>
#include <vector>

namespace streamgen::ui {

class Document;
struct DocumentChange;

/// Optional limits of a Studio run.
struct RunLimits {
    std::optional<uint64_t> count;
    std::optional<double> durationSeconds;
};

/// One 10 Hz sample of a run: rates over the last interval, per event type, and their targets.
struct RunSample {
    double time = 0.0; ///< running seconds (pauses excluded)
    std::vector<double> rates;
    std::vector<double> targets;
    double totalRate = 0.0;
    double totalTarget = 0.0;
};

/// Runs the document's config on the engine's own threads and samples it from the GUI thread.
///
/// The engine never calls Qt: a 10 Hz QTimer polls `Run::snapshot()` (lock-free) and notices the
/// end of a run by its state, so nothing crosses threads but atomics. Stopping only asks the run
/// to stop; the sink is flushed on the engine's thread while the GUI keeps going.
///
/// The document stays the single source of truth: weight, enabled and total-rate edits made while
/// running reach the engine at once; edits that need a new plan (fields, sink, types added or
/// removed) are applied at the next start and raise `restartNeeded()`.
class RunController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Stopping, Finished, Failed };
    Q_ENUM(State)

    /// How many samples are kept: ten minutes at 10 Hz, the plot's longest window.
    static constexpr std::size_t kMaxSamples = 6000;

    explicit RunController(Document* document, QObject* parent = nullptr);
    /// Stops a live run and waits for its flush, at most the sink's flush timeout.
    ~RunController() override;

    /// Why the last `start` failed: the config (problems, a sink it cannot build) or the sink
    /// itself (it could not open). Callers map them to exit codes 2 and 1.
    enum class StartFailure { None, Config, Sink };

    /// Starts a run of the document's current config. Returns false with a message when the
    /// config has errors or the sink cannot open.
    bool start(const RunLimits& limits, QString* error);
    StartFailure lastStartFailure() const { return m_startFailure; }
    void pause();
    void resume();
    /// Asks the run to stop; `finished` follows once the sink is flushed.
    void stop();

    State state() const { return m_state; }
    bool isActive() const;
    bool restartNeeded() const { return m_restartNeeded; }
    QStringList typeIds() const { return m_typeIds; }
    double targetRate() const { return m_targetRate; }
    QString sinkDescription() const { return m_sinkName; }
    /// Configured share of each type in [0, 1], following live weight edits.
    const std::vector<double>& targetShares() const { return m_targetShares; }

    const std::vector<RunSample>& samples() const { return m_samples; }
    /// The latest counters (live, or final once finished).
    const MetricsSnapshot& snapshot() const { return m_snapshot; }
    /// Events per type for each running second; sums to the totals once finished.
    const SecondSeries& seconds() const { return *m_seconds; }
    /// Valid once finished.
    const std::optional<RunSummary>& summary() const { return m_summary; }
    /// The config the current (or last) run was started from.
    const Config& startConfig() const { return m_startConfig; }
    /// The run report (the CLI's `--report` shape). Valid once finished.
    QByteArray reportJson() const;
    /// The per-second series as CSV: `second,<type ids...>,total`.
    QByteArray secondsCsv() const;

signals:
    void stateChanged(streamgen::ui::RunController::State state);
    /// A new sample was taken (10 Hz while a run is live).
    void sampled();
    void finished(bool failed);
    void restartNeededChanged(bool needed);
    /// Lines for the run log: sink errors, starts and stops.
    void message(const QString& text, bool isError);

private:
    void onDocumentChanged(const DocumentChange& change);
    void poll();
    void takeSample();
    void finish();
    void setState(State state);
    std::vector<double> liveWeights() const;
    std::vector<double> targetsFor(double rate) const;

    Document* m_document;
    QTimer m_timer;
    std::unique_ptr<Run> m_run;
    /// How the current (or last) run was set up; its Run lives in m_run.
    RunSetup m_setup;
    State m_state = State::Idle;
    StartFailure m_startFailure = StartFailure::None;
    bool m_restartNeeded = false;
    QStringList m_typeIds;
    double m_targetRate = 0.0;
    QString m_sinkName;
    MetricsSnapshot m_snapshot;
    std::vector<RunSample> m_samples;
    std::unique_ptr<SecondSeries> m_seconds;
    double m_nextSecond = 1.0;
    std::optional<RunSummary> m_summary;
    std::vector<double> m_targetShares;
    Config m_startConfig; ///< what the running plan was compiled from
};

} // namespace streamgen::ui
