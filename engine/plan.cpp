#include "plan.h"

#include "derived_fields.h"
#include "encoders/encoders.h"
#include "hash.h"
#include "model/kinds/field_kinds.h"
#include "model/validator.h"
#include "nested_values.h"
#include "value_generators.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace streamgen {

namespace {

constexpr std::string_view kKeyOption = "partition_key_field";

std::string keyFieldOf(const Config& config) {
    const OptionNode* node = config.sink.options.find(std::string(kKeyOption));
    return node != nullptr && node->kind == OptionNode::Kind::Scalar ? node->scalar : "";
}

/// One event type: its generators in the order the encoder writes the fields, or, when some
/// fields are computed from others, the plan that computes all of them.
struct CompiledType {
    std::vector<ValueGenerator> generators;
    DerivedPlan derived;
    std::vector<std::string> names; ///< layout order
    std::vector<std::size_t> order; ///< encoder position -> layout index
    std::vector<uint32_t> slots;    ///< layout index -> index among all fields
    int keyField = -1;              ///< encoder position of the key field, or -1
};

/// Values of derived fields, per worker thread: reused, so events allocate nothing.
thread_local DerivedScratch t_derived;

template <class Encoder>
std::vector<std::size_t> fieldOrder(const Encoder& encoder, uint32_t type, std::size_t count) {
    if constexpr (requires { encoder.fieldOrder(type); }) {
        return encoder.fieldOrder(type);
    } else {
        std::vector<std::size_t> order(count);
        std::iota(order.begin(), order.end(), std::size_t{0});
        return order;
    }
}

/// Every field of event type `t` (common ones first), with its config path.
std::vector<const FieldSpec*> fieldsOf(const Config& config, std::size_t t,
                                       std::vector<std::string>* paths = nullptr) {
    std::vector<const FieldSpec*> fields;
    for (const FieldSpec& field : config.commonFields) {
        fields.push_back(&field);
        if (paths != nullptr) {
            paths->push_back("common_fields." + field.name);
        }
    }
    for (const FieldSpec& field : config.eventTypes[t].fields) {
        fields.push_back(&field);
        if (paths != nullptr) {
            paths->push_back("event_types[" + std::to_string(t) + "].fields." + field.name);
        }
    }
    return fields;
}

void checkTemplates(const std::vector<FieldSpec>& fields, const std::string& parent,
                    Diagnostics& diagnostics);

/// The templates inside a struct (`parent.fields.x`), an array's items or a map's key or value.
void checkNestedTemplates(const FieldSpec& field, const std::string& path,
                          Diagnostics& diagnostics) {
    for (const FieldOption& option : fieldKind(field.type).options) {
        const OptionValue value = option.get(field);
        if (const auto* specs = std::get_if<std::vector<FieldSpec>>(&value)) {
            const std::string optionPath = path + "." + option.name;
            checkTemplates(*specs,
                           option.type == FieldOptionType::Fields
                               ? optionPath
                               : optionPath.substr(0, optionPath.rfind('.')),
                           diagnostics);
        }
    }
}

/// Templates are read by the engine: their problems are located here, in the preflight.
void checkTemplates(const std::vector<FieldSpec>& fields, const std::string& parent,
                    Diagnostics& diagnostics) {
    for (const FieldSpec& field : fields) {
        if (!field.children.empty()) {
            checkNestedTemplates(field, parent + "." + field.name, diagnostics);
        }
        if (field.textTemplate.empty() || !field.expr.empty()) {
            continue;
        }
        const auto compiled = TextTemplate::compile(field.textTemplate, field.escapeSpecialChars);
        if (const auto* error = std::get_if<TemplateError>(&compiled)) {
            Diagnostic diagnostic;
            diagnostic.location = field.templateLocation;
            if (diagnostic.location.known()) {
                diagnostic.location.column += static_cast<int>(error->offset);
            }
            diagnostic.path = parent + "." + field.name + ".template";
            diagnostic.message = "template: " + error->message;
            diagnostics.push_back(std::move(diagnostic));
        }
    }
}

bool hasDerivedFields(const std::vector<const FieldSpec*>& fields) {
    return std::any_of(fields.begin(), fields.end(), [](const FieldSpec* field) {
        return !field->expr.empty() || !field->baseColumn.empty();
    });
}

} // namespace

