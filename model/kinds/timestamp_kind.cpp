#include "field_kind.h"
#include "model/time_format.h"
#include "numeric_options.h"

namespace streamgen {

namespace {

constexpr int64_t kDefaultSequenceBeginMs = 1'704'067'200'000; // 2024-01-01T00:00:00Z

bool notNow(const FieldSpec& f) {
    return f.timestampMode != TimestampMode::Now;
}
bool isSequence(const FieldSpec& f) {
    return f.timestampMode == TimestampMode::Sequence;
}
bool isRandom(const FieldSpec& f) {
    return f.timestampMode == TimestampMode::Random;
}
bool notRandom(const FieldSpec& f) {
    return f.timestampMode != TimestampMode::Random;
}

void checkLateness(const FieldSpec& f, const ReportProblem& report) {
    if (notRandom(f) && f.lateRatio > 0.0 && f.lateMaxMs <= 0) {
        report(f.lateRatioLocation, "late_ratio",
               "late events need `late_max`, how much earlier their time is at most");
    }
}

void checkLateDistribution(const FieldSpec& f, const ReportProblem& report) {
    if (!notRandom(f)) {
        return;
    }
    const auto read = readableDistribution(f.lateDistribution, f.lateDistributionLocation,
                                           "late_distribution", report);
    if (read && read->kind == DistributionSpec::Kind::Zipf) {
        report(f.lateDistributionLocation, "late_distribution",
               "zipf ranks whole numbers, not durations; use exponential or pareto for a long "
               "tail of lateness");
    }
}

void checkEndAfterBegin(const FieldSpec& f, const ReportProblem& report) {
    if (isRandom(f) && f.beginMs > f.endMs) {
        report(f.endLocation, "end",
               "`end` " + detail::formatIsoTimestamp(f.endMs) + " is before `begin` " +
                   detail::formatIsoTimestamp(f.beginMs));
    }
}

// Which keys a file gave is known only while reading: an in-memory config always has a begin.
std::string completeFromFile(FieldSpec& f) {
    // dbldatagen gives a range by `begin` and `interval` (or `end`) alone: without a mode, a
    // begin with an end and no interval is random within them, any other begin a sequence.
    if (!f.modeLocation.known() && f.beginLocation.known()) {
        f.timestampMode = f.endLocation.known() && !f.intervalLocation.known()
                              ? TimestampMode::Random
                              : TimestampMode::Sequence;
    }
    if (isSequence(f) && !f.beginLocation.known()) {
        f.beginMs = kDefaultSequenceBeginMs;
    }
    if (isRandom(f) && (!f.beginLocation.known() || !f.endLocation.known())) {
        return "timestamp mode `random` needs both `begin` and `end`";
    }
    return {};
}

} // namespace

const FieldKind& timestampKind() {
    static const FieldKind kind{
        .type = FieldType::Timestamp,
        .name = "timestamp",
        .aliases = {"datetime"},
        .help = "a point in time, ISO-8601 UTC with milliseconds",
        .options =
            {
                {
                    .name = "mode",
                    .type = FieldOptionType::Choice,
                    .help = "how the time is picked",
                    .defaultText = "now",
                    .member = enumMember<&FieldSpec::timestampMode>(),
                    .location = &FieldSpec::modeLocation,
                    .choices = {{"now", "wall clock; not reproducible"},
                                {"sequence", "begin + k × interval"},
                                {"random", "uniform in [begin, end]"}},
                },
                {
                    .name = "begin",
                    .type = FieldOptionType::Timestamp,
                    .help = "first time of a sequence, or the earliest random time",
                    .defaultText = "2024-01-01T00:00:00Z",
                    .member = &FieldSpec::beginMs,
                    .location = &FieldSpec::beginLocation,
                    .appliesWhen = notNow,
                    .writeDefault = true,
                    .summaryLabel = "from",
                },
                {
                    .name = "end",
                    .type = FieldOptionType::Timestamp,
                    .help = "the latest random time",
                    .member = &FieldSpec::endMs,
                    .location = &FieldSpec::endLocation,
                    .appliesWhen = isRandom,
                    .writeDefault = true,
                    .summaryLabel = "to",
                },
                {
                    .name = "interval_ms",
                    .type = FieldOptionType::Duration,
                    .aliases = {"interval"},
                    .help = "time between consecutive events of a sequence: milliseconds, or "
                            "dbldatagen's \"1 second\", \"days=1,hours=1\"",
                    .defaultText = "1000",
                    .member = &FieldSpec::intervalMs,
                    .location = &FieldSpec::intervalLocation,
                    .appliesWhen = isSequence,
                    .writeDefault = true,
                    .positive = true,
                    .summaryLabel = "every",
                    .unit = {"ms", "ms"},
                },
                {
                    .name = "late_ratio",
                    .type = FieldOptionType::Ratio,
                    .aliases = {"lateness.ratio"},
                    .help = "share of events that arrive late: their time is up to `late_max` "
                            "earlier than it should be, out of order with their neighbours",
                    .defaultText = "0",
                    .member = &FieldSpec::lateRatio,
                    .location = &FieldSpec::lateRatioLocation,
                    .appliesWhen = notRandom,
                    .zeroMeansNone = true,
                    .summaryLabel = "late",
                },
                {
                    .name = "late_max",
                    .type = FieldOptionType::Duration,
                    .aliases = {"lateness.max"},
                    .help = "how much earlier a late event's time is at most: milliseconds, or "
                            "\"10 minutes\"",
                    .defaultText = "0",
                    .member = &FieldSpec::lateMaxMs,
                    .location = &FieldSpec::lateMaxLocation,
                    .appliesWhen = notRandom,
                    .bounds = OptionBounds{0.0, 9.2e18},
                    .zeroMeansNone = true,
                    .summaryLabel = "by up to",
                    .unit = {"ms", "ms"},
                },
                {
                    .name = "late_distribution",
                    .type = FieldOptionType::Text,
                    .aliases = {"lateness.distribution"},
                    .help = "how lateness spreads up to `late_max`: uniform, or a distribution "
                            "such as \"exponential\" (most events a little late, few very)",
                    .defaultText = "uniform",
                    .member = &FieldSpec::lateDistribution,
                    .location = &FieldSpec::lateDistributionLocation,
                    .appliesWhen = notRandom,
                    .summaryLabel = "lateness",
                },
                {
                    .name = "jitter",
                    .type = FieldOptionType::Duration,
                    .help = "each time moves by up to this much earlier or later, uniformly: "
                            "milliseconds, or \"500 milliseconds\"",
                    .defaultText = "0",
                    .member = &FieldSpec::jitterMs,
                    .location = &FieldSpec::jitterLocation,
                    .appliesWhen = notRandom,
                    .bounds = OptionBounds{0.0, 9.2e18},
                    .zeroMeansNone = true,
                    .summaryLabel = "jitter",
                    .unit = {"ms", "ms"},
                },
            },
        .rules =
            {
                {.help = "in mode `random`, `end` is not before `begin`",
                 .check = checkEndAfterBegin},
                {.help = "`late_ratio` goes with a `late_max`", .check = checkLateness},
                {.help = "`late_distribution` reads", .check = checkLateDistribution},
                {.help = "mode `random` needs both `begin` and `end`; a sequence without "
                         "`begin` starts at 2024-01-01T00:00:00Z",
                 .afterRead = completeFromFile},
            },
        .storageOf = [](const FieldSpec&) { return ValueStorage::Timestamp; },
    };
    return kind;
}

} // namespace streamgen
