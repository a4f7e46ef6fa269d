#include "run.h"

#include "pacer.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace streamgen {

namespace {

// Longest uninterrupted sleep of a worker, so that stop and reconfiguration are seen quickly.
constexpr auto kSleepSlice = std::chrono::milliseconds(20);
// A schedule further behind than this (slow sink) restarts from now instead of bursting.
constexpr auto kMaxLag = std::chrono::seconds(1);

/// A worker's reusable buffers: after the first batches, generation does not allocate.
struct WorkerScratch {
    EventBatch batch;
    std::vector<uint64_t> counts; ///< events per type in the current batch
    std::vector<uint64_t> bytes;  ///< payload bytes (newline included) per type
};

} // namespace

const char* runStateName(RunState state) {
    switch (state) {
    case RunState::Idle:
        return "idle";
    case RunState::Running:
        return "running";
    case RunState::Paused:
        return "paused";
    case RunState::Stopping:
        return "stopping";
    case RunState::Finished:
        return "finished";
    case RunState::Failed:
        return "failed";
    }
    return "unknown";
}

struct Run::Impl {
    Impl(std::shared_ptr<const Plan> p, std::unique_ptr<Sink> s, RunOptions o);

    // Control (any thread).
    const ControlState* current() const { return m_state.load(std::memory_order_acquire); }
    void publish(ControlState next);
    /// Starts the stream at `sequence`, which the sink already holds the events before.
    void resumeAt(uint64_t sequence);
    /// Records indexes claimed (relative to m_firstIndex) that will never be generated.
    void abandon(uint64_t begin, uint64_t end);
    /// Fills the summary's stream coverage once the workers are done.
    void coverage(RunSummary& summary);
    ControlState reanchored(const ControlState& from, PaceClock::time_point now) const;
    void change(const std::function<void(ControlState&)>& edit);
    void applyWeights();
    void recordError(const std::string& message);
    void finish();

    // Workers.
    void workerLoop(int worker);
    const ControlState* awaitDue(uint64_t index, std::size_t& size);
    void waitForChange(const ControlState* seen);
    bool renderAndWrite(int worker, WorkerScratch& scratch, const ControlState& state,
                        uint64_t first, std::size_t size);
    bool durationReached(const ControlState& state, PaceClock::time_point now) const;
    uint64_t sequenceOf(uint64_t index) const {
        return (m_firstIndex + index) * m_options.shardCount + m_options.shardIndex;
    }
    bool stopping() const { return m_stop.load(std::memory_order_acquire); }

    std::shared_ptr<const Plan> m_plan;
    std::unique_ptr<Sink> m_sink;
    RunOptions m_options;
    Metrics m_metrics;
    uint64_t m_firstIndex = 0; ///< claimed index 0 maps to this shard index (resume)
    bool m_hasLimit = false;   ///< a duration limit applies
    PaceClock::duration m_limit{};
    bool m_async = false;
    bool m_usesKeys = false;

    std::atomic<const ControlState*> m_state{nullptr};
    std::atomic<uint64_t> m_next{0};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_started{false};
    std::atomic<bool> m_workersDone{false};
    std::atomic<bool> m_finished{false};
    std::atomic<RunState> m_finalState{RunState::Finished};

    // Guards the list of published states, the weights and the change publication; workers
    // only take it to wait while idle.
    mutable std::mutex m_controlMutex;
    std::condition_variable m_controlChanged;
    std::vector<std::unique_ptr<ControlState>> m_states; ///< kept alive until the run ends
    std::vector<double> m_weights;
    std::vector<bool> m_enabled;

    mutable std::mutex m_doneMutex;
    std::condition_variable m_doneChanged;
    RunSummary m_summary;
    std::vector<std::string> m_errors;
    std::vector<std::pair<uint64_t, uint64_t>> m_abandoned; ///< absolute indexes, m_doneMutex

    std::vector<std::thread> m_workers;
    std::thread m_finisher;
};