struct Plan::Impl {
    std::vector<CompiledType> types;
    std::vector<std::string> ids;
    std::vector<TypeLayout> layouts;
    std::vector<double> weights;
    std::string keyField;
    uint64_t seed = 0;
    uint64_t streamKey = 0;
    Format format = Format::Json;
    bool lineTerminated = true;
    std::optional<AnyEncoder> encoder;
};

/// The batch loop, instantiated once per encoder: values go from the generator to the encoder
/// without a virtual call or a look-up.
template <class Encoder> struct PlanRenderer {
    static void event(const Plan::Impl& impl, const Encoder& encoder, uint64_t sequence,
                      uint32_t type, EventBatch& batch, bool withKeys) {
        const CompiledType& compiled = impl.types[type];
        if (!compiled.derived.empty()) {
            derivedEvent(impl, encoder, sequence, type, batch, withKeys);
            return;
        }
        const typename Encoder::Type& encoded = encoder.type(type);
        const uint64_t key = hash::eventKey(impl.streamKey, sequence);
        std::string& out = batch.buffer();
        encoder.begin(encoded, out);
        uint32_t keyBegin = 0;
        uint32_t keyLength = 0;
        const std::size_t count = compiled.generators.size();
        const int keyField = withKeys ? compiled.keyField : -1;
        for (std::size_t i = 0; i < count; ++i) {
            const Value value = generateValue(compiled.generators[i], key, sequence);
            encoder.field(encoded, i, value, out);
            if (static_cast<int>(i) == keyField && !value.isNull()) {
                appendKey(batch, value, keyBegin, keyLength);
            }
        }
        encoder.end(encoded, out);
        batch.commit(type, sequence, keyBegin, keyLength);
    }

    /// Types with fields computed from others: every field first, then the written ones. Kept
    /// out of line so that the loop above stays as small as it can be.
    [[gnu::noinline]] static void derivedEvent(const Plan::Impl& impl, const Encoder& encoder,
                                               uint64_t sequence, uint32_t type, EventBatch& batch,
                                               bool withKeys) {
        const CompiledType& compiled = impl.types[type];
        const typename Encoder::Type& encoded = encoder.type(type);
        const uint64_t key = hash::eventKey(impl.streamKey, sequence);
        computeDerived(compiled.derived, key, sequence, t_derived);
        std::string& out = batch.buffer();
        encoder.begin(encoded, out);
        uint32_t keyBegin = 0;
        uint32_t keyLength = 0;
        const std::size_t count = compiled.derived.written.size();
        const int keyField = withKeys ? compiled.keyField : -1;
        Value drawn;
        for (std::size_t i = 0; i < count; ++i) {
            const uint32_t slot = compiled.derived.written[i];
            const Value* value = &t_derived.values[slot];
            if (compiled.derived.direct[slot] != 0) {
                generateValueInto(compiled.derived.generators[slot], key, sequence, drawn);
                value = &drawn;
            }
            encoder.field(encoded, i, *value, out);
            if (static_cast<int>(i) == keyField && !value->isNull()) {
                appendKey(batch, *value, keyBegin, keyLength);
            }
        }
        encoder.end(encoded, out);
        batch.commit(type, sequence, keyBegin, keyLength);
    }

    static void appendKey(EventBatch& batch, const Value& value, uint32_t& begin,
                          uint32_t& length) {
        std::string& keys = batch.keyBuffer();
        begin = static_cast<uint32_t>(keys.size());
        text::appendPlain(keys, value);
        length = static_cast<uint32_t>(keys.size()) - begin;
    }

    static void batch(const Plan::Impl& impl, const Encoder& encoder, const TypeSelector& selector,
                      uint64_t first, uint64_t stride, std::size_t count, EventBatch& batch,
                      uint64_t* counts, uint64_t* bytes, bool withKeys) {
        for (std::size_t j = 0; j < count; ++j) {
            const uint64_t sequence = first + j * stride;
            const uint32_t type = selector.pick(sequence);
            const std::size_t before = batch.buffer().size();
            event(impl, encoder, sequence, type, batch, withKeys);
            ++counts[type];
            bytes[type] += batch.buffer().size() - before;
        }
    }
};

