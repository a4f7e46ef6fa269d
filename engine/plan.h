#pragma once

#include "event_batch.h"
#include "model/config.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace streamgen {

class TypeSelector;
struct CompiledType; // value generators and literal JSON fragments of one event type

/// A validated config compiled for generation: per event type, a flat array of value generators
/// and pre-rendered JSON fragments, so rendering an event does no look-ups and no allocation
/// beyond the batch buffer's amortized growth.
///
/// Every value of event k is a pure function of (seed, stream, k, field) — except `timestamp`
/// fields in `now` mode and `date` fields without a range — so any worker can render any k.
class Plan {
public:
    /// Compiles `config` (which must have passed validation). Returns nullptr and sets `error`
    /// for what validation cannot see (e.g. an unsupported serialization format).
    static std::shared_ptr<const Plan> compile(const Config& config, std::string* error,
                                               uint64_t stream = 0);
    ~Plan();
    Plan(const Plan&) = delete;
    Plan& operator=(const Plan&) = delete;

    std::size_t typeCount() const;
    const std::string& typeId(std::size_t type) const;
    /// The config's weights, with disabled types as 0.
    const std::vector<double>& initialWeights() const;
    uint64_t seed() const;

    /// Appends event `sequence` of type `type` (a JSON object) to `batch` and commits it.
    void render(uint64_t sequence, uint32_t type, EventBatch& batch) const;

    /// The selector of event types for `weights` (one per type), seeded from this plan's seed and
    /// stream. The run and previews use it so that both pick the same type for every k.
    TypeSelector typeSelector(const std::vector<double>& weights) const;

    /// Name of the field whose value becomes the batch key, or "" (see EventBatch::key).
    const std::string& keyField() const;

private:
    Plan();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Picks the event type of sequence number k so that, over any run of consecutive k, each type's
/// count follows its share closely (low-discrepancy sequence through an alias table): shares hold
/// within a handful of events rather than within random-sampling noise.
class TypeSelector {
public:
    /// `weights` are relative and non-negative; all zero means "nothing to generate".
    TypeSelector(const std::vector<double>& weights, uint64_t seed);

    bool empty() const { return m_total <= 0.0; }
    uint32_t pick(uint64_t sequence) const;
    const std::vector<double>& weights() const { return m_weights; }

private:
    std::vector<double> m_weights;
    std::vector<double> m_probability; ///< alias method: keep column i with this probability
    std::vector<uint32_t> m_alias;
    double m_total = 0.0;
    double m_offset = 0.0;
};

} // namespace streamgen
