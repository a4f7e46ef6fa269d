#include "run_report.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

namespace streamgen {

void SecondSeries::add(const MetricsSnapshot& snapshot) {
    if (m_perType.size() != m_last.size()) {
        m_perType.resize(m_last.size());
    }
    uint64_t total = 0;
    for (std::size_t type = 0; type < m_last.size() && type < snapshot.perType.size(); ++type) {
        const uint64_t now = snapshot.perType[type].generated;
        const uint64_t delta = now - m_last[type];
        m_last[type] = now;
        m_perType[type].push_back(delta);
        total += delta;
    }
    m_totals.push_back(total);
}

namespace {

nlohmann::json countersJson(const TypeCounters& counters) {
    return {{"generated", counters.generated},
            {"delivered", counters.delivered},
            {"failed", counters.failed},
            {"bytes", counters.bytes}};
}

} // namespace

std::string runReportJson(const RunSummary& summary, const RunReportContext& context) {
    const MetricsSnapshot& metrics = summary.metrics;
    const double elapsed = metrics.elapsedSeconds;
    nlohmann::json report;
    report["elapsed_s"] = elapsed;
    report["events_per_s"] =
        elapsed > 0.0 ? static_cast<double>(metrics.total.generated) / elapsed : 0.0;
    report["totals"] = countersJson(metrics.total);
    report["target_rate"] = context.targetRate;
    report["sink"] = context.sink;
    report["undelivered"] = summary.undelivered;
    report["status"] = summary.failed() ? "failed" : "ok";
    report["errors"] = summary.errors;
    report["stream"] = {{"seed", context.seed},
                        {"shard_index", summary.shardIndex},
                        {"shard_count", summary.shardCount},
                        {"first_index", summary.firstIndex},
                        {"end_index", summary.endIndex},
                        {"abandoned", summary.abandoned}};

    nlohmann::json types = nlohmann::json::object();
    for (std::size_t i = 0; i < context.typeIds.size() && i < metrics.perType.size(); ++i) {
        nlohmann::json entry = countersJson(metrics.perType[i]);
        entry["share"] = metrics.total.generated > 0
                             ? static_cast<double>(metrics.perType[i].generated) /
                                   static_cast<double>(metrics.total.generated)
                             : 0.0;
        entry["target_share"] = i < context.targetShares.size() ? context.targetShares[i] : 0.0;
        types[context.typeIds[i]] = std::move(entry);
    }
    report["event_types"] = std::move(types);

    if (context.series) {
        nlohmann::json perType = nlohmann::json::object();
        for (std::size_t i = 0; i < context.typeIds.size() && i < context.series->perType().size();
             ++i) {
            perType[context.typeIds[i]] = context.series->perType()[i];
        }
        report["per_second"] = {{"generated", context.series->totals()},
                                {"event_types", std::move(perType)}};
    }
    // Error texts may carry bytes that are not UTF-8 (paths, errno strings): replace, don't throw.
    return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string writeRunReport(const std::string& path, const RunSummary& summary,
                           const RunReportContext& context) {
    // Written beside and renamed, so a reader never sees half a report.
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << runReportJson(summary, context);
        out.close();
        if (!out) {
            std::remove(temporary.c_str());
            return "cannot write report " + path;
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        return "cannot write report " + path;
    }
    return {};
}

} // namespace streamgen
