#include "field_kind.h"
#include "numeric_options.h"

namespace streamgen {

namespace {

// float and double differ only in their names and in how encoders store them.
std::vector<FieldOption> floatingOptions() {
    std::vector<FieldOption> options{
        numberRangeOption("inclusive range of numbers, [min, max]"),
        {
            .name = "precision",
            .type = FieldOptionType::Integer,
            .help = "digits after the decimal point; without it, every digit is kept",
            .member = &FieldSpec::precision,
            .location = &FieldSpec::precisionLocation,
            .bounds = OptionBounds{0, 15},
            .unit = {"digit", "digits"},
        },
    };
    for (FieldOption& option : numericOptions(false)) {
        options.push_back(std::move(option));
    }
    return options;
}

} // namespace

const FieldKind& floatKind() {
    static const FieldKind kind{
        .type = FieldType::Float,
        .name = "float",
        .help = "numbers from a range, uniform or shaped, stored with 32-bit precision",
        .options = floatingOptions(),
        .rules = numericRules(false),
        .storageOf = [](const FieldSpec&) { return ValueStorage::Float32; },
    };
    return kind;
}

const FieldKind& doubleKind() {
    static const FieldKind kind{
        .type = FieldType::Double,
        .name = "double",
        .help = "numbers from a range, uniform or shaped by a distribution",
        .options = floatingOptions(),
        .rules = numericRules(false),
        .storageOf = [](const FieldSpec&) { return ValueStorage::Float64; },
    };
    return kind;
}

} // namespace streamgen
