#include "field_kind.h"
#include "model/number_format.h"
#include "numeric_options.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace streamgen {

namespace {

using detail::formatDouble;

/// Encoders hold decimals as doubles, which keep 15 significant digits exactly.
constexpr int kMaxDigits = 15;

double wholeLimit(const FieldSpec& f) {
    return std::pow(10.0, static_cast<double>(f.decimalDigits - f.precision.value_or(0)));
}

void checkDigits(const FieldSpec& f, const ReportProblem& report) {
    const int scale = f.precision.value_or(0);
    if (scale > f.decimalDigits) {
        report(f.precisionLocation, "scale",
               "`scale` " + std::to_string(scale) + " is more than the " +
                   std::to_string(f.decimalDigits) + " `digits` of the number");
        return;
    }
    const double limit = wholeLimit(f);
    if (std::max(std::fabs(f.floatMin), std::fabs(f.floatMax)) >= limit) {
        report(f.rangeLocation, "range",
               "the range [" + formatDouble(f.floatMin) + ", " + formatDouble(f.floatMax) +
                   "] needs more than the " + std::to_string(f.decimalDigits - scale) +
                   " digits before the point that decimal(" + std::to_string(f.decimalDigits) +
                   "," + std::to_string(scale) + ") leaves; widen `digits` or narrow the range");
    }
}

/// dbldatagen's default range of a decimal: from 0 to the largest whole number it holds.
std::string rangeFromDigits(FieldSpec& f) {
    if (!f.precision) {
        f.precision = 0;
    }
    const bool fits = *f.precision <= f.decimalDigits;
    if (fits && !f.rangeLocation.known() && f.floatMin == 0.0 && f.floatMax == 1.0) {
        f.floatMax = wholeLimit(f) - 1.0;
    }
    return {};
}

std::vector<FieldOption> decimalOptions() {
    std::vector<FieldOption> options{
        numberRangeOption(
            "inclusive range of numbers, [min, max]; without it, from 0 to the largest "
            "whole number the digits hold"),
        {
            .name = "digits",
            .type = FieldOptionType::Integer,
            .help = "how many digits the number has in all, the p of decimal(p,s)",
            .defaultText = "10",
            .member = &FieldSpec::decimalDigits,
            .location = &FieldSpec::digitsLocation,
            .writeDefault = true,
            .bounds = OptionBounds{1, kMaxDigits},
            .unit = {"digit", "digits"},
        },
        {
            .name = "scale",
            .type = FieldOptionType::Integer,
            .help = "how many of the digits come after the point, the s of decimal(p,s)",
            .member = &FieldSpec::precision,
            .location = &FieldSpec::precisionLocation,
            .bounds = OptionBounds{0, kMaxDigits - 1},
            .summaryLabel = "scale",
        },
    };
    for (FieldOption& option : numericOptions(false)) {
        options.push_back(std::move(option));
    }
    return options;
}

std::vector<FieldRule> decimalRules() {
    std::vector<FieldRule> rules = numericRules(false);
    rules.push_back({.help = "the range fits the digits before the point",
                     .check = checkDigits,
                     .afterRead = rangeFromDigits});
    return rules;
}

} // namespace

const FieldKind& decimalKind() {
    static const FieldKind kind{
        .type = FieldType::Decimal,
        .name = "decimal",
        .aliases = {"numeric"},
        .help = "fixed-point numbers as dbldatagen's decimal(digits, scale): uniform, stepped, "
                "in turn or shaped",
        .options = decimalOptions(),
        .rules = decimalRules(),
        .storageOf = [](const FieldSpec&) { return ValueStorage::Float64; },
    };
    return kind;
}

} // namespace streamgen