Plan::Plan() : m_impl(std::make_unique<Impl>()) {}
Plan::~Plan() = default;

std::shared_ptr<const Plan> Plan::compile(const Config& config, Diagnostics& diagnostics,
                                          uint64_t stream) {
    if (!config.identityField.empty()) {
        // The identity is an ordinary first common field: every format writes it as it writes a
        // long, and it is the event's sequence number.
        Config withIdentity = config;
        FieldSpec identity;
        identity.name = config.identityField;
        identity.type = FieldType::Long;
        identity.intMin = 0;
        identity.intMax = std::numeric_limits<int64_t>::max();
        identity.sequence = true;
        identity.location = config.identityFieldLocation;
        withIdentity.commonFields.insert(withIdentity.commonFields.begin(), identity);
        withIdentity.identityField.clear();
        return compile(withIdentity, diagnostics, stream);
    }
    const std::optional<Format> format = parseFormat(config.serializationFormat);
    if (!format) {
        Diagnostic diagnostic;
        diagnostic.location = config.serializationFormatLocation;
        diagnostic.path = "serialization_format";
        const std::string suggestion = nearestName(config.serializationFormat, formatNames());
        std::string choices;
        for (const std::string& name : formatNames()) {
            choices += (choices.empty() ? "" : ", ") + name;
        }
        diagnostic.message = "serialization_format: unknown format `" + config.serializationFormat +
                             "`" +
                             (suggestion.empty() ? "" : "; did you mean `" + suggestion + "`?") +
                             " (choose one of " + choices + ")";
        diagnostics.push_back(std::move(diagnostic));
        return nullptr;
    }
    std::shared_ptr<Plan> plan(new Plan());
    Impl& impl = *plan->m_impl;
    impl.seed = config.seed;
    impl.streamKey = hash::streamKey(config.seed, stream);
    impl.keyField = keyFieldOf(config);
    impl.format = *format;
    impl.lineTerminated = formatInfo(*format).text;
    const EventLayout layout = makeEventLayout(config);
    const std::size_t problemsBefore = diagnostics.size();
    impl.encoder.emplace(makeEncoder(*format, layout, diagnostics));
    impl.layouts = layout.types;
    if (diagnostics.size() > problemsBefore) {
        return nullptr;
    }
    checkTemplates(config.commonFields, "common_fields", diagnostics);
    for (std::size_t t = 0; t < config.eventTypes.size(); ++t) {
        checkTemplates(config.eventTypes[t].fields, "event_types[" + std::to_string(t) + "].fields",
                       diagnostics);
    }
    for (uint32_t t = 0; t < config.eventTypes.size(); ++t) {
        const EventType& type = config.eventTypes[t];
        std::vector<std::string> paths;
        const std::vector<const FieldSpec*> fields = fieldsOf(config, t, &paths);
        CompiledType compiled;
        for (uint32_t slot = 0; slot < fields.size(); ++slot) {
            if (!fields[slot]->omit) {
                compiled.slots.push_back(slot);
                compiled.names.push_back(fields[slot]->name);
            }
        }
        compiled.order = std::visit(
            [&](const auto& encoder) { return fieldOrder(encoder, t, compiled.slots.size()); },
            *impl.encoder);
        std::vector<std::size_t> written;
        for (const std::size_t index : compiled.order) {
            const FieldSpec& field = *fields[compiled.slots[index]];
            if (!impl.keyField.empty() && field.name == impl.keyField) {
                compiled.keyField = static_cast<int>(written.size());
            }
            written.push_back(compiled.slots[index]);
        }
        if (hasDerivedFields(fields)) {
            compiled.derived = compileDerived(fields, paths, written, config.seed, diagnostics);
        } else {
            for (const std::size_t slot : written) {
                compiled.generators.push_back(compileValue(*fields[slot], config.seed));
                compiled.generators.back().textSlot = static_cast<uint32_t>(slot);
                setNestedTextSlot(compiled.generators.back(), static_cast<uint32_t>(fields.size()));
            }
        }
        impl.types.push_back(std::move(compiled));
        impl.ids.push_back(type.id);
        impl.weights.push_back(type.enabled ? std::max(type.weight, 0.0) : 0.0);
    }
    return diagnostics.size() > problemsBefore ? nullptr : plan;
}

