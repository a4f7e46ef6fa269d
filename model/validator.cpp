#include "validator.h"

#include "kinds/field_kinds.h"
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

/// The checks every option of a value type gets, whatever its kind; cross-option rules are the
/// kinds' own (FieldRule).
class OptionChecker {
public:
    OptionChecker(const FieldKind& kind, const FieldOption& option, const FieldSpec& field,
                  const ReportProblem& report)
        : m_kind(kind), m_option(option), m_field(field), m_report(report) {}

    void check() const {
        const OptionValue value = m_option.get(m_field);
        if (std::holds_alternative<std::monostate>(value)) {
            if (m_option.required) {
                error(missingMessage());
            }
            return;
        }
        std::visit([&](const auto& v) { checkValue(v); }, value);
    }

private:
    void error(std::string message) const {
        m_report(m_field.*m_option.location, m_option.name, std::move(message));
    }

    std::string missingMessage() const {
        return std::string(m_kind.name) + " field needs `" + m_option.name + "` (" + m_option.help +
               ")";
    }

    void checkValue(const IntegerRange& range) const {
        if (range.min > range.max) {
            error("inverted range: min " + std::to_string(range.min) + " is greater than max " +
                  std::to_string(range.max));
        } else if (const auto& bounds = m_option.bounds;
                   bounds && (static_cast<double>(range.min) < bounds->min ||
                              static_cast<double>(range.max) > bounds->max)) {
            error(std::string("`") + m_option.name + "` must lie between " +
                  formatDouble(bounds->min) + " and " + formatDouble(bounds->max) + ", got [" +
                  std::to_string(range.min) + ", " + std::to_string(range.max) + "]");
        }
    }

    void checkValue(const NumberRange& range) const {
        if (!std::isfinite(range.min) || !std::isfinite(range.max)) {
            error("range bounds must be finite numbers");
        } else if (range.min > range.max) {
            error("inverted range: min " + formatDouble(range.min) + " is greater than max " +
                  formatDouble(range.max));
        }
    }

    void checkValue(const DateRange& range) const {
        if (!detail::isFormattableDay(range.first) || !detail::isFormattableDay(range.last)) {
            error("dates must lie between 0000-01-01 and 9999-12-31");
        } else if (range.first > range.last) {
            error("inverted range: " + detail::formatIsoDate(range.first) + " is after " +
                  detail::formatIsoDate(range.last));
        }
    }

    void checkValue(int64_t value) const {
        if (m_option.type == FieldOptionType::Timestamp) {
            constexpr int64_t kMsPerDay = 86'400'000;
            if (!detail::isFormattableDay(value / kMsPerDay)) {
                error(std::string("`") + m_option.name +
                      "` must lie between the years 0000 and 9999");
            }
            return;
        }
        checkNumber(static_cast<double>(value), std::to_string(value));
    }

    void checkValue(double value) const {
        if (m_option.type == FieldOptionType::Ratio && !isRatio(value)) {
            error(std::string(m_option.name) + " must be between 0 and 1, got " +
                  formatDouble(value));
            return;
        }
        checkNumber(value, formatDouble(value));
    }

    void checkNumber(double value, const std::string& text) const {
        if (!std::isfinite(value)) {
            error(std::string(m_option.name) + " must be a finite number, got " + text);
        } else if (const auto& bounds = m_option.bounds;
                   bounds && !(value >= bounds->min && value <= bounds->max)) {
            error(std::string(m_option.name) + " must be between " + formatDouble(bounds->min) +
                  " and " + formatDouble(bounds->max) + ", got " + text);
        } else if (m_option.positive && !(value > 0.0)) {
            error(std::string(m_option.name) + " must be > 0, got " + text);
        }
    }

    template <typename T> void checkValue(const std::vector<T>& list) const {
        if (m_option.required && list.empty()) {
            const bool given = (m_field.*m_option.location).known();
            error(given ? std::string("`")
                              .append(m_option.name)
                              .append("` is empty; expected at least one value")
                        : missingMessage());
        }
    }

    void checkValue(const std::string&) const {}
    void checkValue(bool) const {}
    void checkValue(std::monostate) const {}

    const FieldKind& m_kind;
    const FieldOption& m_option;
    const FieldSpec& m_field;
    const ReportProblem& m_report;
};

