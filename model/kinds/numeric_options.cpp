#include "numeric_options.h"

#include "model/distribution.h"
#include "model/number_format.h"

#include <cmath>

namespace streamgen {

namespace {

using detail::formatDouble;

FieldOption stepOption(bool wholeNumbers) {
    return {
        .name = "step",
        .type = FieldOptionType::Number,
        .help = wholeNumbers ? "values lie on min, min + step, ...; 0 or absent: every whole number"
                             : "values lie on min, min + step, ...; 0 or absent: anywhere",
        .defaultText = "0",
        .member = &FieldSpec::step,
        .location = &FieldSpec::stepLocation,
        .bounds = OptionBounds{0.0, 1e300},
        .zeroMeansNone = true,
        .summaryLabel = "step",
    };
}

FieldOption randomOption() {
    return {
        .name = "random",
        .type = FieldOptionType::Flag,
        .help = "false: min, min + step, ... in turn by event number, as dbldatagen's "
                "random=False",
        .defaultText = "true",
        .member = &FieldSpec::random,
        .location = &FieldSpec::randomLocation,
        .whenChanged = "in turn",
    };
}

FieldOption distributionOption() {
    return {
        .name = "distribution",
        .type = FieldOptionType::Text,
        .help = "the values' shape in the range: normal, exponential, gamma, beta, pareto, zipf, "
                "e.g. \"normal(mean=50, stddev=5)\"",
        .defaultText = "uniform",
        .member = &FieldSpec::distribution,
        .location = &FieldSpec::distributionLocation,
    };
}

std::vector<FieldOption> wholeNumberOptions() {
    return {
        {
            .name = "unique",
            .type = FieldOptionType::Flag,
            .help = "no value repeats until every value of the range was used",
            .defaultText = "false",
            .member = &FieldSpec::unique,
            .location = &FieldSpec::uniqueLocation,
            .whenChanged = "unique",
        },
        {
            .name = "unique_values",
            .type = FieldOptionType::Integer,
            .aliases = {"uniqueValues"},
            .help = "the range is this many values from min by step, none repeated until all "
                    "were used (dbldatagen's uniqueValues); 0: the range as given",
            .defaultText = "0",
            .member = &FieldSpec::uniqueValues,
            .location = &FieldSpec::uniqueValuesLocation,
            .bounds = OptionBounds{0.0, 1e18},
            .zeroMeansNone = true,
            .summaryLabel = "unique of",
        },
        {
            .name = "sequence",
            .type = FieldOptionType::Flag,
            .help = "min + k * step for event number k, counting on past max",
            .defaultText = "false",
            .member = &FieldSpec::sequence,
            .location = &FieldSpec::sequenceLocation,
            .whenChanged = "sequence",
        },
    };
}

void checkDistribution(const FieldSpec& f, const ReportProblem& report) {
    const auto read =
        readableDistribution(f.distribution, f.distributionLocation, "distribution", report);
    if (!read) {
        return;
    }
    const DistributionSpec& spec = *read;
    if (spec.kind == DistributionSpec::Kind::Uniform) {
        return;
    }
    if (!f.random) {
        report(f.distributionLocation, "distribution",
               "a distribution draws values at random; it cannot go with `random: false`");
    } else if (f.unique || f.uniqueValues > 0 || f.sequence) {
        report(f.distributionLocation, "distribution",
               "a distribution cannot go with `unique`, `unique_values` or `sequence`, which "
               "decide the order of the values themselves");
    } else if (spec.kind == DistributionSpec::Kind::Zipf && f.type != FieldType::Int &&
               f.type != FieldType::Long) {
        report(f.distributionLocation, "distribution",
               "zipf ranks whole numbers; use it on an int or long field");
    }
}

void checkWholeStep(const FieldSpec& f, const ReportProblem& report) {
    if (f.step != std::floor(f.step)) {
        report(f.stepLocation, "step",
               "step of a whole-number field must be a whole number, got " + formatDouble(f.step));
    }
    if (f.sequence && f.unique) {
        report(f.sequenceLocation, "sequence",
               "`sequence` never repeats a value already; leave out `unique`");
    }
}

/// dbldatagen counts `uniqueValues` from 1 when no minimum is given.
std::string uniqueValuesFromOne(FieldSpec& f) {
    if (f.uniqueValues > 0 && !f.rangeLocation.known()) {
        f.intMin = 1;
        f.intMax = 1 + (f.uniqueValues - 1) * static_cast<int64_t>(std::max(f.step, 1.0));
    }
    return {};
}

} // namespace

std::optional<DistributionSpec> readableDistribution(const std::string& text, SourceLocation where,
                                                     const char* key, const ReportProblem& report) {
    auto parsed = parseDistribution(text);
    if (const auto* error = std::get_if<DistributionError>(&parsed)) {
        const bool named = error->message.rfind("unknown distribution", 0) == 0;
        if (where.known()) {
            where.column += static_cast<int>(error->offset);
        }
        report(where, key,
               named ? error->message : std::string(key) + " `" + text + "`: " + error->message);
        return std::nullopt;
    }
    return std::get<DistributionSpec>(std::move(parsed));
}

FieldOption numberRangeOption(const char* help) {
    return {
        .name = "range",
        .type = FieldOptionType::NumberRange,
        .help = help,
        .defaultText = "[0, 1]",
        .member = RangeMembers<double>{&FieldSpec::floatMin, &FieldSpec::floatMax},
        .location = &FieldSpec::rangeLocation,
        .boundKeys = {"minValue", "maxValue"},
        .writeDefault = true,
    };
}

std::vector<FieldOption> numericOptions(bool wholeNumbers) {
    std::vector<FieldOption> options{stepOption(wholeNumbers), randomOption(),
                                     distributionOption()};
    if (wholeNumbers) {
        for (FieldOption& option : wholeNumberOptions()) {
            options.push_back(std::move(option));
        }
    }
    return options;
}

std::vector<FieldRule> numericRules(bool wholeNumbers) {
    std::vector<FieldRule> rules{{
        .help = "`distribution` reads, and goes with `random: true` only",
        .check = checkDistribution,
    }};
    if (wholeNumbers) {
        rules.push_back({
            .help = "`step` is whole; `sequence` and `unique` exclude each other",
            .check = checkWholeStep,
            .afterRead = uniqueValuesFromOne,
        });
    }
    return rules;
}

} // namespace streamgen
