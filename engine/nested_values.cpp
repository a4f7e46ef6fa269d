#include "nested_values.h"

#include "encoders/text_values.h"
#include "json_writer.h"
#include "model/kinds/field_kinds.h"

#include <deque>
#include <memory>

namespace streamgen {

namespace {

NestedChild compileChild(const FieldSpec& spec, uint64_t seed) {
    NestedChild child;
    child.name = spec.name;
    json::appendQuoted(child.jsonKey, spec.name);
    child.jsonKey.push_back(':');
    child.storage = fieldKind(spec.type).storage(spec);
    child.nullable = spec.nullRatio > 0.0;
    child.value = compileValue(spec, seed);
    return child;
}

/// The maps being written on this thread, outermost first; levels are kept for reuse.
thread_local std::deque<detail::MapKeyLevel> t_mapKeys;
thread_local std::size_t t_mapDepth = 0;

} // namespace

void compileNested(const FieldSpec& field, uint64_t seed, ValueGenerator& g) {
    auto nested = std::make_shared<NestedGenerator>();
    nested->storage = fieldKind(field.type).storage(field);
    for (const FieldSpec& child : field.children) {
        nested->children.push_back(compileChild(child, seed));
    }
    if (nested->storage != ValueStorage::Struct) {
        nested->lengthLo = static_cast<uint64_t>(std::max<int64_t>(field.lengthMin, 0));
        nested->lengthSpan =
            static_cast<uint64_t>(std::max(field.lengthMax, field.lengthMin) - field.lengthMin) + 1;
    }
    g.kind = ValueKind::Nested;
    g.nested = std::move(nested);
}

void setNestedTextSlot(ValueGenerator& g, uint32_t slot) {
    if (!g.nested) {
        return;
    }
    for (NestedChild& child : g.nested->children) {
        child.value.textSlot = slot;
        setNestedTextSlot(child.value, slot);
    }
}

namespace detail {

MapKeys::MapKeys()
    : m_level([]() -> MapKeyLevel& {
          if (t_mapKeys.size() <= t_mapDepth) {
              t_mapKeys.resize(t_mapDepth + 1);
          }
          MapKeyLevel& level = t_mapKeys[t_mapDepth++];
          level.text.clear();
          level.ends.clear();
          return level;
      }()) {}

MapKeys::~MapKeys() {
    --t_mapDepth;
}

bool MapKeys::add(const Value& value) {
    const std::size_t begin = m_level.text.size();
    text::appendPlain(m_level.text, value);
    const std::string_view added(m_level.text.data() + begin, m_level.text.size() - begin);
    std::size_t start = 0;
    for (const uint32_t end : m_level.ends) {
        if (std::string_view(m_level.text.data() + start, end - start) == added) {
            m_level.text.resize(begin);
            return false;
        }
        start = end;
    }
    m_level.ends.push_back(static_cast<uint32_t>(m_level.text.size()));
    return true;
}

std::string_view MapKeys::last() const {
    const std::size_t begin = m_level.ends.size() < 2 ? 0 : m_level.ends[m_level.ends.size() - 2];
    return {m_level.text.data() + begin, m_level.ends.back() - begin};
}

} // namespace detail

} // namespace streamgen