Run::Impl::Impl(std::shared_ptr<const Plan> p, std::unique_ptr<Sink> s, RunOptions o)
    : m_plan(std::move(p)), m_sink(std::move(s)), m_options(std::move(o)),
      m_metrics(m_plan->typeCount(), std::max(m_options.threads, 1)) {
    m_options.threads = std::max(m_options.threads, 1);
    m_options.shardCount = std::max<uint32_t>(m_options.shardCount, 1);
    m_options.shardIndex %= m_options.shardCount;
    if (m_options.startSequence > m_options.shardIndex) {
        const uint64_t distance = m_options.startSequence - m_options.shardIndex;
        m_firstIndex = (distance + m_options.shardCount - 1) / m_options.shardCount;
    }
    if (m_options.durationSeconds) {
        m_hasLimit = true;
        m_limit = std::chrono::duration_cast<PaceClock::duration>(
            std::chrono::duration<double>(std::max(*m_options.durationSeconds, 0.0)));
    }
    m_weights = m_plan->initialWeights();
    m_enabled.assign(m_weights.size(), true);
    ControlState initial(m_plan->typeSelector(m_weights));
    initial.rate = std::max(m_options.rate, 0.0);
    initial.paused = true; // the clock starts with start()
    initial.anchorTime = initial.segmentStart = PaceClock::now();
    publish(std::move(initial));
}

void Run::Impl::resumeAt(uint64_t sequence) {
    if (sequence <= m_options.shardIndex) {
        return;
    }
    const uint64_t distance = sequence - m_options.shardIndex;
    const uint64_t index = (distance + m_options.shardCount - 1) / m_options.shardCount;
    if (index <= m_firstIndex) {
        return;
    }
    // The count is of this run's stream: what the destination holds is part of it.
    const uint64_t held = index - m_firstIndex;
    if (m_options.count) {
        m_options.count = *m_options.count > held ? *m_options.count - held : 0;
    }
    m_firstIndex = index;
}

void Run::Impl::abandon(uint64_t begin, uint64_t end) {
    std::lock_guard lock(m_doneMutex);
    m_abandoned.emplace_back(m_firstIndex + begin, m_firstIndex + end);
}

void Run::Impl::coverage(RunSummary& summary) {
    uint64_t claimed = m_next.load(std::memory_order_relaxed);
    if (m_options.count) {
        claimed = std::min(claimed, *m_options.count);
    }
    summary.firstIndex = m_firstIndex;
    summary.endIndex = m_firstIndex + claimed;
    summary.shardIndex = m_options.shardIndex;
    summary.shardCount = m_options.shardCount;
    std::lock_guard lock(m_doneMutex);
    for (auto [begin, end] : m_abandoned) {
        end = std::min(end, summary.endIndex);
        if (begin < end) {
            summary.abandoned.emplace_back(begin, end);
        }
    }
    std::sort(summary.abandoned.begin(), summary.abandoned.end());
}

void Run::Impl::publish(ControlState next) {
    m_states.push_back(std::make_unique<ControlState>(std::move(next)));
    m_state.store(m_states.back().get(), std::memory_order_release);
    m_controlChanged.notify_all();
}

ControlState Run::Impl::reanchored(const ControlState& from, PaceClock::time_point now) const {
    ControlState next = from;
    // Continue from the index due now; indexes claimed ahead of it keep their place in time.
    uint64_t index = m_next.load(std::memory_order_relaxed);
    if (!from.idle() && from.rate > 0.0) {
        index = std::min(index, static_cast<uint64_t>(std::max(from.indexAt(now), 0.0)));
    }
    next.anchorIndex = index;
    next.anchorTime = now;
    return next;
}

void Run::Impl::change(const std::function<void(ControlState&)>& edit) {
    std::lock_guard lock(m_controlMutex);
    ControlState next = reanchored(*current(), PaceClock::now());
    edit(next);
    publish(std::move(next));
}

