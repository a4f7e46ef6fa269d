#include "field_kind.h"
#include "model/number_format.h"

#include <cmath>

namespace streamgen {

namespace {

using detail::formatDouble;

void checkWeights(const FieldSpec& f, const ReportProblem& report) {
    // Without values the missing `values` is the problem worth reporting, not the weights.
    if (f.values.empty() || f.weights.empty()) {
        return;
    }

    if (f.weights.size() != f.values.size()) {
        report(f.weightsLocation, "weights",
               "`weights` has " + std::to_string(f.weights.size()) + " entries but `values` has " +
                   std::to_string(f.values.size()) + "; expected one weight per value");
        return;
    }
    bool anyPositive = false;
    for (std::size_t i = 0; i < f.weights.size(); ++i) {
        const double w = f.weights[i];
        if (!std::isfinite(w) || w < 0.0) {
            report(f.weightsLocation, "weights[" + std::to_string(i) + "]",
                   "weight " + formatDouble(w) + " of value `" + f.values[i] +
                       "` must be a finite number >= 0");
            return;
        }
        anyPositive = anyPositive || w > 0.0;
    }
    if (!anyPositive) {
        report(f.weightsLocation, "weights",
               "all `weights` are 0; at least one value needs a positive weight");
    }
}

bool drawsFromValues(const FieldSpec& f) {
    return f.textTemplate.empty() && f.pattern.empty();
}

bool hasTemplate(const FieldSpec& f) {
    return !f.textTemplate.empty();
}

bool hasNoTemplate(const FieldSpec& f) {
    return f.textTemplate.empty();
}

std::vector<FieldOption> patternOptions() {
    return {
        {
            .name = "template",
            .type = FieldOptionType::Text,
            .help = "dbldatagen's template: d digit, D 1-9, x/X hex, a/A letter, k/K letter or "
                    "digit, \\n 0-255, \\w a word, | alternatives, e.g. \"(ddd)-ddd-dddd\"",
            .member = &FieldSpec::textTemplate,
            .location = &FieldSpec::templateLocation,
        },
        {
            .name = "escape_special_chars",
            .type = FieldOptionType::Flag,
            .aliases = {"escapeSpecialChars"},
            .help = "the template's letters are literal and \\d, \\a, ... are placeholders",
            .defaultText = "false",
            .member = &FieldSpec::escapeSpecialChars,
            .location = &FieldSpec::escapeLocation,
            .appliesWhen = hasTemplate,
            .whenChanged = "escaped",
        },
        {
            .name = "format",
            .type = FieldOptionType::Text,
            .help = "StreamForge's pattern: \"RES|COM|IND\" one of the parts, else # a digit "
                    "and ? a letter, e.g. \"MTR-####-####\"",
            .member = &FieldSpec::pattern,
            .location = &FieldSpec::patternLocation,
            .appliesWhen = hasNoTemplate,
        },
        {
            .name = "prefix",
            .type = FieldOptionType::Text,
            .help = "written before each value, then the separator",
            .member = &FieldSpec::prefix,
            .location = &FieldSpec::prefixLocation,
        },
        {
            .name = "suffix",
            .type = FieldOptionType::Text,
            .help = "written after each value and the separator",
            .member = &FieldSpec::suffix,
            .location = &FieldSpec::suffixLocation,
        },
        {
            .name = "text_separator",
            .type = FieldOptionType::Text,
            .aliases = {"textSeparator"},
            .help = "between prefix, value and suffix; without it `_`, as dbldatagen",
            .member = &FieldSpec::textSeparator,
            .location = &FieldSpec::separatorLocation,
        },
    };
}

std::vector<FieldOption> stringOptions() {
    std::vector<FieldOption> options{
        {
            .name = "values",
            .type = FieldOptionType::StringList,
            .help = "a list of strings to draw from",
            .member = &FieldSpec::values,
            .location = &FieldSpec::valuesLocation,
            .appliesWhen = drawsFromValues,
            .writeDefault = true,
            .required = true,
            .unit = {"value", "values"},
        },
        {
            .name = "weights",
            .type = FieldOptionType::NumberList,
            .help = "relative weight of each value; without it, every value is as likely",
            .member = &FieldSpec::weights,
            .location = &FieldSpec::weightsLocation,
            .appliesWhen = drawsFromValues,
            .pairedWith = "values",
        },
        {
            .name = "random",
            .type = FieldOptionType::Flag,
            .help = "false: the values in turn by event number, each as many times in a row as "
                    "its weight, as dbldatagen's random=False",
            .defaultText = "true",
            .member = &FieldSpec::random,
            .location = &FieldSpec::randomLocation,
            .appliesWhen = drawsFromValues,
            .whenChanged = "in turn",
        },
    };
    for (FieldOption& option : patternOptions()) {
        options.push_back(std::move(option));
    }
    return options;
}

} // namespace

const FieldKind& stringKind() {
    static const FieldKind kind{
        .type = FieldType::String,
        .name = "string",
        .aliases = {"str"},
        .help = "one of a list of values, optionally weighted",
        .options = stringOptions(),
        .rules = {{
            .help = "`weights` has one finite weight >= 0 per value, at least one of them positive",
            .check = checkWeights,
        }},
        .storageOf = [](const FieldSpec&) { return ValueStorage::String; },
    };
    return kind;
}

} // namespace streamgen
