#pragma once

#include "event_batch.h"
#include "plan.h"

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace streamgen {

/// Thrown by a sink that cannot go on (cannot open, write failed, broker fatal error).
class SinkError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// How sinks report delivery that completes after `write` returned (e.g. Kafka delivery
/// reports). Implemented by the engine's metrics; callable from any thread, lock-free.
class DeliveryListener {
public:
    virtual ~DeliveryListener() = default;
    virtual void delivered(uint32_t typeIndex, uint64_t events, uint64_t bytes) = 0;
    virtual void failed(uint32_t typeIndex, uint64_t events) = 0;
    /// A non-retriable error: the run stops and reports `message`.
    virtual void fatal(const std::string& message) = 0;
    /// A problem the sink recovers from, or reports in its counts later (a broker down, a
    /// retried request): shown to the user while the run goes on. Rare by nature; not for the
    /// hot path.
    virtual void warning(const std::string& message) { (void)message; }
};

/// What a sink learns when it opens.
struct SinkContext {
    std::vector<std::string> eventTypeIds; ///< by type index
    int workers = 1;                       ///< `write` is called with worker in [0, workers)
    DeliveryListener* listener = nullptr;
    /// The plan being run: its format, framing and schemas (null in tests that write raw
    /// JSON Lines batches).
    const Plan* plan = nullptr;
    double rate = 0.0; ///< the events/s the run starts at; 0 = as fast as the sink accepts
    /// The run writes the sequence numbers k with k % shardCount == shardIndex: event k is the
    /// stream's index (k - shardIndex) / shardCount.
    uint32_t shardIndex = 0;
    uint32_t shardCount = 1;
};

/// The outcome of closing a sink.
struct FlushResult {
    uint64_t undelivered = 0; ///< events handed to the sink whose delivery was never confirmed
    std::string error;        ///< empty when the close went cleanly
};

/// A destination for serialized events. One sink serves all workers of a run.
///
/// Synchronous sinks (null, stdout) have delivered an event when `write` returns; the engine
/// counts it, and counts the whole batch failed when `write` throws. Asynchronous sinks (files,
/// Kafka) return `true` from `reportsDeliveryAsync()` and report every event they were handed
/// through the listener instead, delivered or failed, including the events of a batch whose
/// `write` threw.
class Sink {
public:
    virtual ~Sink() = default;

    /// Human-readable name for messages, e.g. "file:/data/landing".
    virtual std::string describe() const = 0;
    /// Connects / creates what the sink needs. Throws SinkError with a clear message.
    virtual void open(const SinkContext& context) = 0;
    /// Writes one batch. Called concurrently by different workers, never concurrently for the
    /// same worker. Throws SinkError when the batch could not be written.
    virtual void write(int worker, const EventBatch& batch) = 0;
    /// Makes everything written so far durable / delivered, waiting at most `timeout`, and
    /// releases the sink's resources. Called once, after the last `write`.
    virtual FlushResult close(std::chrono::milliseconds timeout) = 0;

    virtual bool reportsDeliveryAsync() const { return false; }
    /// The sink reads `EventBatch::key` (e.g. Kafka message keys); others spare the engine
    /// writing keys.
    virtual bool usesKeys() const { return false; }
    /// Asked once `open` has returned: the first sequence number the destination does not hold
    /// yet from an earlier run of the same stream (a table that records its progress); the run
    /// starts there. 0 = from the start.
    virtual uint64_t resumeSequence() const { return 0; }
};

} // namespace streamgen