void Run::Impl::applyWeights() {
    std::vector<double> effective(m_weights.size());
    for (std::size_t i = 0; i < effective.size(); ++i) {
        effective[i] = m_enabled[i] ? std::max(m_weights[i], 0.0) : 0.0;
    }
    ControlState next = reanchored(*current(), PaceClock::now());
    next.selector = m_plan->typeSelector(effective);
    publish(std::move(next));
}

void Run::Impl::recordError(const std::string& message) {
    std::lock_guard lock(m_doneMutex);
    m_errors.push_back(message);
}

void Run::Impl::waitForChange(const ControlState* seen) {
    std::unique_lock lock(m_controlMutex);
    m_controlChanged.wait_for(lock, kSleepSlice, [&] { return stopping() || current() != seen; });
}

const ControlState* Run::Impl::awaitDue(uint64_t index, std::size_t& size) {
    while (!stopping() && !m_metrics.hasFatal()) {
        const ControlState* state = current();
        const PaceClock::time_point now = PaceClock::now();
        if (durationReached(*state, now)) {
            return nullptr;
        }
        if (state->idle()) {
            waitForChange(state);
            continue;
        }
        if (state->rate <= 0.0) {
            return state;
        }
        const PaceClock::time_point due = state->due(index);
        if (m_hasLimit) {
            const PaceClock::time_point end = state->endTime(m_limit);
            if (due >= end) {
                return nullptr;
            }
            // Only the events due before the end belong to this run.
            const double lastDue = std::ceil(state->indexAt(end));
            size = std::min<std::size_t>(size, static_cast<std::size_t>(std::max(
                                                   lastDue - static_cast<double>(index), 1.0)));
        }
        if (due <= now) {
            if (now - due <= kMaxLag) {
                return state;
            }
            std::lock_guard lock(m_controlMutex);
            if (current() == state) {
                ControlState next = *state;
                next.anchorIndex = index;
                next.anchorTime = now;
                publish(std::move(next));
            }
            continue;
        }
        std::this_thread::sleep_until(std::min(due, now + kSleepSlice));
    }
    return nullptr;
}

bool Run::Impl::renderAndWrite(int worker, WorkerScratch& scratch, const ControlState& state,
                               uint64_t first, std::size_t size) {
    EventBatch& batch = scratch.batch;
    std::vector<uint64_t>& counts = scratch.counts;
    std::vector<uint64_t>& bytes = scratch.bytes;
    const std::size_t types = m_plan->typeCount();
    std::fill(counts.begin(), counts.end(), 0);
    std::fill(bytes.begin(), bytes.end(), 0);
    batch.clear();
    m_plan->renderBatch(state.selector, sequenceOf(first), m_options.shardCount, size, batch,
                        counts.data(), bytes.data(), m_usesKeys);
    for (uint32_t type = 0; type < types; ++type) {
        if (counts[type] > 0) {
            m_metrics.addGenerated(worker, type, counts[type]);
        }
    }
    try {
        m_sink->write(worker, batch);
    } catch (const std::exception& error) {
        // An asynchronous sink accounts for every event it was handed, also when it throws.
        for (uint32_t type = 0; type < types && !m_async; ++type) {
            if (counts[type] > 0) {
                m_metrics.addFailed(worker, type, counts[type]);
            }
        }
        recordError(error.what());
        m_stop.store(true, std::memory_order_release);
        return false;
    }
    for (uint32_t type = 0; type < types; ++type) {
        if (counts[type] == 0) {
            continue;
        }
        m_metrics.addSent(worker, type, counts[type]);
        if (!m_async) {
            m_metrics.addDelivered(worker, type, counts[type], bytes[type]);
        }
    }
    return true;
}

bool Run::Impl::durationReached(const ControlState& state, PaceClock::time_point now) const {
    return m_hasLimit && state.elapsed(now) >= m_limit;
}

