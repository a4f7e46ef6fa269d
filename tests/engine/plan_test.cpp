#include "engine/preview.h"
#include "test_support.h"

#include <cmath>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace streamgen {
namespace {

using test::compileOrDie;
using test::fieldText;
using test::quickStartConfig;

std::vector<std::string> mixedStream(const Plan& plan, uint64_t count) {
    const TypeSelector selector = plan.typeSelector(plan.initialWeights());
    EventBatch batch;
    for (uint64_t k = 0; k < count; ++k) {
        plan.render(k, selector.pick(k), batch);
    }
    std::vector<std::string> payloads;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        payloads.emplace_back(batch.payload(i));
    }
    return payloads;
}

TEST(PlanDeterminism, SameSeedGivesByteIdenticalEvents) {
    const auto a = compileOrDie(quickStartConfig(42));
    const auto b = compileOrDie(quickStartConfig(42));
    EXPECT_EQ(mixedStream(*a, 5'000), mixedStream(*b, 5'000));
}

TEST(PlanDeterminism, DifferentSeedOrStreamGivesDifferentEvents) {
    const auto base = mixedStream(*compileOrDie(quickStartConfig(42)), 100);
    const auto otherSeed = mixedStream(*compileOrDie(quickStartConfig(43)), 100);
    const auto otherStream = mixedStream(*compileOrDie(quickStartConfig(42), 1), 100);
    int sameSeedMatches = 0;
    int sameStreamMatches = 0;
    for (std::size_t i = 0; i < base.size(); ++i) {
        sameSeedMatches += base[i] == otherSeed[i] ? 1 : 0;
        sameStreamMatches += base[i] == otherStream[i] ? 1 : 0;
    }
    EXPECT_EQ(sameSeedMatches, 0);
    EXPECT_EQ(sameStreamMatches, 0);
}

TEST(PlanDeterminism, AddingAFieldKeepsTheOtherFieldsValues) {
    Config config = quickStartConfig(42);
    const auto before = compileOrDie(config);
    config.eventTypes[0].fields.insert(config.eventTypes[0].fields.begin(),
                                       test::intField("extra", 0, 9));
    const auto after = compileOrDie(config);
    const auto a = test::renderRange(*before, 0, 0, 200);
    const auto b = test::renderRange(*after, 0, 0, 200);
    for (std::size_t i = 0; i < a.size(); ++i) {
        for (const char* name : {"user_id", "session_id", "device_type"}) {
            ASSERT_EQ(fieldText(a[i], name), fieldText(b[i], name)) << name;
        }
        ASSERT_FALSE(fieldText(b[i], "extra").empty());
    }
}

