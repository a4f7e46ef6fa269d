#include "model/config_io.h"
#include "model/kinds/field_kinds.h"
#include "model/validator.h"
#include "test_support.h"

#include <gtest/gtest.h>

namespace streamgen {
namespace {

using test::findError;
using test::render;

const char* kNested = R"(event_types:
  - event_type_id: order
    fields:
      customer:
        type: struct
        fields:
          name: {type: full_name}
          address:
            type: struct
            null_ratio: 0.2
            fields:
              city: city
              zip: {type: zip}
      lines:
        type: array
        length: [1, 4]
        items:
          type: struct
          fields:
            qty: {type: int, range: [1, 5]}
      tags: {type: array, items: word, size: 3}
      attributes:
        type: map
        value: {type: int, range: [0, 9]}
)";

const FieldSpec& field(const Config& config, const std::string& name) {
    for (const FieldSpec& f : config.eventTypes.at(0).fields) {
        if (f.name == name) {
            return f;
        }
    }
    throw std::runtime_error("no field " + name);
}

TEST(NestedFields, StructsHoldTheirFieldsInOrderAtAnyDepth) {
    const LoadResult result = loadConfigString(kNested);
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    const FieldSpec& customer = field(result.config, "customer");
    EXPECT_EQ(customer.type, FieldType::Struct);
    ASSERT_EQ(customer.children.size(), 2U);
    EXPECT_EQ(customer.children[0].name, "name");
    EXPECT_EQ(customer.children[0].type, FieldType::FullName);
    const FieldSpec& address = customer.children[1];
    EXPECT_EQ(address.type, FieldType::Struct);
    EXPECT_DOUBLE_EQ(address.nullRatio, 0.2);
    ASSERT_EQ(address.children.size(), 2U);
    EXPECT_EQ(address.children[0].type, FieldType::City) << "a type name alone is a spec";
    EXPECT_EQ(address.children[1].location.line, 13);
}

TEST(NestedFields, ArraysTakeItemsAndALengthRangeOrOneLength) {
    const LoadResult result = loadConfigString(kNested);
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    const FieldSpec& lines = field(result.config, "lines");
    EXPECT_EQ(lines.type, FieldType::Array);
    EXPECT_EQ(lines.lengthMin, 1);
    EXPECT_EQ(lines.lengthMax, 4);
    ASSERT_EQ(lines.children.size(), 1U);
    EXPECT_EQ(lines.children[0].name, "items");
    EXPECT_EQ(lines.children[0].type, FieldType::Struct);
    const FieldSpec& tags = field(result.config, "tags");
    EXPECT_EQ(tags.children.at(0).type, FieldType::Word);
    EXPECT_EQ(tags.lengthMin, 3);
    EXPECT_EQ(tags.lengthMax, 3);
}

TEST(NestedFields, MapKeysAreWordsUnlessGiven) {
    const LoadResult result = loadConfigString(kNested);
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    const FieldSpec& attributes = field(result.config, "attributes");
    ASSERT_EQ(attributes.children.size(), 2U);
    EXPECT_EQ(attributes.children[0].type, FieldType::Word);
    EXPECT_EQ(attributes.children[1].type, FieldType::Int);
    EXPECT_EQ(attributes.children[1].intMax, 9);
}

TEST(NestedFields, SavedConfigsReadBackEqual) {
    const LoadResult first = loadConfigString(kNested);
    ASSERT_TRUE(first.ok()) << render(first.diagnostics);
    const std::string saved = saveConfigString(first.config);
    const LoadResult second = loadConfigString(saved);
    ASSERT_TRUE(second.ok()) << render(second.diagnostics) << saved;
    EXPECT_TRUE(first.config == second.config) << saved;
    EXPECT_EQ(saveConfigString(second.config), saved);
}

TEST(NestedFields, ChangedChildrenMakeConfigsDiffer) {
    const LoadResult first = loadConfigString(kNested);
    Config changed = first.config;
    changed.eventTypes[0].fields[0].children[1].children[1].type = FieldType::City;
    EXPECT_FALSE(first.config == changed);
}

TEST(NestedFields, DbldatagenStructTypeArrayGathersTheColumnsIntoOneArray) {
    const LoadResult result = loadConfigString(R"(event_types:
  - event_type_id: a
    fields:
      features: {type: double, numColumns: 8, structType: array, range: [0, 1], percentNulls: 0.1}
)");
    ASSERT_TRUE(result.ok()) << render(result.diagnostics);
    ASSERT_EQ(result.config.eventTypes[0].fields.size(), 1U);
    const FieldSpec& features = result.config.eventTypes[0].fields[0];
    EXPECT_EQ(features.type, FieldType::Array);
    EXPECT_EQ(features.lengthMin, 8);
    EXPECT_EQ(features.lengthMax, 8);
    EXPECT_DOUBLE_EQ(features.nullRatio, 0.1) << "the column's nulls are the array's";
    EXPECT_EQ(features.children.at(0).type, FieldType::Double);
    EXPECT_DOUBLE_EQ(features.children[0].nullRatio, 0.0);
}

TEST(NestedFields, ProblemsInsideNestedSpecsAreLocatedWithTheirPath) {
    const LoadResult result = loadConfigString(R"(event_types:
  - event_type_id: a
    fields:
      s:
        type: struct
        fields:
          inner:
            type: array
            items: {type: int, range: [5, 1]}
)");
    const Diagnostic* inverted = findError(result.diagnostics, "inverted range");
    ASSERT_NE(inverted, nullptr) << render(result.diagnostics);
    EXPECT_EQ(inverted->location.line, 9);
    EXPECT_EQ(inverted->location.column, 39);
    EXPECT_EQ(inverted->path, "event_types[0].fields.s.fields.inner.items.range");
}

TEST(NestedFields, DuplicateNamesInsideAStructAreErrors) {
    Config config;
    EventType type;
    type.id = "a";
    FieldSpec s;
    s.name = "s";
    s.type = FieldType::Struct;
    FieldSpec x;
    x.name = "x";
    x.type = FieldType::Int;
    s.children = {x, x};
    type.fields.push_back(s);
    config.eventTypes.push_back(type);
    const Diagnostics diagnostics = validateConfig(config);
    const Diagnostic* duplicate = findError(diagnostics, "duplicate field `x`");
    ASSERT_NE(duplicate, nullptr) << render(diagnostics);
    EXPECT_EQ(duplicate->path, "event_types[0].fields.s.fields.x");
}

TEST(NestedFields, AStructWithoutFieldsAndAnArrayWithoutItemsAreErrors) {
    const LoadResult result = loadConfigString(R"(event_types:
  - event_type_id: a
    fields:
      s: {type: struct}
      xs: {type: array}
      m: {type: map, key: int}
)");
    EXPECT_NE(findError(result.diagnostics, "struct field needs `fields`"), nullptr)
        << render(result.diagnostics);
    EXPECT_NE(findError(result.diagnostics, "array field needs `items`"), nullptr);
    EXPECT_NE(findError(result.diagnostics, "map field needs `value`"), nullptr);
}

TEST(NestedFields, SpecsEditedAsYamlReadBackEqualAndLocateTheirProblems) {
    const LoadResult loaded = loadConfigString(kNested);
    const FieldSpec& customer = field(loaded.config, "customer");
    const std::string fields = saveFieldSpecsString(customer.children, false);
    const FieldSpecsResult again = loadFieldSpecsString(fields, false);
    ASSERT_TRUE(again.ok()) << render(again.diagnostics) << fields;
    EXPECT_TRUE(again.specs == customer.children) << fields;

    const FieldSpecsResult item = loadFieldSpecsString("city", true, "value");
    ASSERT_TRUE(item.ok()) << render(item.diagnostics);
    EXPECT_EQ(item.specs.at(0).name, "value");
    EXPECT_EQ(item.specs.at(0).type, FieldType::City);

    const FieldSpecsResult bad =
        loadFieldSpecsString("a: int\nb: {type: int, range: [3, 1]}\n", false);
    const Diagnostic* inverted = findError(bad.diagnostics, "inverted range");
    ASSERT_NE(inverted, nullptr) << render(bad.diagnostics);
    EXPECT_EQ(inverted->location.line, 2);
    EXPECT_EQ(inverted->location.column, 23);
    EXPECT_FALSE(loadFieldSpecsString("[unclosed", false).ok());
}

TEST(NestedFields, NestedKindsTakeNoExpressions) {
    EXPECT_EQ(fieldKind(FieldType::Struct).option("expr"), nullptr);
    EXPECT_EQ(fieldKind(FieldType::Array).option("base_column"), nullptr);
    EXPECT_NE(fieldKind(FieldType::Map).option("null_ratio"), nullptr);
}

} // namespace
} // namespace streamgen