void Run::Impl::workerLoop(int worker) {
    WorkerScratch scratch;
    scratch.counts.assign(m_plan->typeCount(), 0);
    scratch.bytes.assign(m_plan->typeCount(), 0);
    while (!stopping() && !m_metrics.hasFatal()) {
        const ControlState* state = current();
        if (state->idle()) {
            // Time runs on while every type is disabled, so a duration limit still ends the run.
            if (durationReached(*state, PaceClock::now())) {
                return;
            }
            waitForChange(state);
            continue;
        }
        std::size_t size = batchSizeFor(state->rate);
        const uint64_t first = m_next.fetch_add(size, std::memory_order_relaxed);
        if (m_options.count) {
            if (first >= *m_options.count) {
                return;
            }
            size = static_cast<std::size_t>(std::min<uint64_t>(size, *m_options.count - first));
        }
        const std::size_t claimed = size;
        state = awaitDue(first, size);
        if (state == nullptr) {
            abandon(first, first + claimed);
            return;
        }
        if (size < claimed) {
            abandon(first + size, first + claimed);
        }
        if (!renderAndWrite(worker, scratch, *state, first, size)) {
            return;
        }
    }
}

void Run::Impl::finish() {
    for (std::thread& worker : m_workers) {
        worker.join();
    }
    m_workersDone.store(true, std::memory_order_release);
    {
        // Freeze the running time at the end of generation.
        std::lock_guard lock(m_controlMutex);
        ControlState frozen = *current();
        frozen.activeBefore = frozen.elapsed(PaceClock::now());
        frozen.paused = true;
        publish(std::move(frozen));
    }
    FlushResult flush;
    try {
        flush = m_sink->close(m_options.flushTimeout);
    } catch (const std::exception& error) {
        flush.error = error.what();
    }
    RunSummary summary;
    summary.metrics = m_metrics.snapshot();
    summary.metrics.elapsedSeconds = std::chrono::duration<double>(current()->activeBefore).count();
    summary.undelivered = flush.undelivered;
    coverage(summary);
    {
        std::lock_guard lock(m_doneMutex);
        summary.errors = m_errors;
        if (m_metrics.hasFatal()) {
            summary.errors.push_back(m_metrics.fatalMessage());
        }
        if (!flush.error.empty()) {
            summary.errors.push_back(flush.error);
        }
        m_summary = std::move(summary);
        m_finalState.store(m_summary.failed() ? RunState::Failed : RunState::Finished,
                           std::memory_order_release);
        m_finished.store(true, std::memory_order_release);
    }
    m_doneChanged.notify_all();
}

Run::Run(std::shared_ptr<const Plan> plan, std::unique_ptr<Sink> sink, RunOptions options)
    : m_impl(std::make_unique<Impl>(std::move(plan), std::move(sink), std::move(options))) {}

Run::~Run() {
    requestStop();
    wait();
    if (m_impl->m_finisher.joinable()) {
        m_impl->m_finisher.join();
    }
}

void Run::start() {
    Impl& impl = *m_impl;
    if (impl.m_started.exchange(true)) {
        return;
    }
    SinkContext context;
    for (std::size_t type = 0; type < impl.m_plan->typeCount(); ++type) {
        context.eventTypeIds.push_back(impl.m_plan->typeId(type));
    }
    context.workers = impl.m_options.threads;
    context.listener = &impl.m_metrics;
    context.plan = impl.m_plan.get();
    context.rate = impl.m_options.rate;
    context.shardIndex = impl.m_options.shardIndex;
    context.shardCount = impl.m_options.shardCount;
    try {
        impl.m_sink->open(context);
        impl.resumeAt(impl.m_sink->resumeSequence());
    } catch (const std::exception& error) {
        std::lock_guard lock(impl.m_doneMutex);
        impl.m_summary.errors.push_back(error.what());
        impl.m_finalState.store(RunState::Failed, std::memory_order_release);
        impl.m_finished.store(true, std::memory_order_release);
        impl.m_doneChanged.notify_all();
        throw;
    }
    impl.m_async = impl.m_sink->reportsDeliveryAsync();
    impl.m_usesKeys = impl.m_sink->usesKeys();
    {
        std::lock_guard lock(impl.m_controlMutex);
        ControlState running = *impl.current();
        running.paused = false;
        running.activeBefore = {};
        running.anchorIndex = 0;
        running.anchorTime = running.segmentStart = PaceClock::now();
        impl.publish(std::move(running));
    }
    for (int worker = 0; worker < impl.m_options.threads; ++worker) {
        impl.m_workers.emplace_back([&impl, worker] { impl.workerLoop(worker); });
    }
    impl.m_finisher = std::thread([&impl] { impl.finish(); });
}

