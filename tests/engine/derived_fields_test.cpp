#include "engine/event_batch.h"
#include "model/config_io.h"
#include "test_support.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace streamgen;
using namespace streamgen::test;

namespace {

constexpr uint64_t kEvents = 100'000;

Config example(const std::string& name) {
    const LoadResult loaded =
        loadConfigFile(std::string(STREAMGEN_SOURCE_DIR) + "/resources/examples/" + name);
    EXPECT_TRUE(loaded.ok());
    return loaded.config;
}

/// Each event's values by field name, in the order of Plan::fieldNames.
struct Events {
    std::vector<std::string> names;
    std::vector<std::vector<Value>> rows;

    std::size_t column(const std::string& name) const {
        const auto it = std::find(names.begin(), names.end(), name);
        EXPECT_NE(it, names.end()) << name;
        return static_cast<std::size_t>(it - names.begin());
    }
};

Events valuesOf(const Plan& plan, uint64_t count) {
    Events events{plan.fieldNames(0), {}};
    for (uint64_t k = 0; k < count; ++k) {
        events.rows.push_back(plan.values(k, 0));
    }
    return events;
}

/// Whether `share` of `n` trials is within 4 standard deviations of `p`.
bool nearShare(double share, double p, uint64_t n) {
    return std::abs(share - p) < 4.0 * std::sqrt(p * (1.0 - p) / static_cast<double>(n));
}

FieldSpec derived(std::string name, FieldType type, std::string expr) {
    FieldSpec field = simpleField(std::move(name), type);
    field.expr = std::move(expr);
    return field;
}

} // namespace

TEST(DerivedFields, ComputeFromTheFieldsTheyReadWhateverTheirOrder) {
    FieldSpec twice = derived("twice", FieldType::Long, "n * 2 + 1");
    FieldSpec hidden = intField("n", 1, 1000);
    hidden.omit = true;
    const auto plan = compileOrDie(singleTypeConfig({twice, hidden}));
    EXPECT_EQ(plan->fieldNames(0), (std::vector<std::string>{"twice"}));
    FieldSpec visible = intField("n", 1, 1000);
    const auto reference = compileOrDie(singleTypeConfig({visible}));
    for (uint64_t k = 0; k < 1000; ++k) {
        // The omitted field draws exactly what it would draw if it were written.
        EXPECT_EQ(plan->values(k, 0)[0].integer, reference->values(k, 0)[0].integer * 2 + 1);
    }
}

TEST(DerivedFields, OmittedFieldsAreNotWrittenInAnyFormat) {
    FieldSpec hidden = intField("secret", 1, 9);
    hidden.omit = true;
    Config config = singleTypeConfig({hidden, derived("shown", FieldType::Long, "secret * 10")});
    for (const char* format : {"csv", "avro", "protobuf"}) {
        config.serializationFormat = format;
        const auto plan = compileOrDie(config);
        EXPECT_EQ(plan->schema().find("secret"), std::string::npos) << format;
        EXPECT_NE(plan->schema().find("shown"), std::string::npos) << format;
    }
    config.serializationFormat = "json";
    EventBatch batch;
    compileOrDie(config)->render(0, 0, batch);
    EXPECT_EQ(batch.payload(0).find("secret"), std::string::npos) << batch.payload(0);
    EXPECT_NE(batch.payload(0).find("\"shown\":"), std::string::npos) << batch.payload(0);
}

TEST(DerivedFields, ResultsAreTheSameForTheSameEventWhateverRendersIt) {
    const auto plan = compileOrDie(example("iot-anomalies.yaml"));
    EventBatch first;
    EventBatch second;
    for (uint64_t k = 0; k < 200; ++k) {
        plan->render(k, 0, first);
    }
    for (uint64_t k = 200; k-- > 0;) {
        plan->render(k, 0, second);
    }
    for (uint64_t i = 0; i < 200; ++i) {
        EXPECT_EQ(first.payload(i), second.payload(199 - i));
    }
}

TEST(PatternExamples, IotSpikesHappenOnlyWhenTheAnomalyFlagIsSet) {
    const auto plan = compileOrDie(example("iot-anomalies.yaml"));
    const Events events = valuesOf(*plan, kEvents);
    const std::size_t flag = events.column("is_anomaly");
    const std::size_t reading = events.column("reading");
    EXPECT_EQ(events.column("is_anomaly") < events.names.size(), true);
    for (const char* hidden : {"base_reading", "noise", "anomaly_spike"}) {
        EXPECT_EQ(std::count(events.names.begin(), events.names.end(), hidden), 0) << hidden;
    }
    uint64_t anomalies = 0;
    for (const auto& row : events.rows) {
        const bool anomaly = row[flag].integer != 0;
        const double value = row[reading].real;
        anomalies += anomaly ? 1 : 0;
        // base in [20, 80], noise in [-2, 2], a spike in [20, 70] only with the flag.
        if (anomaly) {
            EXPECT_GE(value, 38.0 - 1e-4);
            EXPECT_LE(value, 152.0 + 1e-4);
        } else {
            EXPECT_GE(value, 18.0 - 1e-4);
            EXPECT_LE(value, 82.0 + 1e-4);
        }
    }
    EXPECT_TRUE(nearShare(static_cast<double>(anomalies) / kEvents, 0.03, kEvents)) << anomalies;
}

