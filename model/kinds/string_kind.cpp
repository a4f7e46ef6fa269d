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

} // namespace

const FieldKind& stringKind() {
    static const FieldKind kind{
        .type = FieldType::String,
        .name = "string",
        .aliases = {"str"},
        .help = "one of a list of values, optionally weighted",
        .options =
            {
                {
                    .name = "values",
                    .type = FieldOptionType::StringList,
                    .help = "a list of strings to draw from",
                    .member = &FieldSpec::values,
                    .location = &FieldSpec::valuesLocation,
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
                    .pairedWith = "values",
                },
                {
                    .name = "random",
                    .type = FieldOptionType::Flag,
                    .help = "false: the values in turn by event number, each as many times "
                            "in a row as its weight, as dbldatagen's random=False",
                    .defaultText = "true",
                    .member = &FieldSpec::random,
                    .location = &FieldSpec::randomLocation,
                    .whenChanged = "in turn",
                },
            },
        .rules = {{
            .help = "`weights` has one finite weight >= 0 per value, at least one of them positive",
            .check = checkWeights,
        }},
        .storageOf = [](const FieldSpec&) { return ValueStorage::String; },
    };
    return kind;
}

} // namespace streamgen