std::shared_ptr<const Plan> Plan::compile(const Config& config, std::string* error,
                                          uint64_t stream) {
    Diagnostics diagnostics;
    auto plan = compile(config, diagnostics, stream);
    if (!plan && error != nullptr) {
        error->clear();
        for (const Diagnostic& diagnostic : diagnostics) {
            *error += (error->empty() ? "" : "; ") + diagnostic.message;
        }
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
Format Plan::format() const {
    return m_impl->format;
}
const std::string& Plan::keyField() const {
    return m_impl->keyField;
}

TypeSelector Plan::typeSelector(const std::vector<double>& weights) const {
    return TypeSelector(weights, m_impl->streamKey);
}

void Plan::render(uint64_t sequence, uint32_t type, EventBatch& batch) const {
    batch.setLineTerminated(m_impl->lineTerminated);
    std::visit(
        [&](const auto& encoder) {
            using Encoder = std::decay_t<decltype(encoder)>;
            PlanRenderer<Encoder>::event(*m_impl, encoder, sequence, type, batch, true);
        },
        *m_impl->encoder);
}

void Plan::renderBatch(const TypeSelector& selector, uint64_t first, uint64_t stride,
                       std::size_t count, EventBatch& batch, uint64_t* counts, uint64_t* bytes,
                       bool withKeys) const {
    batch.setLineTerminated(m_impl->lineTerminated);
    std::visit(
        [&](const auto& encoder) {
            using Encoder = std::decay_t<decltype(encoder)>;
            PlanRenderer<Encoder>::batch(*m_impl, encoder, selector, first, stride, count, batch,
                                         counts, bytes, withKeys);
        },
        *m_impl->encoder);
}

std::vector<Value> Plan::values(uint64_t sequence, uint32_t type) const {
    const CompiledType& compiled = m_impl->types.at(type);
    const uint64_t key = hash::eventKey(m_impl->streamKey, sequence);
    std::vector<Value> values(compiled.names.size());
    if (!compiled.derived.empty()) {
        computeDerived(compiled.derived, key, sequence, t_derived);
        for (std::size_t i = 0; i < compiled.slots.size(); ++i) {
            const uint32_t slot = compiled.slots[i];
            values[i] = compiled.derived.direct[slot] != 0
                            ? generateValue(compiled.derived.generators[slot], key, sequence)
                            : t_derived.values[slot];
        }
        return values;
    }
    for (std::size_t i = 0; i < compiled.order.size(); ++i) {
        values[compiled.order[i]] = generateValue(compiled.generators[i], key, sequence);
    }
    return values;
}

const std::vector<std::string>& Plan::fieldNames(uint32_t type) const {
    return m_impl->types.at(type).names;
}

const TypeLayout& Plan::layout(uint32_t type) const {
    return m_impl->layouts.at(type);
}

std::unique_ptr<FileFramer> Plan::makeFramer() const {
    return std::visit([](const auto& encoder) { return encoder.makeFramer(); }, *m_impl->encoder);
}

std::string Plan::schema() const {
    return std::visit([](const auto& encoder) { return encoder.schema(); }, *m_impl->encoder);
}

std::string Plan::avroTypeSchema(uint32_t type) const {
    const auto* avro = std::get_if<AvroEncoder>(&*m_impl->encoder);
    return avro != nullptr ? avro->typeSchema(type) : std::string();
}

std::string Plan::recordName(uint32_t type) const {
    if (const auto* avro = std::get_if<AvroEncoder>(&*m_impl->encoder)) {
        return avro->recordName(type);
    }
    if (const auto* protobuf = std::get_if<ProtobufEncoder>(&*m_impl->encoder)) {
        return "streamgen." + protobuf->messageName(type);
    }
    return {};
}

} // namespace streamgen
