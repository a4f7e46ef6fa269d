#include "engine/plan.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <string>

namespace streamgen {
namespace {

FieldSpec field(std::string name, FieldType type, double nullRatio = 0.0) {
    FieldSpec spec;
    spec.name = std::move(name);
    spec.type = type;
    spec.nullRatio = nullRatio;
    return spec;
}

/// Every field type and option whose value does not depend on the wall clock.
Config everyKindConfig() {
    FieldSpec user = field("user_id", FieldType::Int);
    user.intMin = 1;
    user.intMax = 1000000;
    FieldSpec big = field("big", FieldType::Long, 0.1);
    big.intMin = INT64_MIN;
    big.intMax = INT64_MAX;
    FieldSpec ratio = field("ratio", FieldType::Float);
    ratio.floatMin = -1.5;
    ratio.floatMax = 1e6;
    FieldSpec price = field("price", FieldType::Float);
    price.floatMin = 0.99;
    price.floatMax = 999.99;
    price.precision = 2;
    FieldSpec measure = field("measure", FieldType::Double, 0.25);
    measure.floatMin = -1e300;
    measure.floatMax = 1e300;
    FieldSpec exact = field("exact", FieldType::Double);
    exact.floatMin = 0;
    exact.floatMax = 1;
    exact.precision = 5;
    FieldSpec label = field("label", FieldType::String);
    label.values = {"plain", "with \"quotes\"", "line\nbreak", "tab\tand\\slash", "ünï", "\x01"};
    label.weights = {5, 1, 1, 1, 1, 1};
    FieldSpec device = field("device", FieldType::String, 0.5);
    device.values = {"iOS", "Android", "Web"};
    FieldSpec flag = field("flag", FieldType::Boolean);
    flag.trueRatio = 0.3;
    FieldSpec at = field("at", FieldType::Timestamp);
    at.timestampMode = TimestampMode::Sequence;
    at.beginMs = 1704067200000;
    at.intervalMs = 250;
    FieldSpec when = field("when", FieldType::Timestamp, 0.05);
    when.timestampMode = TimestampMode::Random;
    when.beginMs = -86400000LL * 365;
    when.endMs = 4102444800000;
    FieldSpec day = field("day", FieldType::Date);
    day.dateRange = std::make_pair(19723, 20088);

    Config config;
    config.seed = 20261202;
    config.commonFields = {user, at};
    EventType a;
    a.id = "order.created";
    a.weight = 5;
    a.fields = {field("order_id", FieldType::Uuid), price, label, flag, day};
    EventType b;
    b.id = "sensor \"reading\"";
    b.weight = 3;
    b.fields = {ratio, measure, exact, big};
    EventType c;
    c.id = "session.end";
    c.weight = 2;
    c.fields = {device, when};
    config.eventTypes = {a, b, c};
    return config;
}

/// FNV-1a over every payload and its newline.
uint64_t digestOfRun(const Plan& plan, uint64_t count) {
    const TypeSelector selector = plan.typeSelector(plan.initialWeights());
    EventBatch batch;
    uint64_t digest = 0xCBF29CE484222325ULL;
    for (uint64_t k = 0; k < count; ++k) {
        batch.clear();
        plan.render(k, selector.pick(k), batch);
        for (const char c : batch.data()) {
            digest = (digest ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
        }
    }
    return digest;
}

// The digest was taken from the engine before values and encoding were separated: JSON output
// must stay byte-identical for the same config and seed, or every user's reproducible
// stream changes.
TEST(JsonOutput, IsByteIdenticalToTheReferenceRun) {
    std::string error;
    const auto plan = Plan::compile(everyKindConfig(), &error);
    ASSERT_NE(plan, nullptr) << error;
    EXPECT_EQ(digestOfRun(*plan, 200'000), 0xA6BF55217A475C25ULL);
}

} // namespace
} // namespace streamgen
