#include "field_kind.h"

#include <algorithm>
#include <limits>

namespace streamgen {

namespace {

// int and long differ only in their names and in how encoders store them.
std::vector<FieldOption> integerOptions() {
    return {{
        .name = "range",
        .type = FieldOptionType::IntegerRange,
        .help = "inclusive range of whole numbers, [min, max]",
        .defaultText = "[0, 1000000]",
        .member = RangeMembers<int64_t>{&FieldSpec::intMin, &FieldSpec::intMax},
        .location = &FieldSpec::rangeLocation,
        .writeDefault = true,
    }};
}

/// An `int` whose range needs more than 32 bits is stored in 64, so that no value is cut.
ValueStorage intStorage(const FieldSpec& f) {
    constexpr int64_t kMin = std::numeric_limits<int32_t>::min();
    constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
    const bool fits = std::min(f.intMin, f.intMax) >= kMin && std::max(f.intMin, f.intMax) <= kMax;
    return fits ? ValueStorage::Int32 : ValueStorage::Int64;
}

} // namespace

const FieldKind& intKind() {
    static const FieldKind kind{
        .type = FieldType::Int,
        .name = "int",
        .aliases = {"integer"},
        .help = "whole numbers drawn uniformly from a range",
        .options = integerOptions(),
        .storageOf = intStorage,
    };
    return kind;
}

const FieldKind& longKind() {
    static const FieldKind kind{
        .type = FieldType::Long,
        .name = "long",
        .aliases = {"bigint"},
        .help = "64-bit whole numbers drawn uniformly from a range",
        .options = integerOptions(),
        .storageOf = [](const FieldSpec&) { return ValueStorage::Int64; },
    };
    return kind;
}

} // namespace streamgen