TEST(PatternExamples, FraudScoresHighOnlyForFraud) {
    const auto plan = compileOrDie(example("fraud-transactions.yaml"));
    const Events events = valuesOf(*plan, kEvents);
    const std::size_t fraud = events.column("is_fraud");
    const std::size_t score = events.column("risk_score");
    const std::size_t txn = events.column("txn_id");
    uint64_t frauds = 0;
    std::vector<int64_t> ids;
    for (const auto& row : events.rows) {
        const double value = decimalValue(row[score]);
        if (row[fraud].integer != 0) {
            ++frauds;
            EXPECT_GE(value, 0.7);
            EXPECT_LE(value, 1.0);
        } else {
            EXPECT_GE(value, 0.0);
            EXPECT_LE(value, 0.4);
        }
        ids.push_back(row[txn].integer);
    }
    EXPECT_TRUE(nearShare(static_cast<double>(frauds) / kEvents, 0.015, kEvents)) << frauds;
    // Transaction ids come from 1 .. 5,000,000 and never repeat.
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
    EXPECT_GE(ids.front(), 1);
    EXPECT_LE(ids.back(), 5'000'000);
}

TEST(PatternExamples, FraudAccountsAndAmountsAreSkewedTowardsTheLowEnd) {
    const auto plan = compileOrDie(example("fraud-transactions.yaml"));
    const Events events = valuesOf(*plan, kEvents);
    const std::size_t account = events.column("account_id");
    const std::size_t amount = events.column("amount");
    uint64_t lowAccounts = 0;
    uint64_t smallAmounts = 0;
    for (const auto& row : events.rows) {
        lowAccounts += row[account].integer < 110'000 ? 1 : 0;
        smallAmounts += decimalValue(row[amount]) < 1000.0 ? 1 : 0;
    }
    // An exponential filling the range puts about half its values in its first tenth
    // ((1 - 1000^-0.1) / (1 - 1/1000) = 0.4993), where a uniform one puts a tenth.
    EXPECT_TRUE(nearShare(static_cast<double>(lowAccounts) / kEvents, 0.4993, kEvents))
        << lowAccounts;
    EXPECT_GT(static_cast<double>(smallAmounts) / kEvents, 0.45);
}

