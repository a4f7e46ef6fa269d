#pragma once

#include "engine/metrics.h"
#include "engine/run.h"
#include "model/config.h"

#include <ostream>
#include <vector>

namespace streamgen::cli {

/// The once-a-second progress block on stderr: per event type, its rate over the last second,
/// its target, and its counters.
class ProgressPrinter {
public:
    ProgressPrinter(const Plan& plan, const Config& config, double rate, std::ostream& out);
    void print(const MetricsSnapshot& snapshot);

private:
    std::vector<std::string> m_ids;
    std::vector<double> m_targets;
    std::vector<uint64_t> m_last;
    double m_lastElapsed = 0.0;
    std::size_t m_idWidth = 10;
    std::ostream& m_out;
};

/// The closing line(s) of a run: totals, rate, and anything not delivered.
void printSummary(const RunSummary& summary, std::ostream& out);

} // namespace streamgen::cli
