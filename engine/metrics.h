#pragma once

#include "sink.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace streamgen {

/// Counters of one event type (or of a whole run).
struct TypeCounters {
    uint64_t generated = 0;
    uint64_t sent = 0;
    uint64_t delivered = 0;
    uint64_t failed = 0;
    uint64_t bytes = 0; ///< payload bytes delivered

    TypeCounters& operator+=(const TypeCounters& other);
};

/// A consistent-enough copy of the counters, summed over workers.
struct MetricsSnapshot {
    std::vector<TypeCounters> perType;
    TypeCounters total;
    double elapsedSeconds = 0.0;
};

/// Per-worker, per-type relaxed atomic counters, each on its own cache line so workers never
/// share one. Writers add whole batches; `snapshot()` sums without locking.
class Metrics final : public DeliveryListener {
public:
    Metrics(std::size_t typeCount, int workers);

    void addGenerated(int worker, uint32_t type, uint64_t events);
    void addSent(int worker, uint32_t type, uint64_t events);
    void addDelivered(int worker, uint32_t type, uint64_t events, uint64_t bytes);
    void addFailed(int worker, uint32_t type, uint64_t events);

    // DeliveryListener, for asynchronous sinks; counted on a slot of their own.
    void delivered(uint32_t typeIndex, uint64_t events, uint64_t bytes) override;
    void failed(uint32_t typeIndex, uint64_t events) override;
    void fatal(const std::string& message) override;
    void warning(const std::string& message) override;

    /// The sink warnings since the last call, oldest first; a repeat of the previous warning is
    /// dropped, so a flapping broker does not flood the log.
    std::vector<std::string> takeWarnings();

    /// The first fatal message reported by a sink, or "".
    std::string fatalMessage() const;
    bool hasFatal() const { return m_hasFatal.load(std::memory_order_acquire); }

    MetricsSnapshot snapshot() const; ///< elapsedSeconds is left 0; the run fills it in
    std::size_t typeCount() const { return m_typeCount; }

private:
    struct alignas(64) Slot {
        std::atomic<uint64_t> generated{0};
        std::atomic<uint64_t> sent{0};
        std::atomic<uint64_t> delivered{0};
        std::atomic<uint64_t> failed{0};
        std::atomic<uint64_t> bytes{0};
    };
    Slot& slot(int worker, uint32_t type) {
        return m_slots[std::size_t(worker) * m_typeCount + type];
    }

    std::size_t m_typeCount;
    int m_slotsPerType; ///< workers + 1 (the last row is the asynchronous sink's)
    std::unique_ptr<Slot[]> m_slots;
    std::atomic<bool> m_hasFatal{false};
    std::atomic<bool> m_fatalWritten{false};
    std::string m_fatalMessage;
    std::mutex m_warningsMutex; ///< warnings are rare; the counters never take it
    std::vector<std::string> m_warnings;
    std::string m_lastWarning;
};

} // namespace streamgen