TEST(PatternExamples, IotHasLateReadingsSomeBeyondATenMinuteWatermark) {
    const auto plan = compileOrDie(example("iot-anomalies.yaml"));
    const Events events = valuesOf(*plan, kEvents);
    const std::size_t time = events.column("timestamp");
    constexpr int64_t kBegin = 1'704'067'200'000; // 2024-01-01T00:00:00Z
    uint64_t late = 0;
    uint64_t pastWatermark = 0;
    for (uint64_t k = 0; k < events.rows.size(); ++k) {
        const int64_t due = kBegin + static_cast<int64_t>(k) * 1000;
        const int64_t early = due - events.rows[k][time].integer;
        ASSERT_GE(early, 0);
        ASSERT_LE(early, 15 * 60'000);
        late += early > 0 ? 1 : 0;
        pastWatermark += early > 10 * 60'000 ? 1 : 0;
    }
    EXPECT_TRUE(nearShare(static_cast<double>(late) / kEvents, 0.02, kEvents)) << late;
    // Uniform lateness up to 15 minutes: a third of the late ones are more than 10 late.
    EXPECT_TRUE(nearShare(static_cast<double>(pastWatermark) / kEvents, 0.02 / 3, kEvents))
        << pastWatermark;
}

TEST(BaseColumn, EqualBaseValuesGiveEqualValues) {
    FieldSpec device = intField("device_id", 1, 50);
    FieldSpec type = stringField("device_type", {"sensor", "gateway", "camera", "meter"});
    type.baseColumn = "device_id";
    FieldSpec owner = simpleField("owner", FieldType::FullName);
    owner.baseColumn = "device_id";
    const auto plan = compileOrDie(singleTypeConfig({type, owner, device}));
    std::map<int64_t, std::pair<std::string, std::string>> seen;
    std::set<std::string> types;
    for (uint64_t k = 0; k < 5000; ++k) {
        const auto values = plan->values(k, 0);
        const auto [it, added] = seen.try_emplace(values[2].integer, std::string(values[0].text),
                                                  std::string(values[1].text));
        EXPECT_EQ(it->second.first, values[0].text);
        EXPECT_EQ(it->second.second, values[1].text);
        types.insert(std::string(values[0].text));
    }
    EXPECT_EQ(seen.size(), 50U);
    EXPECT_EQ(types.size(), 4U) << "different bases still reach every value";
}

TEST(BaseColumn, NotRandomTakesTheValuesInTurnByTheBaseValue) {
    FieldSpec device = intField("device_id", 1, 50);
    FieldSpec firmware = stringField("firmware", {"v1", "v2", "v3"});
    firmware.baseColumn = "device_id";
    firmware.random = false;
    const auto plan = compileOrDie(singleTypeConfig({device, firmware}));
    for (uint64_t k = 0; k < 1000; ++k) {
        const auto values = plan->values(k, 0);
        const std::string expected = "v" + std::to_string(values[0].integer % 3 + 1);
        EXPECT_EQ(values[1].text, expected);
    }
}

TEST(BaseColumn, UnknownBaseIsALocatedPreflightError) {
    const LoadResult loaded = loadConfigString("event_types:\n"
                                               "  - event_type_id: e\n"
                                               "    fields:\n"
                                               "      device_id: {type: int}\n"
                                               "      kind: {type: string, values: [a],\n"
                                               "             base_column: devce_id}\n");
    ASSERT_TRUE(loaded.ok());
    Diagnostics diagnostics;
    EXPECT_EQ(Plan::compile(loaded.config, diagnostics), nullptr);
    ASSERT_EQ(diagnostics.size(), 1U);
    EXPECT_EQ(diagnostics[0].message,
              "base_column: unknown field `devce_id`; did you mean `device_id`?");
    EXPECT_EQ(diagnostics[0].location.line, 6);
    EXPECT_EQ(diagnostics[0].location.column, 27);
}

TEST(BaseColumn, BasesInACircleAreACycle) {
    FieldSpec a = stringField("a", {"x", "y"});
    a.baseColumn = "b";
    FieldSpec b = stringField("b", {"x", "y"});
    b.baseColumn = "a";
    Diagnostics diagnostics;
    EXPECT_EQ(Plan::compile(singleTypeConfig({a, b}), diagnostics), nullptr);
    ASSERT_EQ(diagnostics.size(), 1U);
    EXPECT_NE(diagnostics[0].message.find("in a circle"), std::string::npos);
}

TEST(BaseColumn, RealisticFieldsOnOneBaseDescribeOnePerson) {
    FieldSpec customer = intField("customer_id", 1, 1000);
    FieldSpec name = simpleField("name", FieldType::FullName);
    name.baseColumn = "customer_id";
    FieldSpec first = simpleField("first", FieldType::FirstName);
    first.baseColumn = "customer_id";
    FieldSpec email = simpleField("email", FieldType::Email);
    email.baseColumn = "customer_id";
    const auto plan = compileOrDie(singleTypeConfig({customer, name, first, email}));
    const auto slug = [](std::string_view text) {
        std::string out;
        for (char c : text) {
            if (std::isalnum(static_cast<unsigned char>(c))) {
                out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
        }
        return out;
    };
    for (uint64_t k = 0; k < 2000; ++k) {
        const auto values = plan->values(k, 0);
        const std::string full(values[1].text);
        const std::size_t space = full.find(' ');
        ASSERT_NE(space, std::string::npos) << full;
        EXPECT_EQ(values[2].text, full.substr(0, space));
        const std::string expected =
            slug(full.substr(0, space)) + "." + slug(full.substr(space + 1));
        EXPECT_EQ(std::string(values[3].text).rfind(expected, 0), 0U)
            << values[3].text << " for " << full;
    }
}

TEST(PatternExamples, CustomerOrdersKeepEachCustomersNameTierAndSomeOrdersLate) {
    const auto plan = compileOrDie(example("customer-orders.yaml"));
    // Texts point into buffers the next event reuses: each event is read as it is made.
    const Events names{plan->fieldNames(0), {}};
    const std::size_t id = names.column("customer_id");
    const std::size_t name = names.column("customer");
    const std::size_t tier = names.column("tier");
    const std::size_t placed = names.column("placed_at");
    const TypeSelector types = plan->typeSelector(plan->initialWeights());
    std::map<int64_t, std::pair<std::string, std::string>> customers;
    uint64_t orders = 0;
    uint64_t late = 0;
    int64_t latest = 0;
    for (uint64_t k = 0; k < kEvents; ++k) {
        if (types.pick(k) != 0) {
            continue; // a review
        }
        const auto row = plan->values(k, 0);
        ++orders;
        const auto [it, added] = customers.try_emplace(row[id].integer, std::string(row[name].text),
                                                       std::string(row[tier].text));
        EXPECT_EQ(it->second.first, row[name].text);
        EXPECT_EQ(it->second.second, row[tier].text);
        late += row[placed].integer < latest ? 1 : 0;
        latest = std::max(latest, row[placed].integer);
    }
    EXPECT_GT(orders, kEvents * 8 / 10);
    // 3% of orders are late; a late order right after another late one is not seen as late.
    EXPECT_GT(static_cast<double>(late) / static_cast<double>(orders), 0.02);
    EXPECT_LT(static_cast<double>(late) / static_cast<double>(orders), 0.04);
}
