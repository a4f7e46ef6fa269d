// The field kinds' declarations against the reader, the writer and the encoders' storage.
#include "model/kinds/field_kinds.h"
#include "test_support.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <limits>
#include <set>

namespace streamgen {
namespace {

using test::render;

constexpr int64_t kSampleMs = 1'714'521'600'123; // 2024-05-01T00:00:00.123Z

/// A valid value other than the default for `option`; `index` makes timestamps ascend in
/// declaration order (`end` after `begin`).
OptionValue sampleValue(const FieldKind& kind, const FieldOption& option, std::size_t index) {
    switch (option.type) {
    case FieldOptionType::IntegerRange:
        return option.bounds ? IntegerRange{static_cast<int64_t>(option.bounds->min) + 1,
                                            static_cast<int64_t>(option.bounds->max) - 1}
                             : IntegerRange{-5, 3'000'000'000};
    case FieldOptionType::NumberRange:
        return NumberRange{-1.5, 2.25};
    case FieldOptionType::DateRange:
        return DateRange{19'000, 19'100};
    case FieldOptionType::Integer:
        return option.bounds ? static_cast<int64_t>(option.bounds->max) - 1 : int64_t{250};
    case FieldOptionType::Number:
        return 2.0; // whole, as some kinds require (an int's `step`)
    case FieldOptionType::Ratio:
        return 0.125;
    case FieldOptionType::StringList:
        return std::vector<std::string>{"x", "y y", "42"};
    case FieldOptionType::NumberList: {
        const FieldOption* list = kind.option(option.pairedWith);
        return std::vector<double>(list ? 3 : 2, 0.5);
    }
    case FieldOptionType::Choice:
        return std::string(option.choices.back().name);
    case FieldOptionType::Timestamp:
        return kSampleMs + static_cast<int64_t>(index) * 86'400'000;
    case FieldOptionType::Text:
        return std::string(*option.defaultText != '\0' ? option.defaultText : "text");
    case FieldOptionType::Duration:
        return int64_t{1500};
    case FieldOptionType::Flag:
        return !std::get<bool>(option.get(FieldSpec{}));
    case FieldOptionType::Fields:
    case FieldOptionType::Element: {
        FieldSpec child;
        child.name = option.type == FieldOptionType::Element ? option.name : "child";
        child.type = FieldType::Int;
        child.intMin = 1;
        child.intMax = 9;
        return std::vector<FieldSpec>{child};
    }
    }
    return {};
}

/// A field of `kind` in which `target` applies (trying every choice of its Choice options and
/// setting a Text option that enables it),
/// with every option that applies set to its sample value.
FieldSpec sampleField(const FieldKind& kind, const FieldOption& target) {
    FieldSpec field;
    field.name = "f";
    field.type = kind.type;
    for (std::size_t i = 0; i < kind.options.size(); ++i) {
        const FieldOption& option = kind.options[i];
        if (target.applies(field) || &option == &target) {
            continue;
        }
        if (option.type == FieldOptionType::Choice) {
            for (const OptionChoice& choice : option.choices) {
                option.set(field, std::string(choice.name));
                if (target.applies(field)) {
                    break;
                }
            }
        } else if (option.type == FieldOptionType::Text) {
            // A text that enables the target (a template for escape_special_chars) is kept.
            option.set(field, sampleValue(kind, option, i));
            if (!target.applies(field)) {
                option.set(field, OptionValue());
            }
        }
    }
    for (std::size_t i = 0; i < kind.options.size(); ++i) {
        const FieldOption& option = kind.options[i];
        // A choice other than the target keeps the value that lets the target apply; flags
        // and texts (a template replaces `values`, an `expr` every other option) other than
        // the target keep their defaults, which never conflict.
        const bool keepsDefault = option.type == FieldOptionType::Choice ||
                                  option.type == FieldOptionType::Flag ||
                                  option.type == FieldOptionType::Text;
        const bool enabling = option.type == FieldOptionType::Text &&
                              !std::holds_alternative<std::monostate>(option.get(field));
        if (option.applies(field) && !enabling && (!keepsDefault || &option == &target)) {
            option.set(field, sampleValue(kind, option, i));
        }
    }
    nullRatioOption().set(field, 0.125);
    return field;
}

Config configWith(const FieldSpec& field) {
    EventType type;
    type.id = "e";
    type.fields = {field};
    Config config;
    config.eventTypes = {type};
    return config;
}

std::vector<const FieldOption*> optionsOf(const FieldKind& kind) {
    std::vector<const FieldOption*> options;
    for (const FieldOption& option : kind.options) {
        options.push_back(&option);
    }
    options.push_back(&nullRatioOption());
    return options;
}

TEST(FieldKindsTest, EveryFieldTypeHasOneKindUnderItsName) {
    std::set<FieldType> seen;
    for (const FieldKind* kind : fieldKinds()) {
        EXPECT_TRUE(seen.insert(kind->type).second) << kind->name;
        EXPECT_EQ(&fieldKind(kind->type), kind);
        EXPECT_STREQ(fieldTypeName(kind->type), kind->name);
        EXPECT_EQ(parseFieldType(kind->name), kind->type);
        for (const char* alias : kind->aliases) {
            EXPECT_EQ(parseFieldType(alias), kind->type) << alias;
        }
        EXPECT_NE(kind->storageOf, nullptr) << kind->name;
    }
    // The types are numbered from 0 without gaps, so every FieldType has its kind.
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(*seen.rbegin()) + 1);
    EXPECT_EQ(parseFieldType("email_address"), FieldType::Email);
    EXPECT_EQ(parseFieldType("integer"), FieldType::Int);
    EXPECT_EQ(parseFieldType("bigint"), FieldType::Long);
    EXPECT_EQ(parseFieldType("str"), FieldType::String);
    EXPECT_EQ(parseFieldType("bool"), FieldType::Boolean);
    EXPECT_EQ(parseFieldType("datetime"), FieldType::Timestamp);
}

TEST(FieldKindsTest, EveryOptionIsBoundToAMemberOfItsValueType) {
    for (const FieldKind* kind : fieldKinds()) {
        for (const FieldOption* option : optionsOf(*kind)) {
            const FieldSpec field = sampleField(*kind, *option);
            const OptionValue sample = sampleValue(*kind, *option, 0);
            FieldSpec changed = field;
            option->set(changed, sample);
            EXPECT_EQ(option->get(changed), sample) << kind->name << "." << option->name;
            EXPECT_NE(option->location, nullptr) << kind->name << "." << option->name;
            EXPECT_STRNE(option->help, "") << kind->name << "." << option->name;
        }
    }
}

TEST(FieldKindsTest, EveryOptionRoundTripsThroughWriterAndReader) {
    for (const FieldKind* kind : fieldKinds()) {
        for (const FieldOption* option : optionsOf(*kind)) {
            const FieldSpec field = sampleField(*kind, *option);
            ASSERT_TRUE(option->applies(field)) << kind->name << "." << option->name;
            const std::string text = saveConfigString(configWith(field));
            EXPECT_NE(text.find(std::string(option->name) + ":"), std::string::npos)
                << kind->name << "." << option->name << "\n"
                << text;
            const LoadResult loaded = loadConfigString(text);
            ASSERT_TRUE(loaded.diagnostics.empty()) << render(loaded.diagnostics) << text;
            const FieldSpec& back = loaded.config.eventTypes.at(0).fields.at(0);
            EXPECT_EQ(back, field) << text;
            for (const FieldOption* each : optionsOf(*kind)) {
                if (each->applies(field)) {
                    EXPECT_EQ(each->get(back), each->get(field))
                        << kind->name << "." << each->name << "\n"
                        << text;
                }
            }
            EXPECT_TRUE((back.*option->location).known()) << kind->name << "." << option->name;
        }
    }
}

TEST(FieldKindsTest, ReaderAcceptsExactlyTheKindsOptions) {
    std::set<std::string> everyKey{"bogus_option"};
    for (const FieldKind* kind : fieldKinds()) {
        for (const FieldOption* option : optionsOf(*kind)) {
            everyKey.insert(option->name);
        }
    }
    for (const FieldKind* kind : fieldKinds()) {
        for (const std::string& key : everyKey) {
            const LoadResult loaded = loadConfigString(
                "event_types:\n  - event_type_id: e\n    fields:\n      f: {type: " +
                std::string(kind->name) + ", " + key + ": 1}\n");
            const std::string ignored =
                "`" + key + "` does not apply to " + kind->name + " fields and is ignored";
            const auto warned = std::find_if(
                loaded.diagnostics.begin(), loaded.diagnostics.end(),
                [&](const Diagnostic& d) { return !d.isError() && d.message == ignored; });
            const bool otherKind = key != "bogus_option" && kind->option(key) == nullptr;
            EXPECT_EQ(warned != loaded.diagnostics.end(), otherKind)
                << kind->name << " " << key << "\n"
                << render(loaded.diagnostics);
            if (otherKind) {
                EXPECT_EQ(warned->path, "event_types[0].fields.f." + key);
                EXPECT_EQ(warned->location.line, 4);
            }
        }
    }
}

TEST(FieldKindsTest, IntStorageFollowsTheRange) {
    constexpr int64_t kMin32 = std::numeric_limits<int32_t>::min();
    constexpr int64_t kMax32 = std::numeric_limits<int32_t>::max();
    const FieldKind& kind = fieldKind(FieldType::Int);
    const auto storage = [&](int64_t min, int64_t max) {
        FieldSpec field;
        field.type = FieldType::Int;
        field.intMin = min;
        field.intMax = max;
        return kind.storage(field);
    };
    EXPECT_EQ(storage(1, 1'000'000), ValueStorage::Int32);
    EXPECT_EQ(storage(kMin32, kMax32), ValueStorage::Int32);
    EXPECT_EQ(storage(kMin32 - 1, 0), ValueStorage::Int64);
    EXPECT_EQ(storage(0, kMax32 + 1), ValueStorage::Int64);
    EXPECT_EQ(storage(kMax32 + 1, 0), ValueStorage::Int64); // inverted, still too wide
    EXPECT_EQ(storage(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()),
              ValueStorage::Int64);
}

TEST(FieldKindsTest, OtherKindsStoreByTheirType) {
    const auto storageOf = [](FieldType type) {
        FieldSpec field;
        field.type = type;
        return fieldKind(type).storage(field);
    };
    EXPECT_EQ(storageOf(FieldType::Long), ValueStorage::Int64);
    EXPECT_EQ(storageOf(FieldType::Float), ValueStorage::Float32);
    EXPECT_EQ(storageOf(FieldType::Double), ValueStorage::Float64);
    EXPECT_EQ(storageOf(FieldType::String), ValueStorage::String);
    EXPECT_EQ(storageOf(FieldType::Uuid), ValueStorage::Uuid);
    EXPECT_EQ(storageOf(FieldType::Boolean), ValueStorage::Boolean);
    EXPECT_EQ(storageOf(FieldType::Timestamp), ValueStorage::Timestamp);
    EXPECT_EQ(storageOf(FieldType::Date), ValueStorage::Date);
}

TEST(FieldKindsTest, AChoiceOutsideTheDeclarationIsNamedWithItsChoices) {
    const LoadResult loaded = loadConfigString("event_types:\n  - event_type_id: e\n    fields:\n"
                                               "      t: {type: timestamp, mode: sequense}\n");
    const Diagnostic* error = test::findError(loaded.diagnostics, "unknown timestamp mode");
    ASSERT_NE(error, nullptr) << render(loaded.diagnostics);
    EXPECT_EQ(error->message, "unknown timestamp mode `sequense`; expected now, sequence or random "
                              "(did you mean `sequence`?)");
    EXPECT_EQ(error->path, "event_types[0].fields.t.mode");
}

} // namespace
} // namespace streamgen
