#include "plan.h"

#include "hash.h"
#include "json_writer.h"
#include "value_generators.h"

#include <algorithm>
#include <cctype>

namespace streamgen {

namespace {

constexpr std::string_view kKeyOption = "partition_key_field";

struct CompiledField {
    std::string literal; ///< `,"name":`, escaped
    ValueGenerator generator;
};

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string keyFieldOf(const Config& config) {
    const OptionNode* node = config.sink.options.find(std::string(kKeyOption));
    return node != nullptr && node->kind == OptionNode::Kind::Scalar ? node->scalar : "";
}

} // namespace

struct CompiledType {
    std::string prefix; ///< `{"event_type_id":"<id>"`
    std::vector<CompiledField> fields;
    int keyField = -1; ///< index into fields, or -1
};

struct Plan::Impl {
    std::vector<CompiledType> types;
    std::vector<std::string> ids;
    std::vector<double> weights;
    std::string keyField;
    uint64_t seed = 0;
    uint64_t streamKey = 0;
};

namespace {

CompiledType compileType(const Config& config, const EventType& type, const std::string& key) {
    CompiledType compiled;
    compiled.prefix = "{\"event_type_id\":" + json::quote(type.id);
    auto add = [&](const FieldSpec& field) {
        if (!key.empty() && field.name == key) {
            compiled.keyField = static_cast<int>(compiled.fields.size());
        }
        compiled.fields.push_back({"," + json::quote(field.name) + ":", compileValue(field)});
    };
    std::for_each(config.commonFields.begin(), config.commonFields.end(), add);
    std::for_each(type.fields.begin(), type.fields.end(), add);
    return compiled;
}

} // namespace

Plan::Plan() : m_impl(std::make_unique<Impl>()) {}
Plan::~Plan() = default;

std::shared_ptr<const Plan> Plan::compile(const Config& config, std::string* error,
                                          uint64_t stream) {
    if (lowercase(config.serializationFormat) != "json") {
        if (error != nullptr) {
            *error =
                "serialization_format `" + config.serializationFormat + "` is not supported yet";
        }
        return nullptr;
    }
    std::shared_ptr<Plan> plan(new Plan());
    Impl& impl = *plan->m_impl;
    impl.seed = config.seed;
    impl.streamKey = hash::streamKey(config.seed, stream);
    impl.keyField = keyFieldOf(config);
    for (const EventType& type : config.eventTypes) {
        impl.types.push_back(compileType(config, type, impl.keyField));
        impl.ids.push_back(type.id);
        impl.weights.push_back(type.enabled ? std::max(type.weight, 0.0) : 0.0);
    }
    return plan;
}

std::size_t Plan::typeCount() const {
    return m_impl->types.size();
}
const std::string& Plan::typeId(std::size_t type) const {
    return m_impl->ids.at(type);
}
const std::vector<double>& Plan::initialWeights() const {
    return m_impl->weights;
}
uint64_t Plan::seed() const {
    return m_impl->seed;
}
const std::string& Plan::keyField() const {
    return m_impl->keyField;
}

TypeSelector Plan::typeSelector(const std::vector<double>& weights) const {
    return TypeSelector(weights, m_impl->streamKey);
}

void Plan::render(uint64_t sequence, uint32_t type, EventBatch& batch) const {
    const CompiledType& compiled = m_impl->types[type];
    const uint64_t key = hash::eventKey(m_impl->streamKey, sequence);
    std::string& out = batch.buffer();
    out.append(compiled.prefix);
    uint32_t keyBegin = 0;
    uint32_t keyLength = 0;
    const int fieldCount = static_cast<int>(compiled.fields.size());
    for (int i = 0; i < fieldCount; ++i) {
        const CompiledField& field = compiled.fields[static_cast<std::size_t>(i)];
        out.append(field.literal);
        const std::size_t begin = out.size();
        renderValue(field.generator, key, sequence, out);
        if (i == compiled.keyField) {
            const std::string_view value(out.data() + begin, out.size() - begin);
            if (value.size() >= 2 && value.front() == '"') {
                keyBegin = static_cast<uint32_t>(begin + 1);
                keyLength = static_cast<uint32_t>(value.size() - 2);
            } else if (value != "null") {
                keyBegin = static_cast<uint32_t>(begin);
                keyLength = static_cast<uint32_t>(value.size());
            }
        }
    }
    out.push_back('}');
    batch.commit(type, sequence, keyBegin, keyLength);
}

} // namespace streamgen