TEST(PlanRender, EventsAreJsonObjectsWithFieldsInConfigOrder) {
    const auto plan = compileOrDie(quickStartConfig());
    const std::vector<std::vector<std::string>> expectedKeys{
        {"event_type_id", "user_id", "session_id", "device_type"},
        {"event_type_id", "user_id", "transaction_id", "amount"},
        {"event_type_id", "user_id", "session_duration_sec"}};
    for (uint32_t type = 0; type < 3; ++type) {
        for (const auto& payload : test::renderRange(*plan, type, 0, 2'000)) {
            const auto parsed = nlohmann::ordered_json::parse(payload);
            std::vector<std::string> keys;
            for (const auto& item : parsed.items()) {
                keys.push_back(item.key());
            }
            ASSERT_EQ(keys, expectedKeys[type]);
            ASSERT_EQ(parsed["event_type_id"], plan->typeId(type));
        }
    }
}

TEST(PlanRender, BatchDataIsNewlineSeparatedPayloads) {
    const auto plan = compileOrDie(quickStartConfig());
    EventBatch batch;
    plan->render(0, 0, batch);
    plan->render(1, 2, batch);
    ASSERT_EQ(batch.size(), 2U);
    EXPECT_EQ(batch.data(),
              std::string(batch.payload(0)) + "\n" + std::string(batch.payload(1)) + "\n");
    EXPECT_EQ(batch.sequence(1), 1U);
    EXPECT_EQ(batch.typeIndex(1), 2U);
}

TEST(QuickStartStream, MillionEventsFollowSharesAndRanges) {
    const auto plan = compileOrDie(quickStartConfig(2024));
    const TypeSelector selector = plan->typeSelector(plan->initialWeights());
    const std::vector<double> shares{0.5, 0.3, 0.2};
    std::vector<double> typeCounts(3, 0.0);
    std::map<std::string, double> devices;
    EventBatch batch;
    const uint64_t n = 1'000'000;
    for (uint64_t k = 0; k < n; ++k) {
        batch.clear();
        const uint32_t type = selector.pick(k);
        plan->render(k, type, batch);
        typeCounts[type] += 1.0;
        const std::string_view payload = batch.payload(0);
        const long userId = std::stol(std::string(fieldText(payload, "user_id")));
        ASSERT_TRUE(userId >= 1 && userId <= 1'000'000) << payload;
        if (type == 0) {
            devices[std::string(fieldText(payload, "device_type"))] += 1.0;
        } else if (type == 1) {
            const double amount = std::stod(std::string(fieldText(payload, "amount")));
            ASSERT_TRUE(amount >= 0.99 && amount <= 999.99) << payload;
        } else {
            const long duration =
                std::stol(std::string(fieldText(payload, "session_duration_sec")));
            ASSERT_TRUE(duration >= 60 && duration <= 7200) << payload;
        }
    }
    for (std::size_t type = 0; type < 3; ++type) {
        EXPECT_NEAR(typeCounts[type], shares[type] * n, shares[type] * n * 0.01);
    }
    ASSERT_EQ(devices.size(), 3U);
    EXPECT_NEAR(devices["\"iOS\""] / typeCounts[0], 0.4, 0.4 * 0.02);
    EXPECT_NEAR(devices["\"Android\""] / typeCounts[0], 0.4, 0.4 * 0.02);
    EXPECT_NEAR(devices["\"Web\""] / typeCounts[0], 0.2, 0.2 * 0.02);
}

TEST(PlanCompile, UnknownSerializationFormatIsRefusedWhereItStands) {
    Config config = quickStartConfig();
    config.serializationFormat = "jsno";
    config.serializationFormatLocation = {12, 23};
    Diagnostics diagnostics;
    EXPECT_EQ(Plan::compile(config, diagnostics), nullptr);
    ASSERT_EQ(diagnostics.size(), 1U);
    EXPECT_EQ(diagnostics[0].location, (SourceLocation{12, 23}));
    EXPECT_EQ(diagnostics[0].path, "serialization_format");
    EXPECT_NE(diagnostics[0].message.find("did you mean `json`?"), std::string::npos);
    EXPECT_NE(diagnostics[0].message.find("json, csv, avro, protobuf"), std::string::npos);
}

TEST(PlanCompile, DisabledTypesStartWithZeroWeight) {
    Config config = quickStartConfig();
    config.eventTypes[1].enabled = false;
    const auto plan = compileOrDie(config);
    EXPECT_EQ(plan->initialWeights(), (std::vector<double>{0.5, 0.0, 0.2}));
    EXPECT_EQ(plan->typeCount(), 3U);
    EXPECT_EQ(plan->typeId(2), "user.session.end");
}

TEST(PlanKeyField, KeyIsTheRenderedValueWithoutQuotes) {
    Config config = quickStartConfig();
    config.sink.options.set("partition_key_field", "session_id");
    const auto plan = compileOrDie(config);
    EXPECT_EQ(plan->keyField(), "session_id");
    EventBatch batch;
    plan->render(5, 0, batch);
    plan->render(6, 2, batch);
    const std::string_view uuid = fieldText(batch.payload(0), "session_id");
    EXPECT_EQ(batch.key(0), uuid.substr(1, uuid.size() - 2));
    EXPECT_EQ(batch.key(1), "") << "session.end has no session_id";
}

TEST(PlanKeyField, CommonNumericKeyAndNullKey) {
    Config config = quickStartConfig();
    config.sink.options.set("partition_key_field", "user_id");
    config.commonFields[0].nullRatio = 0.5;
    const auto plan = compileOrDie(config);
    EventBatch batch;
    int nulls = 0;
    for (uint64_t k = 0; k < 200; ++k) {
        plan->render(k, 1, batch);
        const std::string_view value = fieldText(batch.payload(k), "user_id");
        if (value == "null") {
            ++nulls;
            EXPECT_EQ(batch.key(k), "");
        } else {
            EXPECT_EQ(batch.key(k), value);
        }
    }
    EXPECT_GT(nulls, 50);
}

TEST(PlanKeyField, NoOptionMeansEmptyKeys) {
    const auto plan = compileOrDie(quickStartConfig());
    EventBatch batch;
    plan->render(0, 0, batch);
    EXPECT_EQ(plan->keyField(), "");
    EXPECT_EQ(batch.key(0), "");
}

TEST(Preview, MixedPreviewIsTheStartOfTheStream) {
    const auto plan = compileOrDie(quickStartConfig(9));
    EXPECT_EQ(previewEvents(*plan, 50), mixedStream(*plan, 50));
}

TEST(Preview, TypePreviewShowsThatTypesEventsOfTheSameStream) {
    const auto plan = compileOrDie(quickStartConfig(9));
    const auto mixed = mixedStream(*plan, 200);
    std::vector<std::string> expected;
    for (const auto& payload : mixed) {
        if (fieldText(payload, "event_type_id") == "\"user.purchase\"" && expected.size() < 10) {
            expected.push_back(payload);
        }
    }
    EXPECT_EQ(previewEvents(*plan, 10, 1), expected);
}

TEST(Preview, ZeroShareTypeIsStillPreviewed) {
    Config config = quickStartConfig(9);
    config.eventTypes[2].weight = 0.0;
    const auto plan = compileOrDie(config);
    const auto events = previewEvents(*plan, 5, 2);
    EXPECT_EQ(events, test::renderRange(*plan, 2, 0, 5));
}

} // namespace
} // namespace streamgen
