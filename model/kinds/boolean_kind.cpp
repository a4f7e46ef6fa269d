#include "field_kind.h"

namespace streamgen {

const FieldKind& booleanKind() {
    static const FieldKind kind{
        .type = FieldType::Boolean,
        .name = "boolean",
        .aliases = {"bool"},
        .help = "true or false",
        .options = {{
            .name = "true_ratio",
            .type = FieldOptionType::Ratio,
            .help = "share of events in which the value is true",
            .defaultText = "0.5",
            .member = &FieldSpec::trueRatio,
            .location = &FieldSpec::trueRatioLocation,
            .writeDefault = true,
            .summaryLabel = "true",
        }},
        .storageOf = [](const FieldSpec&) { return ValueStorage::Boolean; },
    };
    return kind;
}

} // namespace streamgen
