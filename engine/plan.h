#pragma once

#include "encoders/event_layout.h"
#include "encoders/file_framer.h"
#include "encoders/format.h"
#include "event_batch.h"
#include "model/config.h"
#include "model/diagnostic.h"
#include "value.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace streamgen {

class TypeSelector;

/// A validated config compiled for generation: per event type, a flat array of value generators,
/// and the encoder of the config's serialization format with its pre-encoded fragments, so
/// rendering an event does no look-ups, no virtual call per field and no allocation beyond the
/// batch buffer's amortized growth.
///
/// Every value of event k is a pure function of (seed, stream, k, field) — except `timestamp`
/// fields in `now` mode and `date` fields without a range — so any worker can render any k.
class Plan {
public:
    /// Compiles `config` (which must have passed validation) for its `serialization_format`.
    /// What validation cannot see (an unknown format, a field the format cannot express) is
    /// added to `diagnostics` as located errors, and the result is then nullptr.
    static std::shared_ptr<const Plan> compile(const Config& config, Diagnostics& diagnostics,
                                               uint64_t stream = 0);
    /// The same, with the problems joined into `error`.
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

    Format format() const;

    /// Appends event `sequence` of type `type`, encoded, to `batch` and commits it.
    void render(uint64_t sequence, uint32_t type, EventBatch& batch) const;
    /// Appends `count` events with sequence numbers `first`, `first + stride`, ... whose types
    /// `selector` picks, and adds each type's events and payload bytes (terminator included)
    /// to `counts` and `bytes` (one slot per type). The hot loop of every run. Keys (see
    /// EventBatch::key) are written only when `withKeys`: most sinks have no use for them.
    void renderBatch(const TypeSelector& selector, uint64_t first, uint64_t stride,
                     std::size_t count, EventBatch& batch, uint64_t* counts, uint64_t* bytes,
                     bool withKeys = true) const;
    /// The typed values of event `sequence` as type `type`, common fields first (previews).
    std::vector<Value> values(uint64_t sequence, uint32_t type) const;
    /// The field names of a type, in the order of `values`.
    const std::vector<std::string>& fieldNames(uint32_t type) const;
    /// The shape of a type's events as its encoder sees it (names, storage, kinds, nullability),
    /// for sinks that map fields to typed columns.
    const TypeLayout& layout(uint32_t type) const;

    /// A framer for one file (or stdout stream) of this plan's format.
    std::unique_ptr<FileFramer> makeFramer() const;
    /// The format's schema: Avro's union of records (JSON), Protobuf's `.proto`, CSV's header
    /// line; empty for JSON.
    std::string schema() const;
    /// Avro: the record schema (JSON) of one type, for a Schema Registry; empty otherwise.
    std::string avroTypeSchema(uint32_t type) const;
    /// The full name of one type's Avro record or Protobuf message (`streamgen.UserPurchase`),
    /// as Schema Registry subject strategies use it; empty for other formats.
    std::string recordName(uint32_t type) const;

    /// The selector of event types for `weights` (one per type), seeded from this plan's seed and
    /// stream. The run and previews use it so that both pick the same type for every k.
    TypeSelector typeSelector(const std::vector<double>& weights) const;

    /// Name of the field whose value becomes the batch key, or "" (see EventBatch::key).
    const std::string& keyField() const;

private:
    Plan();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    template <class Encoder> friend struct PlanRenderer;
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
