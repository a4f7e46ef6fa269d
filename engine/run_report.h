#pragma once

#include "run.h"

#include <string>
#include <vector>

namespace streamgen {

/// Keeps the per-second series of a run: feed it a snapshot about once a second and it records,
/// for each elapsed second, how many events of each type were generated in that second.
class SecondSeries {
public:
    explicit SecondSeries(std::size_t typeCount) : m_last(typeCount, 0) {}

    /// Records the events generated since the previous call as one more second.
    void add(const MetricsSnapshot& snapshot);

    std::size_t seconds() const { return m_totals.size(); }
    const std::vector<uint64_t>& totals() const { return m_totals; }
    /// perType()[type][second]
    const std::vector<std::vector<uint64_t>>& perType() const { return m_perType; }

private:
    std::vector<uint64_t> m_last;
    std::vector<uint64_t> m_totals;
    std::vector<std::vector<uint64_t>> m_perType;
};

/// What goes into a run report besides the summary.
struct RunReportContext {
    std::vector<std::string> typeIds;
    std::vector<double> targetShares; ///< per type, in [0, 1]
    double targetRate = 0.0;          ///< events/s; 0 = unlimited
    std::string sink;
    uint64_t seed = 0; ///< the plan's seed: with the summary's coverage, what `verify` expects
    const SecondSeries* series = nullptr;
};

/// The JSON run report shared by `streamgen run --report` and the Studio:
/// `{"elapsed_s", "events_per_s", "totals": {generated, delivered, failed, bytes},
///   "event_types": {"<id>": {generated, delivered, failed, bytes, share, target_share}},
///   "stream": {seed, shard_index, shard_count, first_index, end_index, abandoned}, ...}`.
std::string runReportJson(const RunSummary& summary, const RunReportContext& context);

/// Writes the report to `path`; returns "" or an error message.
std::string writeRunReport(const std::string& path, const RunSummary& summary,
                           const RunReportContext& context);

} // namespace streamgen
