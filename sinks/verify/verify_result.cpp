#include "verifier.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace streamgen {

using Json = nlohmann::json;

bool VerifyResult::clean() const {
    return missing == 0 && duplicated == 0 && altered == 0 && unexpected == 0 &&
           matched == expected;
}

std::string VerifyResult::json() const {
    Json altered_ = Json::array();
    for (const AlteredEvent& event : firstAltered) {
        Json fields = Json::array();
        for (const FieldDifference& d : event.fields) {
            fields.push_back({{"field", d.field}, {"expected", d.expected}, {"actual", d.actual}});
        }
        altered_.push_back(
            {{"sequence", event.sequence}, {"origin", event.origin}, {"fields", fields}});
    }
    Json duplicated_ = Json::array();
    for (const LocatedEvent& event : firstDuplicated) {
        duplicated_.push_back({{"sequence", event.sequence}, {"origin", event.origin}});
    }
    Json out = {{"status", clean() ? "ok" : "differences"},
                {"identity", identity},
                {"expected", expected},
                {"received", received},
                {"matched", matched},
                {"missing", missing},
                {"duplicated", duplicated},
                {"altered", altered},
                {"unexpected", unexpected},
                {"out_of_order", outOfOrder},
                {"first_missing", firstMissing},
                {"first_duplicated", duplicated_},
                {"first_altered", altered_},
                {"first_unexpected", firstUnexpected}};
    if (latency) {
        out["latency_ms"] = {{"field", latency->field}, {"events", latency->count},
                             {"p50", latency->p50},     {"p90", latency->p90},
                             {"p99", latency->p99},     {"max", latency->max}};
    }
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string VerifyResult::text() const {
    std::string out;
    const auto line = [&out](const char* label, uint64_t count) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "  %-13s %llu\n", label,
                      static_cast<unsigned long long>(count));
        out += buffer;
    };
    line("expected", expected);
    line("received", received);
    line("matched", matched);
    line("missing", missing);
    line("duplicated", duplicated);
    line("altered", altered);
    line("unexpected", unexpected);
    line("out of order", outOfOrder);
    if (latency) {
        out += "  latency ms    p50 " + std::to_string(latency->p50) + ", p90 " +
               std::to_string(latency->p90) + ", p99 " + std::to_string(latency->p99) + ", max " +
               std::to_string(latency->max) + " (from `" + latency->field + "` to arrival, " +
               std::to_string(latency->count) + " events)\n";
    }
    for (const uint64_t sequence : firstMissing) {
        out += "  missing: event " + std::to_string(sequence) + "\n";
    }
    for (const LocatedEvent& event : firstDuplicated) {
        out += "  duplicated: event " + std::to_string(event.sequence) + " again at " +
               event.origin + "\n";
    }
    for (const AlteredEvent& event : firstAltered) {
        out += "  altered: event " + std::to_string(event.sequence) + " at " + event.origin;
        for (const FieldDifference& d : event.fields) {
            out += "; " + d.field + ": expected " + d.expected + ", got " + d.actual;
        }
        out += "\n";
    }
    for (const std::string& origin : firstUnexpected) {
        out += "  unexpected: " + origin + "\n";
    }
    return out;
}

} // namespace streamgen
