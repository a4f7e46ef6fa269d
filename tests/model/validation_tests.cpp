#include "model/validator.h"
#include "test_support.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace streamgen {
namespace {

using test::findError;
using test::render;

FieldSpec makeField(std::string name, FieldType type) {
    FieldSpec field;
    field.name = std::move(name);
    field.type = type;
    return field;
}

/// A valid in-memory config (no source locations), as the Studio would build it.
Config validConfig() {
    Config config;
    EventType click;
    click.id = "click";
    click.weight = 3;
    FieldSpec device = makeField("device", FieldType::String);
    device.values = {"ios", "web"};
    device.weights = {2, 1};
    click.fields.push_back(device);
    EventType view;
    view.id = "view";
    view.weight = 1;
    config.eventTypes = {click, view};
    config.commonFields.push_back(makeField("user_id", FieldType::Int));
    return config;
}

TEST(ValidatorTest, ValidInMemoryConfigHasNoDiagnostics) {
    EXPECT_TRUE(validateConfig(validConfig()).empty());
}

TEST(ValidatorTest, ProblemsWithoutLocationsKeepTheirPath) {
    Config config = validConfig();
    config.eventTypes[0].fields[0].weights = {1};
    const Diagnostics diagnostics = validateConfig(config);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].path, "event_types[0].fields.device.weights");
    EXPECT_FALSE(diagnostics[0].location.known());
    EXPECT_EQ(diagnostics[0].format("studio"),
              "studio: error: `weights` has 1 entries but `values` has 2; expected one weight "
              "per value");
}

TEST(ValidatorTest, LocationMembersArePreferredOverTheFieldLocation) {
    Config config = validConfig();
    FieldSpec& f = config.commonFields[0];
    f.intMin = 9;
    f.intMax = 1;
    f.location = {3, 3};
    const Diagnostics withoutRange = validateConfig(config);
    ASSERT_EQ(withoutRange.size(), 1u);
    EXPECT_EQ(withoutRange[0].location, (SourceLocation{3, 3}));
    f.rangeLocation = {4, 12};
    EXPECT_EQ(validateConfig(config).at(0).location, (SourceLocation{4, 12}));
}

TEST(ValidatorTest, EventTypeWeightsMustBeFiniteAndNotAllZero) {
    for (double bad : {-1.0, std::numeric_limits<double>::infinity(),
                       std::numeric_limits<double>::quiet_NaN()}) {
        Config config = validConfig();
        config.eventTypes[1].weight = bad;
        EXPECT_NE(findError(validateConfig(config), "weight must be a finite number >= 0"), nullptr)
            << bad;
    }
    Config zero = validConfig();
    zero.eventTypes[0].weight = 0;
    zero.eventTypes[1].weight = 0;
    EXPECT_NE(findError(validateConfig(zero), "weights of all enabled event types are 0"), nullptr);
}

TEST(ValidatorTest, ZeroWeightIsFineWhenAnotherEnabledTypeIsPositive) {
    Config config = validConfig();
    config.eventTypes[0].weight = 0;
    EXPECT_TRUE(validateConfig(config).empty());
    config.eventTypes[1].enabled = false;
    EXPECT_NE(findError(validateConfig(config), "weights of all enabled"), nullptr);
}

TEST(ValidatorTest, FractionsThatDoNotSumToOneAreAccepted) {
    Config config = validConfig();
    config.eventTypes[0].weight = 0.4;
    config.eventTypes[1].weight = 0.1;
    EXPECT_TRUE(validateConfig(config).empty());
    EXPECT_DOUBLE_EQ(config.shareOf(0), 0.8);
}

TEST(ValidatorTest, EventTypeIdsMustBePresentAndUnique) {
    Config config = validConfig();
    config.eventTypes[1].id = "click";
    EXPECT_NE(findError(validateConfig(config), "duplicate event_type_id `click`"), nullptr);
    config.eventTypes[1].id.clear();
    EXPECT_NE(findError(validateConfig(config), "needs an `event_type_id`"), nullptr);
    config.eventTypes.clear();
    EXPECT_NE(findError(validateConfig(config), "no event types"), nullptr);
}