void Run::requestStop() {
    std::lock_guard lock(m_impl->m_controlMutex);
    m_impl->m_stop.store(true, std::memory_order_release);
    m_impl->m_controlChanged.notify_all();
}

bool Run::wait(std::optional<std::chrono::milliseconds> timeout) {
    Impl& impl = *m_impl;
    if (!impl.m_started.load()) {
        return true;
    }
    std::unique_lock lock(impl.m_doneMutex);
    auto finished = [&] { return impl.m_finished.load(std::memory_order_acquire); };
    if (!timeout) {
        impl.m_doneChanged.wait(lock, finished);
        return true;
    }
    return impl.m_doneChanged.wait_for(lock, *timeout, finished);
}

void Run::pause() {
    Impl& impl = *m_impl;
    std::lock_guard lock(impl.m_controlMutex);
    const ControlState& state = *impl.current();
    if (state.paused || !impl.m_started.load() || impl.m_workersDone.load()) {
        return;
    }
    ControlState next = state;
    next.activeBefore = state.elapsed(PaceClock::now());
    next.paused = true;
    impl.publish(std::move(next));
}

void Run::resume() {
    Impl& impl = *m_impl;
    std::lock_guard lock(impl.m_controlMutex);
    const ControlState& state = *impl.current();
    if (!state.paused || !impl.m_started.load() || impl.m_workersDone.load()) {
        return;
    }
    const PaceClock::time_point now = PaceClock::now();
    ControlState next = state;
    next.paused = false;
    next.segmentStart = next.anchorTime = now;
    next.anchorIndex = impl.m_next.load(std::memory_order_relaxed);
    impl.publish(std::move(next));
}

void Run::setRate(double eventsPerSecond) {
    m_impl->change([&](ControlState& next) { next.rate = std::max(eventsPerSecond, 0.0); });
}

void Run::setWeights(const std::vector<double>& weights) {
    Impl& impl = *m_impl;
    if (weights.size() != impl.m_plan->typeCount()) {
        throw std::invalid_argument("setWeights: expected one weight per event type");
    }
    std::lock_guard lock(impl.m_controlMutex);
    impl.m_weights = weights;
    impl.applyWeights();
}

void Run::setTypeEnabled(std::size_t type, bool enabled) {
    Impl& impl = *m_impl;
    std::lock_guard lock(impl.m_controlMutex);
    if (type < impl.m_enabled.size() && impl.m_enabled[type] != enabled) {
        impl.m_enabled[type] = enabled;
        impl.applyWeights();
    }
}

RunState Run::state() const {
    const Impl& impl = *m_impl;
    if (impl.m_finished.load(std::memory_order_acquire)) {
        return impl.m_finalState.load(std::memory_order_acquire);
    }
    if (!impl.m_started.load()) {
        return RunState::Idle;
    }
    if (impl.stopping() || impl.m_workersDone.load()) {
        return RunState::Stopping;
    }
    return impl.current()->paused ? RunState::Paused : RunState::Running;
}

double Run::rate() const {
    return m_impl->current()->rate;
}

MetricsSnapshot Run::snapshot() const {
    MetricsSnapshot snapshot = m_impl->m_metrics.snapshot();
    snapshot.elapsedSeconds =
        std::chrono::duration<double>(m_impl->current()->elapsed(PaceClock::now())).count();
    return snapshot;
}

std::vector<std::string> Run::takeSinkWarnings() {
    return m_impl->m_metrics.takeWarnings();
}

RunSummary Run::summary() const {
    std::lock_guard lock(m_impl->m_doneMutex);
    return m_impl->m_summary;
}

} // namespace streamgen
