#include "engine/encoders/format.h"
#include "engine/expr/expr_program.h"
#include "engine/hash.h"
#include "engine/plan.h"
#include "engine/run.h"

#include <benchmark/benchmark.h>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace streamgen {
namespace {

FieldSpec field(std::string name, FieldType type) {
    FieldSpec spec;
    spec.name = std::move(name);
    spec.type = type;
    return spec;
}

EventType eventType(std::string id, double weight, std::vector<FieldSpec> fields) {
    EventType type;
    type.id = std::move(id);
    type.weight = weight;
    type.fields = std::move(fields);
    return type;
}

Config quickStart() {
    FieldSpec userId = field("user_id", FieldType::Int);
    userId.intMin = 1;
    userId.intMax = 1000000;
    FieldSpec device = field("device_type", FieldType::String);
    device.values = {"iOS", "Android", "Web"};
    device.weights = {0.4, 0.4, 0.2};
    FieldSpec amount = field("amount", FieldType::Float);
    amount.floatMin = 0.99;
    amount.floatMax = 999.99;
    FieldSpec duration = field("session_duration_sec", FieldType::Int);
    duration.intMin = 60;
    duration.intMax = 7200;
    Config config;
    config.seed = 42;
    config.commonFields = {userId};
    config.eventTypes = {
        eventType("user.session.start", 0.5, {field("session_id", FieldType::Uuid), device}),
        eventType("user.purchase", 0.3, {field("transaction_id", FieldType::Uuid), amount}),
        eventType("user.session.end", 0.2, {duration})};
    return config;
}

/// One type with one field of each benchmarked kind.
std::pair<std::string, FieldSpec> fieldCase(int index) {
    FieldSpec spec = field("v", FieldType::Int);
    switch (index) {
    case 0:
        return {"uuid", field("v", FieldType::Uuid)};
    case 1:
        spec.intMin = 1;
        spec.intMax = 1000000;
        return {"int", spec};
    case 2:
        spec = field("v", FieldType::Float);
        spec.floatMin = 0.99;
        spec.floatMax = 999.99;
        return {"float", spec};
    case 3:
        spec = field("v", FieldType::Double);
        spec.floatMin = -1e6;
        spec.floatMax = 1e6;
        return {"double", spec};
    case 4:
        spec = field("v", FieldType::Double);
        spec.floatMin = 0.99;
        spec.floatMax = 999.99;
        spec.precision = 2;
        return {"double_precision_2", spec};
    case 5:
        spec = field("v", FieldType::String);
        spec.values = {"iOS", "Android", "Web"};
        spec.weights = {0.4, 0.4, 0.2};
        return {"string_weighted", spec};
    case 6:
        return {"boolean", field("v", FieldType::Boolean)};
    case 7:
        spec = field("v", FieldType::Timestamp);
        spec.timestampMode = TimestampMode::Sequence;
        spec.beginMs = 1767225600000;
        return {"timestamp_sequence", spec};
    case 8:
        return {"timestamp_now", field("v", FieldType::Timestamp)};
    case 9:
        spec = field("v", FieldType::Date);
        spec.dateRange = std::pair<int32_t, int32_t>{19723, 20088};
        return {"date_range", spec};
    default:
        spec.nullRatio = 0.5;
        return {"int_null_half", spec};
    }
}
constexpr int kFieldCases = 11;

std::shared_ptr<const Plan> compile(const Config& config) {
    std::string error;
    return Plan::compile(config, &error);
}

void renderLoop(benchmark::State& state, const Plan& plan, const TypeSelector& selector) {
    EventBatch batch;
    batch.reserve(1024, 1024 * 256);
    uint64_t k = 0;
    uint64_t bytes = 0;
    for (auto _ : state) {
        plan.render(k, selector.pick(k), batch);
        if (++k % 1024 == 0) {
            bytes += batch.data().size();
            batch.clear();
        }
    }
    bytes += batch.data().size();
    state.SetItemsProcessed(static_cast<int64_t>(k));
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_RenderQuickStartEvent(benchmark::State& state) {
    const auto plan = compile(quickStart());
    renderLoop(state, *plan, plan->typeSelector(plan->initialWeights()));
}
BENCHMARK(BM_RenderQuickStartEvent);

void BM_RenderFieldKind(benchmark::State& state) {
    const auto [name, spec] = fieldCase(static_cast<int>(state.range(0)));
    Config config;
    config.eventTypes = {eventType("t", 1.0, {spec})};
    const auto plan = compile(config);
    state.SetLabel(name);
    renderLoop(state, *plan, plan->typeSelector(plan->initialWeights()));
}
BENCHMARK(BM_RenderFieldKind)->DenseRange(0, kFieldCases - 1);

/// The run's own hot loop (`Plan::renderBatch`, 1024 events a batch) per serialization format.
void BM_RenderBatchFormat(benchmark::State& state) {
    const FormatInfo& info = formats().at(static_cast<std::size_t>(state.range(0)));
    Config config = quickStart();
    config.serializationFormat = info.name;
    const auto plan = compile(config);
    const TypeSelector selector = plan->typeSelector(plan->initialWeights());
    EventBatch batch;
    std::vector<uint64_t> counts(plan->typeCount()), bytes(plan->typeCount());
    constexpr std::size_t kBatch = 1024;
    uint64_t k = 0;
    for (auto _ : state) {
        batch.clear();
        plan->renderBatch(selector, k, 1, kBatch, batch, counts.data(), bytes.data(), false);
        k += kBatch;
    }
    uint64_t total = 0;
    for (const uint64_t b : bytes) {
        total += b;
    }
    state.SetLabel(info.name);
    state.SetItemsProcessed(static_cast<int64_t>(k));
    state.SetBytesProcessed(static_cast<int64_t>(total));
}
BENCHMARK(BM_RenderBatchFormat)->DenseRange(0, 3);

void BM_TypeSelectorPick(benchmark::State& state) {
    const TypeSelector selector({0.5, 0.3, 0.19, 0.01}, 7);
    uint64_t k = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(selector.pick(k++));
    }
    state.SetItemsProcessed(static_cast<int64_t>(k));
}
BENCHMARK(BM_TypeSelectorPick);

/// One derived field per event: dbldatagen's anomaly spike, over an `is_anomaly` that is true for
/// about 3% of events (drawn beforehand, so that only the expression is measured).
void BM_ExprEvaluate(benchmark::State& state) {
    const std::vector<expr::Input> inputs{{"is_anomaly", expr::ResultType::Bool}};
    const auto compiled =
        expr::Program::compile("case when is_anomaly then (rand() * 50 + 20) else 0 end", inputs,
                               hash::ofString("anomaly_spike"));
    const auto& program = std::get<expr::Program>(compiled);
    constexpr std::size_t kPattern = 4096;
    std::vector<Value> anomalies(kPattern);
    for (std::size_t i = 0; i < kPattern; ++i) {
        anomalies[i].type = ValueType::Bool;
        anomalies[i].integer = hash::unit(hash::draw(i, 1)) < 0.03 ? 1 : 0;
    }
    expr::Scratch scratch;
    program.prepare(scratch);
    uint64_t k = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(program.evaluate(&anomalies[k % kPattern], k, scratch));
        ++k;
    }
    state.SetItemsProcessed(static_cast<int64_t>(k));
}
BENCHMARK(BM_ExprEvaluate);

/// Accepts everything, like `--sink null`, touching the data so that it is not optimized away.
class DiscardSink : public Sink {
public:
    std::string describe() const override { return "discard"; }
    void open(const SinkContext&) override {}
    void write(int, const EventBatch& batch) override {
        benchmark::DoNotOptimize(batch.data().data());
    }
    FlushResult close(std::chrono::milliseconds) override { return {}; }
};

void BM_RunUnpacedNullSink(benchmark::State& state) {
    const auto plan = compile(quickStart());
    constexpr uint64_t kEvents = 2'000'000;
    for (auto _ : state) {
        RunOptions options;
        options.threads = static_cast<int>(state.range(0));
        options.count = kEvents;
        Run run(plan, std::make_unique<DiscardSink>(), options);
        run.start();
        run.wait();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kEvents));
}
BENCHMARK(BM_RunUnpacedNullSink)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

} // namespace
} // namespace streamgen
