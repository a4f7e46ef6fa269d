#include "field_kind.h"
#include "numeric_options.h"

#include <algorithm>
#include <limits>

namespace streamgen {

namespace {

// int and long differ only in their names and in how encoders store them.
std::vector<FieldOption> integerOptions() {
    std::vector<FieldOption> options{{
        .name = "range",
        .type = FieldOptionType::IntegerRange,
        .help = "inclusive range of whole numbers, [min, max]",
        .defaultText = "[0, 1000000]",
        .member = RangeMembers<int64_t>{&FieldSpec::intMin, &FieldSpec::intMax},
        .location = &FieldSpec::rangeLocation,
        .boundKeys = {"minValue", "maxValue"},
        .writeDefault = true,
    }};
    for (FieldOption& option : numericOptions(true)) {
        options.push_back(std::move(option));
    }
    return options;
}

/// An `int` whose range needs more than 32 bits is stored in 64, so that no value is cut.
/// A sequence counts past the range, and `unique_values` may reach beyond it.
ValueStorage intStorage(const FieldSpec& f) {
    constexpr int64_t kMin = std::numeric_limits<int32_t>::min();
    constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
    const int64_t low = std::min(f.intMin, f.intMax);
    const double step = std::max(f.step, 1.0);
    const double high = f.uniqueValues > 0 ? static_cast<double>(low) +
                                                 static_cast<double>(f.uniqueValues - 1) * step
                                           : static_cast<double>(std::max(f.intMin, f.intMax));
    const bool fits =
        !f.sequence && f.expr.empty() && low >= kMin && high <= static_cast<double>(kMax);
    return fits ? ValueStorage::Int32 : ValueStorage::Int64;
}

} // namespace

const FieldKind& intKind() {
    static const FieldKind kind{
        .type = FieldType::Int,
        .name = "int",
        .aliases = {"integer"},
        .help = "whole numbers from a range: uniform, stepped, in turn, unique or shaped",
        .options = integerOptions(),
        .rules = numericRules(true),
        .storageOf = intStorage,
    };
    return kind;
}

const FieldKind& longKind() {
    static const FieldKind kind{
        .type = FieldType::Long,
        .name = "long",
        .aliases = {"bigint"},
        .help = "64-bit whole numbers from a range: uniform, stepped, in turn, unique or shaped",
        .options = integerOptions(),
        .rules = numericRules(true),
        .storageOf = [](const FieldSpec&) { return ValueStorage::Int64; },
    };
    return kind;
}

} // namespace streamgen