void checkField(Checker& check, const FieldSpec& f, const std::string& path);
void checkFields(Checker& check, const std::vector<FieldSpec>& fields, const std::string& path,
                 const std::unordered_set<std::string>* common, bool nested = false);

/// Values inside a struct, array or map are generated on their own: nothing computes them
/// from the event's other fields.
void checkInsideNested(Checker& check, const FieldSpec& f, const std::string& path) {
    if (!f.expr.empty()) {
        check.error(f.exprLocation, f.location, path + ".expr",
                    "`expr` is not available inside a struct, array or map; compute the field "
                    "at the top level of the event");
    }
    if (!f.baseColumn.empty()) {
        check.error(f.baseColumnLocation, f.location, path + ".base_column",
                    "`base_column` is not available inside a struct, array or map");
    }
    if (f.omit) {
        check.error(f.omitLocation, f.location, path + ".omit",
                    "`omit` is not available inside a struct, array or map");
    }
}

/// The specs a struct, array or map holds, checked as fields of their own.
void checkChildren(Checker& check, const FieldKind& kind, const FieldSpec& f,
                   const std::string& path) {
    for (const FieldOption& option : kind.options) {
        const OptionValue value = option.get(f);
        const auto* specs = std::get_if<std::vector<FieldSpec>>(&value);
        if (specs == nullptr) {
            continue;
        }
        if (option.type == FieldOptionType::Fields) {
            checkFields(check, *specs, path + "." + option.name, nullptr, true);
        } else if (option.type == FieldOptionType::Element && specs->size() == 1) {
            checkField(check, specs->front(), path + "." + option.name);
            checkInsideNested(check, specs->front(), path + "." + option.name);
        }
    }
}

void checkField(Checker& check, const FieldSpec& f, const std::string& path) {
    if (f.name.empty()) {
        check.error(f.location, {}, path, "field name is empty");
    }
    const ReportProblem report = [&](SourceLocation where, const std::string& key,
                                     std::string message) {
        check.error(where, f.location, key.empty() ? path : path + "." + key, std::move(message));
    };
    const FieldKind& kind = fieldKind(f.type);
    for (const FieldOption& option : kind.options) {
        if (option.applies(f)) {
            OptionChecker(kind, option, f, report).check();
        }
    }
    for (const FieldRule& rule : kind.rules) {
        if (rule.check) {
            rule.check(f, report);
        }
    }
    OptionChecker(kind, nullRatioOption(), f, report).check();
    checkChildren(check, kind, f, path);
}

/// Checks a list of fields; `common` names the common fields that these may not repeat;
/// `nested`: the fields of a struct.
void checkFields(Checker& check, const std::vector<FieldSpec>& fields, const std::string& path,
                 const std::unordered_set<std::string>* common, bool nested) {
    std::unordered_set<std::string> seen;
    for (const auto& f : fields) {
        const std::string fieldPath = path + "." + f.name;
        checkField(check, f, fieldPath);
        if (nested) {
            checkInsideNested(check, f, fieldPath);
        }
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

/// The identity field is added to every type: its name must be a plain identifier that no field
/// has already.
void checkIdentityField(Checker& check, const Config& config) {
    const std::string& name = config.identityField;
    if (name.empty()) {
        return;
    }
    const bool plain = (std::isalpha(static_cast<unsigned char>(name[0])) != 0 || name[0] == '_') &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
                       });
    if (!plain || name == "event_type_id") {
        check.error(config.identityFieldLocation, {}, "identity_field",
                    "identity_field: expected a name of letters, digits and `_` (not "
                    "`event_type_id`), got `" + name + "`");
        return;
    }
    const auto clash = [&](const std::vector<FieldSpec>& fields) {
        return std::any_of(fields.begin(), fields.end(),
                           [&](const FieldSpec& field) { return field.name == name; });
    };
    bool taken = clash(config.commonFields);
    for (const EventType& type : config.eventTypes) {
        taken = taken || clash(type.fields);
    }
    if (taken) {
        check.error(config.identityFieldLocation, {}, "identity_field",
                    "identity_field: a field is already called `" + name +
                        "`; the identity field needs a name of its own");
    }
}

Diagnostics validateConfig(const Config& config) {
    Diagnostics diagnostics;
    Checker check(diagnostics);
    checkFields(check, config.commonFields, "common_fields", nullptr);
    checkEventTypes(check, config);
    checkRun(check, config);
    checkIdentityField(check, config);
    return diagnostics;
}

} // namespace streamgen
