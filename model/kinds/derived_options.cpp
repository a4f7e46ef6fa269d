#include "derived_options.h"

namespace streamgen {

namespace {

FieldOption exprOption() {
    return {
        .name = "expr",
        .type = FieldOptionType::Text,
        .help = "the value as an expression over other fields of the event, e.g. "
                "\"case when is_fraud then 0.7 + rand() * 0.3 else rand() * 0.4 end\"; the "
                "kind's other options are then not used",
        .member = &FieldSpec::expr,
        .location = &FieldSpec::exprLocation,
        .evenWithExpr = true,
        .summaryLabel = "=",
    };
}

FieldOption omitOption() {
    return {
        .name = "omit",
        .type = FieldOptionType::Flag,
        .help = "generated and usable by expressions, but not written",
        .defaultText = "false",
        .member = &FieldSpec::omit,
        .location = &FieldSpec::omitLocation,
        .evenWithExpr = true,
        .whenChanged = "not written",
    };
}

FieldOption baseColumnOption() {
    return {
        .name = "base_column",
        .type = FieldOptionType::Text,
        .aliases = {"baseColumn"},
        .help = "another field whose value decides this one, as dbldatagen's baseColumn: equal "
                "base values give equal values (a device's type follows its id); with `random: "
                "false`, whole-number bases pick the values in turn by their value",
        .member = &FieldSpec::baseColumn,
        .location = &FieldSpec::baseColumnLocation,
        .summaryLabel = "by",
    };
}

} // namespace

FieldKind withDerivedOptions(const FieldKind& kind) {
    FieldKind result = kind;
    result.options.push_back(baseColumnOption());
    result.options.push_back(exprOption());
    result.options.push_back(omitOption());
    return result;
}

} // namespace streamgen
