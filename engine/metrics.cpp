#include "metrics.h"

#include <utility>

namespace streamgen {

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

} // namespace

TypeCounters& TypeCounters::operator+=(const TypeCounters& other) {
    generated += other.generated;
    sent += other.sent;
    delivered += other.delivered;
    failed += other.failed;
    bytes += other.bytes;
    return *this;
}

Metrics::Metrics(std::size_t typeCount, int workers)
    : m_typeCount(typeCount), m_slotsPerType(workers + 1),
      m_slots(std::make_unique<Slot[]>(typeCount * static_cast<std::size_t>(workers + 1))) {}

void Metrics::addGenerated(int worker, uint32_t type, uint64_t events) {
    slot(worker, type).generated.fetch_add(events, kRelaxed);
}

void Metrics::addSent(int worker, uint32_t type, uint64_t events) {
    slot(worker, type).sent.fetch_add(events, kRelaxed);
}

void Metrics::addDelivered(int worker, uint32_t type, uint64_t events, uint64_t bytes) {
    Slot& s = slot(worker, type);
    s.delivered.fetch_add(events, kRelaxed);
    s.bytes.fetch_add(bytes, kRelaxed);
}

void Metrics::addFailed(int worker, uint32_t type, uint64_t events) {
    slot(worker, type).failed.fetch_add(events, kRelaxed);
}

void Metrics::delivered(uint32_t typeIndex, uint64_t events, uint64_t bytes) {
    if (typeIndex < m_typeCount) {
        addDelivered(m_slotsPerType - 1, typeIndex, events, bytes);
    }
}

void Metrics::failed(uint32_t typeIndex, uint64_t events) {
    if (typeIndex < m_typeCount) {
        addFailed(m_slotsPerType - 1, typeIndex, events);
    }
}

void Metrics::fatal(const std::string& message) {
    // Only the first caller writes the message; readers see it through the release store.
    bool expected = false;
    if (m_fatalWritten.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) {
        m_fatalMessage = message;
        m_hasFatal.store(true, std::memory_order_release);
    }
}

void Metrics::warning(const std::string& message) {
    constexpr std::size_t kMaxPending = 100;
    std::lock_guard lock(m_warningsMutex);
    if (message == m_lastWarning || m_warnings.size() >= kMaxPending) {
        return;
    }
    m_lastWarning = message;
    m_warnings.push_back(message);
}

std::vector<std::string> Metrics::takeWarnings() {
    std::lock_guard lock(m_warningsMutex);
    return std::exchange(m_warnings, {});
}

std::string Metrics::fatalMessage() const {
    return hasFatal() ? m_fatalMessage : std::string();
}

MetricsSnapshot Metrics::snapshot() const {
    MetricsSnapshot result;
    result.perType.resize(m_typeCount);
    for (int worker = 0; worker < m_slotsPerType; ++worker) {
        for (std::size_t type = 0; type < m_typeCount; ++type) {
            const Slot& s = m_slots[static_cast<std::size_t>(worker) * m_typeCount + type];
            TypeCounters& counters = result.perType[type];
            counters.generated += s.generated.load(kRelaxed);
            counters.sent += s.sent.load(kRelaxed);
            counters.delivered += s.delivered.load(kRelaxed);
            counters.failed += s.failed.load(kRelaxed);
            counters.bytes += s.bytes.load(kRelaxed);
        }
    }
    for (const TypeCounters& counters : result.perType) {
        result.total += counters;
    }
    return result;
}

} // namespace streamgen
