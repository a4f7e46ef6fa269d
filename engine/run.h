#pragma once

#include "metrics.h"
#include "plan.h"
#include "sink.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace streamgen {

struct RunOptions {
    int threads = 1;
    /// Total events to generate (this shard's share of them with sharding); none = unlimited.
    std::optional<uint64_t> count;
    /// Stop after this long; none = no time limit.
    std::optional<double> durationSeconds;
    /// Target total events per second across all types; 0 = as fast as the sink accepts.
    double rate = 0.0;
    /// This process generates the sequence numbers k with k % shardCount == shardIndex.
    uint32_t shardIndex = 0;
    uint32_t shardCount = 1;
    /// How long closing the sink may take.
    std::chrono::milliseconds flushTimeout{30000};
    /// First sequence number (resume).
    uint64_t startSequence = 0;
};

enum class RunState { Idle, Running, Paused, Stopping, Finished, Failed };
const char* runStateName(RunState state);

/// The outcome of a run, available once it has finished.
struct RunSummary {
    MetricsSnapshot metrics;
    /// The stream indexes the run covered: [firstIndex, endIndex) of its shard (event index i is
    /// sequence number i * shardCount + shardIndex), less `abandoned`, the ranges claimed but
    /// never generated because the run stopped first. `streamgen verify` expects exactly these.
    uint64_t firstIndex = 0;
    uint64_t endIndex = 0;
    std::vector<std::pair<uint64_t, uint64_t>> abandoned;
    uint32_t shardIndex = 0;
    uint32_t shardCount = 1;
    uint64_t undelivered = 0; ///< handed to the sink but never confirmed
    std::vector<std::string> errors;
    bool failed() const { return !errors.empty() || undelivered > 0 || metrics.total.failed > 0; }
};

/// One generation run: worker threads render batches from a Plan and hand them to a Sink, paced
/// to the target rate. The control methods are thread-safe and take effect within ~200 ms
/// without reopening the sink. Nothing here touches Qt; the Studio polls `snapshot()`.
class Run {
public:
    Run(std::shared_ptr<const Plan> plan, std::unique_ptr<Sink> sink, RunOptions options);
    ~Run(); ///< requests stop and waits
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    /// Opens the sink and starts the workers. Throws SinkError when the sink cannot open.
    void start();
    /// Asks the workers to stop; returns at once. The sink is then flushed off the caller's thread.
    void requestStop();
    /// Waits until the run has finished (workers joined, sink closed). Returns false on timeout.
    bool wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt);

    void pause();
    void resume();
    void setRate(double eventsPerSecond);
    /// New relative weights, one per event type (0 disables a type).
    void setWeights(const std::vector<double>& weights);
    void setTypeEnabled(std::size_t type, bool enabled);

    RunState state() const;
    double rate() const;
    /// Counters summed over workers, with elapsed time (pauses excluded). Lock-free.
    MetricsSnapshot snapshot() const;
    /// Valid once `state()` is Finished or Failed.
    RunSummary summary() const;
    /// Sink warnings (e.g. a broker down) since the last call, for a live log.
    std::vector<std::string> takeSinkWarnings();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace streamgen