TEST(ValidatorTest, FieldsMayNotRepeatACommonFieldOrEachOther) {
    Config config = validConfig();
    config.eventTypes[1].fields.push_back(makeField("user_id", FieldType::Uuid));
    EXPECT_NE(findError(validateConfig(config), "already a common field"), nullptr);
    Config twice = validConfig();
    twice.eventTypes[1].fields = {makeField("id", FieldType::Uuid),
                                  makeField("id", FieldType::Uuid)};
    EXPECT_NE(findError(validateConfig(twice), "duplicate field `id`"), nullptr);
}

TEST(ValidatorTest, FieldOptionsAreRangeChecked) {
    struct Case {
        const char* expected;
        void (*mutate)(FieldSpec&);
    };
    const Case cases[] = {
        {"inverted range",
         [](FieldSpec& f) {
             f.type = FieldType::Double;
             f.floatMin = 2;
             f.floatMax = 1;
         }},
        {"range bounds must be finite",
         [](FieldSpec& f) {
             f.type = FieldType::Float;
             f.floatMax = INFINITY;
         }},
        {"precision must be between 0 and 15",
         [](FieldSpec& f) {
             f.type = FieldType::Float;
             f.precision = 16;
         }},
        {"true_ratio must be between 0 and 1",
         [](FieldSpec& f) {
             f.type = FieldType::Boolean;
             f.trueRatio = -0.5;
         }},
        {"null_ratio must be between 0 and 1",
         [](FieldSpec& f) {
             f.type = FieldType::Uuid;
             f.nullRatio = NAN;
         }},
        {"string field needs `values`", [](FieldSpec& f) { f.type = FieldType::String; }},
        {"all `weights` are 0",
         [](FieldSpec& f) {
             f.type = FieldType::String;
             f.values = {"a"};
             f.weights = {0};
         }},
        {"interval_ms must be > 0",
         [](FieldSpec& f) {
             f.type = FieldType::Timestamp;
             f.timestampMode = TimestampMode::Sequence;
             f.intervalMs = -5;
         }},
        {"is before `begin`",
         [](FieldSpec& f) {
             f.type = FieldType::Timestamp;
             f.timestampMode = TimestampMode::Random;
             f.beginMs = 10;
             f.endMs = 5;
         }},
        {"inverted range: 1970-01-03 is after 1970-01-02",
         [](FieldSpec& f) {
             f.type = FieldType::Date;
             f.dateRange = {{2, 1}};
         }},
        {"field name is empty",
         [](FieldSpec& f) {
             f.type = FieldType::Uuid;
             f.name.clear();
         }},
    };
    for (const auto& c : cases) {
        Config config = validConfig();
        FieldSpec field = makeField("f", FieldType::Int);
        c.mutate(field);
        config.eventTypes[1].fields.push_back(field);
        EXPECT_NE(findError(validateConfig(config), c.expected), nullptr)
            << c.expected << "\n"
            << render(validateConfig(config));
    }
}

TEST(ValidatorTest, RunSettingsAreChecked) {
    Config config = validConfig();
    config.totalRowsPerSecond = -1;
    config.batchTotalRows = -1;
    config.batchPartitions = 0;
    config.sink.type.clear();
    const Diagnostics d = validateConfig(config);
    EXPECT_EQ(d.size(), 4u) << render(d);
}

TEST(ValidatorTest, SerializationFormatIsLeftToThePreflight) {
    // The format list lives in engine/; sinks/preflight checks the format against it.
    Config config = validConfig();
    config.serializationFormat = "jsno";
    EXPECT_TRUE(validateConfig(config).empty());
}

TEST(NearestNameTest, SuggestsCloseNamesOnly) {
    EXPECT_EQ(nearestName("strng", fieldTypeNames()), "string");
    EXPECT_EQ(nearestName("flaot", fieldTypeNames()), "float");
    EXPECT_EQ(nearestName("Timestamp", fieldTypeNames()), "timestamp");
    EXPECT_EQ(nearestName("xyz", fieldTypeNames()), "");
    EXPECT_EQ(nearestName("", fieldTypeNames()), "");
    EXPECT_EQ(nearestName(std::string(10000, 'a'), fieldTypeNames()), "");
}

} // namespace
} // namespace streamgen
