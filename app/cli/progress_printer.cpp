#include "progress_printer.h"

#include "engine/plan.h"

#include <algorithm>
#include <cstdio>

namespace streamgen::cli {

ProgressPrinter::ProgressPrinter(const Plan& plan, const Config& config, double rate,
                                 std::ostream& out)
    : m_last(plan.typeCount(), 0), m_out(out) {
    for (std::size_t i = 0; i < plan.typeCount(); ++i) {
        m_ids.push_back(plan.typeId(i));
        m_targets.push_back(rate * config.shareOf(i));
        m_idWidth = std::max(m_idWidth, m_ids.back().size());
    }
}

void ProgressPrinter::print(const MetricsSnapshot& snapshot) {
    const double interval = std::max(1e-3, snapshot.elapsedSeconds - m_lastElapsed);
    m_lastElapsed = snapshot.elapsedSeconds;
    char line[512];
    for (std::size_t i = 0; i < m_ids.size() && i < snapshot.perType.size(); ++i) {
        const TypeCounters& c = snapshot.perType[i];
        const double rate = static_cast<double>(c.generated - m_last[i]) / interval;
        m_last[i] = c.generated;
        char target[32] = "max";
        if (m_targets[i] > 0.0) {
            std::snprintf(target, sizeof target, "%.0f", m_targets[i]);
        }
        std::snprintf(line, sizeof line,
                      "[%6.1fs] %-*s %10.0f ev/s (target %s)  generated %llu  delivered %llu  "
                      "failed %llu\n",
                      snapshot.elapsedSeconds, static_cast<int>(m_idWidth), m_ids[i].c_str(),
                      rate, target, static_cast<unsigned long long>(c.generated),
                      static_cast<unsigned long long>(c.delivered),
                      static_cast<unsigned long long>(c.failed));
        m_out << line;
    }
    m_out.flush();
}

void printSummary(const RunSummary& summary, std::ostream& out) {
    const TypeCounters& total = summary.metrics.total;
    const double elapsed = summary.metrics.elapsedSeconds;
    char line[512];
    std::snprintf(line, sizeof line,
                  "streamgen: %s: %llu events in %.2f s (%.0f ev/s, %.1f MB/s); delivered %llu, "
                  "failed %llu, undelivered %llu\n",
                  summary.failed() ? "failed" : "done",
                  static_cast<unsigned long long>(total.generated), elapsed,
                  elapsed > 0 ? static_cast<double>(total.generated) / elapsed : 0.0,
                  elapsed > 0 ? static_cast<double>(total.bytes) / elapsed / 1e6 : 0.0,
                  static_cast<unsigned long long>(total.delivered),
                  static_cast<unsigned long long>(total.failed),
                  static_cast<unsigned long long>(summary.undelivered));
    out << line;
    for (const std::string& error : summary.errors) {
        out << "streamgen: error: " << error << '\n';
    }
}

} // namespace streamgen::cli
