#include "validator.h"

#include "number_format.h"
#include "time_format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace streamgen {

namespace {

using detail::formatDouble;

/// Collects diagnostics, falling back to a broader location when the precise one is unknown
/// (configs built in memory).
class Checker {
public:
    explicit Checker(Diagnostics& out) : m_out(out) {}

    void error(SourceLocation where, SourceLocation fallback, std::string path,
               std::string message) {
        m_out.push_back({Diagnostic::Severity::Error, where.known() ? where : fallback,
                         std::move(message), std::move(path)});
    }

private:
    Diagnostics& m_out;
};

bool isRatio(double value) {
    return std::isfinite(value) && value >= 0.0 && value <= 1.0;
}

void checkIntField(Checker& check, const FieldSpec& f, const std::string& path) {
    if (f.intMin > f.intMax) {
        check.error(f.rangeLocation, f.location, path + ".range",
                    "inverted range: min " + std::to_string(f.intMin) + " is greater than max " +
                        std::to_string(f.intMax));
    }
}

void checkFloatField(Checker& check, const FieldSpec& f, const std::string& path) {
    if (!std::isfinite(f.floatMin) || !std::isfinite(f.floatMax)) {
        check.error(f.rangeLocation, f.location, path + ".range",
                    "range bounds must be finite numbers");
    } else if (f.floatMin > f.floatMax) {
        check.error(f.rangeLocation, f.location, path + ".range",
                    "inverted range: min " + formatDouble(f.floatMin) + " is greater than max " +
                        formatDouble(f.floatMax));
    }
    if (f.precision && (*f.precision < 0 || *f.precision > 15)) {
        check.error(f.precisionLocation, f.location, path + ".precision",
                    "precision must be between 0 and 15, got " + std::to_string(*f.precision));
    }
}

void checkWeights(Checker& check, const FieldSpec& f, const std::string& path) {
    const SourceLocation where = f.weightsLocation.known() ? f.weightsLocation : f.location;
    if (f.weights.size() != f.values.size()) {
        check.error(where, f.location, path + ".weights",
                    "`weights` has " + std::to_string(f.weights.size()) +
                        " entries but `values` has " + std::to_string(f.values.size()) +
                        "; expected one weight per value");
        return;
    }
    bool anyPositive = false;
    for (std::size_t i = 0; i < f.weights.size(); ++i) {
        const double w = f.weights[i];
        if (!std::isfinite(w) || w < 0.0) {
            check.error(where, f.location, path + ".weights[" + std::to_string(i) + "]",
                        "weight " + formatDouble(w) + " of value `" + f.values[i] +
                            "` must be a finite number >= 0");
            return;
        }
        anyPositive = anyPositive || w > 0.0;
    }
    if (!anyPositive) {
        check.error(where, f.location, path + ".weights",
                    "all `weights` are 0; at least one value needs a positive weight");
    }
}

void checkStringField(Checker& check, const FieldSpec& f, const std::string& path) {
    if (f.values.empty()) {
        const bool given = f.valuesLocation.known();
        check.error(f.valuesLocation, f.location, path + ".values",
                    given ? "`values` is empty; expected at least one value"
                          : "string field needs `values` (a list of strings to draw from)");
        return;
    }
    if (!f.weights.empty()) {
        checkWeights(check, f, path);
    }
}

void checkTimestampField(Checker& check, const FieldSpec& f, const std::string& path) {
    if (f.timestampMode == TimestampMode::Now) {
        return;
    }
    constexpr int64_t kMsPerDay = 86'400'000;
    const bool random = f.timestampMode == TimestampMode::Random;
    for (const auto& [ms, where, key] : {std::tuple(f.beginMs, f.beginLocation, "begin"),
                                         std::tuple(f.endMs, f.endLocation, "end")}) {
        if ((random || std::string(key) == "begin") && !detail::isFormattableDay(ms / kMsPerDay)) {
            check.error(where, f.location, path + "." + key,
                        std::string("`") + key + "` must lie between the years 0000 and 9999");
        }
    }
    if (f.timestampMode == TimestampMode::Sequence && f.intervalMs <= 0) {
        check.error(f.intervalLocation, f.location, path + ".interval_ms",
                    "interval_ms must be > 0, got " + std::to_string(f.intervalMs));
    }
    if (random && f.beginMs > f.endMs) {
        check.error(f.endLocation, f.location, path + ".end",
                    "`end` " + detail::formatIsoTimestamp(f.endMs) + " is before `begin` " +
                        detail::formatIsoTimestamp(f.beginMs));
    }
}

void checkDateField(Checker& check, const FieldSpec& f, const std::string& path) {
    if (!f.dateRange) {
        return;
    }
    const auto [first, last] = *f.dateRange;
    if (!detail::isFormattableDay(first) || !detail::isFormattableDay(last)) {
        check.error(f.rangeLocation, f.location, path + ".range",
                    "dates must lie between 0000-01-01 and 9999-12-31");
    } else if (first > last) {
        check.error(f.rangeLocation, f.location, path + ".range",
                    "inverted range: " + detail::formatIsoDate(first) + " is after " +
                        detail::formatIsoDate(last));
    }
}

void checkField(Checker& check, const FieldSpec& f, const std::string& path) {
    if (f.name.empty()) {
        check.error(f.location, {}, path, "field name is empty");
    }
    switch (f.type) {
    case FieldType::Int:
    case FieldType::Long:
        checkIntField(check, f, path);
        break;
    case FieldType::Float:
    case FieldType::Double:
        checkFloatField(check, f, path);
        break;
    case FieldType::String:
        checkStringField(check, f, path);
        break;
    case FieldType::Boolean:
        if (!isRatio(f.trueRatio)) {
            check.error(f.trueRatioLocation, f.location, path + ".true_ratio",
                        "true_ratio must be between 0 and 1, got " + formatDouble(f.trueRatio));
        }
        break;
    case FieldType::Timestamp:
        checkTimestampField(check, f, path);
        break;
    case FieldType::Date:
        checkDateField(check, f, path);
        break;
    case FieldType::Uuid:
        break;
    }
    if (!isRatio(f.nullRatio)) {
        check.error(f.nullRatioLocation, f.location, path + ".null_ratio",
                    "null_ratio must be between 0 and 1, got " + formatDouble(f.nullRatio));
    }
}

/// Checks a list of fields; `common` names the common fields that these may not repeat.
void checkFields(Checker& check, const std::vector<FieldSpec>& fields, const std::string& path,
                 const std::unordered_set<std::string>* common) {
    std::unordered_set<std::string> seen;
    for (const auto& f : fields) {
        const std::string fieldPath = path + "." + f.name;
        checkField(check, f, fieldPath);
        if (common != nullptr && common->count(f.name) != 0) {
            check.error(f.location, {}, fieldPath,
                        "field `" + f.name + "` is already a common field; rename one of them");
        } else if (!seen.insert(f.name).second) {
            check.error(f.location, {}, fieldPath, "duplicate field `" + f.name + "`");
        }
    }
}

void checkEventType(Checker& check, const EventType& type, std::size_t index,
                    const std::unordered_set<std::string>& common,
                    std::unordered_map<std::string, SourceLocation>& ids) {
    const std::string path = "event_types[" + std::to_string(index) + "]";
    if (type.id.empty()) {
        check.error(type.idLocation, type.location, path + ".event_type_id",
                    "event type needs an `event_type_id` (a non-empty string)");
    } else if (const auto [it, inserted] = ids.emplace(type.id, type.idLocation); !inserted) {
        check.error(type.idLocation, type.location, path + ".event_type_id",
                    "duplicate event_type_id `" + type.id + "`" +
                        (it->second.known()
                             ? " (first used on line " + std::to_string(it->second.line) + ")"
                             : ""));
    }
    if (!std::isfinite(type.weight) || type.weight < 0.0) {
        check.error(type.weightLocation, type.location, path + ".weight",
                    "weight must be a finite number >= 0, got " + formatDouble(type.weight));
    }
    checkFields(check, type.fields, path + ".fields", &common);
}

bool allWeightsValid(const Config& config) {
    return std::all_of(config.eventTypes.begin(), config.eventTypes.end(),
                       [](const EventType& t) { return std::isfinite(t.weight) && t.weight >= 0; });
}

void checkEventTypes(Checker& check, const Config& config) {
    if (config.eventTypes.empty()) {
        check.error(config.eventTypesLocation, {}, "event_types",
                    "no event types; expected `event_types` with at least one entry");
        return;
    }
    std::unordered_set<std::string> common;
    for (const auto& f : config.commonFields) {
        common.insert(f.name);
    }
    std::unordered_map<std::string, SourceLocation> ids;
    bool anyEnabled = false;
    for (std::size_t i = 0; i < config.eventTypes.size(); ++i) {
        checkEventType(check, config.eventTypes[i], i, common, ids);
        anyEnabled = anyEnabled || config.eventTypes[i].enabled;
    }
    if (!anyEnabled) {
        check.error(config.eventTypesLocation, {}, "event_types",
                    "every event type is disabled; enable at least one");
    } else if (allWeightsValid(config) && !(config.enabledWeightSum() > 0.0)) {
        check.error(config.eventTypesLocation, {}, "event_types",
                    "the weights of all enabled event types are 0; at least one needs a "
                    "positive weight");
    }
}

void checkRun(Checker& check, const Config& config) {
    if (!std::isfinite(config.totalRowsPerSecond) || config.totalRowsPerSecond < 0.0) {
        check.error(config.rateLocation, {}, "streaming_config.total_rows_per_second",
                    "total_rows_per_second must be a finite number >= 0 (0 = unlimited), got " +
                        formatDouble(config.totalRowsPerSecond));
    }
    if (config.batchTotalRows < 0) {
        check.error(config.totalRowsLocation, {}, "batch_config.total_rows",
                    "total_rows must be >= 0, got " + std::to_string(config.batchTotalRows));
    }
    if (config.batchPartitions < 1) {
        check.error(config.partitionsLocation, {}, "batch_config.partitions",
                    "partitions must be >= 1, got " + std::to_string(config.batchPartitions));
    }
    if (config.sink.type.empty()) {
        check.error(config.sink.typeLocation, config.sink.location, "sink_config.type",
                    "sink_config needs a `type` (e.g. stdout, file, kafka)");
    }
}

std::string lower(const std::string& text) {
    std::string out = text;
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// Edit distance counting a swap of neighbours as one edit (optimal string alignment).
std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

} // namespace

std::string nearestName(const std::string& word, const std::vector<std::string>& candidates) {
    // Long inputs are never typos of short names; bounding them keeps the quadratic cost small.
    if (word.empty() || word.size() > 64) {
        return "";
    }
    const std::string key = lower(word);
    const std::size_t allowed = std::max<std::size_t>(1, std::min<std::size_t>(3, key.size() / 3));
    std::string best;
    std::size_t bestDistance = allowed + 1;
    for (const auto& candidate : candidates) {
        const std::size_t distance = editDistance(key, lower(candidate));
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

Diagnostics validateConfig(const Config& config) {
    Diagnostics diagnostics;
    Checker check(diagnostics);
    checkFields(check, config.commonFields, "common_fields", nullptr);
    checkEventTypes(check, config);
    checkRun(check, config);
    return diagnostics;
}

} // namespace streamgen
