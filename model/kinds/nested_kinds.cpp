#include "nested_kinds.h"

namespace streamgen {

namespace {

/// The longest array or map a field may ask for: every event holds all of its entries.
constexpr double kMostEntries = 10000.0;

FieldOption lengthOption(const char* help) {
    return {
        .name = "length",
        .type = FieldOptionType::IntegerRange,
        .aliases = {"size"},
        .help = help,
        .defaultText = "[1, 5]",
        .member = RangeMembers<int64_t>{&FieldSpec::lengthMin, &FieldSpec::lengthMax},
        .location = &FieldSpec::lengthLocation,
        .bounds = OptionBounds{0.0, kMostEntries},
        .scalarIsBoth = true,
        .summaryLabel = "length",
    };
}

FieldOption elementOption(const char* name, std::size_t index, SourceLocation FieldSpec::*location,
                          const char* help, bool required) {
    return {
        .name = name,
        .type = FieldOptionType::Element,
        .help = help,
        .member = ChildMember{index},
        .location = location,
        .required = required,
        .summaryLabel = name,
    };
}

FieldSpec wordKey() {
    FieldSpec key;
    key.name = "key";
    key.type = FieldType::Word;
    return key;
}

} // namespace

bool isNested(FieldType type) {
    return type == FieldType::Struct || type == FieldType::Array || type == FieldType::Map;
}

const FieldKind& structKind() {
    static const FieldKind kind{
        .type = FieldType::Struct,
        .name = "struct",
        .aliases = {"record", "object"},
        .help = "a nested record of named fields, each of any kind",
        .options = {{
            .name = "fields",
            .type = FieldOptionType::Fields,
            .help = "a mapping of field name to field spec, as an event's fields",
            .member = &FieldSpec::children,
            .location = &FieldSpec::fieldsLocation,
            .required = true,
            .unit = {"field", "fields"},
        }},
        .storageOf = [](const FieldSpec&) { return ValueStorage::Struct; },
    };
    return kind;
}

const FieldKind& arrayKind() {
    static const FieldKind kind{
        .type = FieldType::Array,
        .name = "array",
        .aliases = {"list"},
        .help = "a list of values of one spec, its length drawn per event",
        .options = {elementOption("items", 0, &FieldSpec::itemsLocation,
                                  "the spec of every item: a field spec, or just a type name",
                                  true),
                    lengthOption("inclusive range of the count of items, e.g. [3, 3]")},
        .storageOf = [](const FieldSpec&) { return ValueStorage::Array; },
    };
    return kind;
}

const FieldKind& mapKind() {
    static const FieldKind kind{
        .type = FieldType::Map,
        .name = "map",
        .aliases = {"dict"},
        .help = "entries of distinct keys and their values, the count drawn per event",
        .options = {elementOption("key", 0, &FieldSpec::keyLocation,
                                  "the spec of the keys (written as text); a word when absent",
                                  false),
                    elementOption("value", 1, &FieldSpec::valueLocation,
                                  "the spec of the values: a field spec, or just a type name",
                                  true),
                    lengthOption("inclusive range of the count of entries; fewer when the keys "
                                 "have fewer distinct values")},
        .rules = {{
            .help = "keys are plain values; an absent key spec is a word",
            .check =
                [](const FieldSpec& field, const ReportProblem& report) {
                    if (!field.children.empty() && isNested(field.children[0].type)) {
                        report(field.keyLocation, "key",
                               "map keys are written as text: use a plain kind (string, int, "
                               "word...), not " +
                                   std::string(fieldTypeName(field.children[0].type)));
                    }
                },
            .afterRead =
                [](FieldSpec& field) {
                    if (!field.keyLocation.known()) {
                        if (field.children.empty()) {
                            field.children.resize(1);
                        }
                        field.children[0] = wordKey();
                    }
                    return std::string();
                },
        }},
        .storageOf = [](const FieldSpec&) { return ValueStorage::Map; },
    };
    return kind;
}

} // namespace streamgen
