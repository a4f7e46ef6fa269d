#include "test_support.h"

#include <stdexcept>

namespace streamgen::test {

FieldSpec intField(std::string name, int64_t min, int64_t max) {
    FieldSpec field;
    field.name = std::move(name);
    field.type = FieldType::Int;
    field.intMin = min;
    field.intMax = max;
    return field;
}

FieldSpec realField(std::string name, FieldType type, double min, double max,
                    std::optional<int> precision) {
    FieldSpec field;
    field.name = std::move(name);
    field.type = type;
    field.floatMin = min;
    field.floatMax = max;
    field.precision = precision;
    return field;
}

FieldSpec stringField(std::string name, std::vector<std::string> values,
                      std::vector<double> weights) {
    FieldSpec field;
    field.name = std::move(name);
    field.type = FieldType::String;
    field.values = std::move(values);
    field.weights = std::move(weights);
    return field;
}

FieldSpec simpleField(std::string name, FieldType type) {
    FieldSpec field;
    field.name = std::move(name);
    field.type = type;
    return field;
}

EventType eventType(std::string id, double weight) {
    EventType type;
    type.id = std::move(id);
    type.weight = weight;
    return type;
}

Config quickStartConfig(uint64_t seed) {
    Config config;
    config.seed = seed;
    config.commonFields.push_back(intField("user_id", 1, 1000000));
    EventType start = eventType("user.session.start", 0.5);
    start.fields.push_back(simpleField("session_id", FieldType::Uuid));
    start.fields.push_back(stringField("device_type", {"iOS", "Android", "Web"}, {0.4, 0.4, 0.2}));
    EventType purchase = eventType("user.purchase", 0.3);
    purchase.fields.push_back(simpleField("transaction_id", FieldType::Uuid));
    purchase.fields.push_back(realField("amount", FieldType::Float, 0.99, 999.99));
    EventType end = eventType("user.session.end", 0.2);
    end.fields.push_back(intField("session_duration_sec", 60, 7200));
    config.eventTypes = {start, purchase, end};
    return config;
}

Config singleTypeConfig(std::vector<FieldSpec> fields, uint64_t seed) {
    Config config;
    config.seed = seed;
    EventType only = eventType("only", 1.0);
    only.fields = std::move(fields);
    config.eventTypes.push_back(std::move(only));
    return config;
}

std::shared_ptr<const Plan> compileOrDie(const Config& config, uint64_t stream) {
    std::string error;
    auto plan = Plan::compile(config, &error, stream);
    if (!plan) {
        throw std::runtime_error("compile failed: " + error);
    }
    return plan;
}

std::vector<std::string> renderRange(const Plan& plan, uint32_t type, uint64_t first,
                                     uint64_t count) {
    std::vector<std::string> payloads;
    EventBatch batch;
    for (uint64_t k = first; k < first + count; ++k) {
        batch.clear();
        plan.render(k, type, batch);
        payloads.emplace_back(batch.payload(0));
    }
    return payloads;
}

std::string_view fieldText(std::string_view payload, std::string_view name) {
    const std::string pattern = "\"" + std::string(name) + "\":";
    const std::size_t at = payload.find(pattern);
    if (at == std::string_view::npos) {
        return {};
    }
    const std::size_t begin = at + pattern.size();
    std::size_t end = begin;
    if (payload[begin] == '"') {
        end = payload.find('"', begin + 1) + 1;
    } else {
        end = payload.find_first_of(",}", begin);
    }
    return payload.substr(begin, end - begin);
}

void CapturingSink::write(int, const EventBatch& batch) {
    std::lock_guard lock(m_shared->mutex);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        m_shared->payloads.emplace_back(batch.payload(i));
        m_shared->sequences.push_back(batch.sequence(i));
        m_shared->types.push_back(batch.typeIndex(i));
        m_shared->keys.emplace_back(batch.key(i));
    }
    m_shared->batches.fetch_add(1);
}

FlushResult CapturingSink::close(std::chrono::milliseconds) {
    std::lock_guard lock(m_shared->mutex);
    m_shared->closed = true;
    return {};
}

void CountingSink::write(int, const EventBatch& batch) {
    if (m_shared->batches.fetch_add(1) >= m_shared->failAfter) {
        throw SinkError("disk full");
    }
    m_shared->events.fetch_add(batch.size());
    m_shared->bytes.fetch_add(batch.data().size());
}

} // namespace streamgen::test
