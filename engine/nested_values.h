#pragma once

#include "hash.h"
#include "model/kinds/field_kind.h"
#include "value.h"
#include "value_generators.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen {

/// One entry of a struct, array or map: a struct's field, an array's items, a map's key or value.
struct NestedChild {
    std::string name;
    std::string jsonKey; ///< `"name":`, escaped once for JSON and CSV
    ValueStorage storage = ValueStorage::String;
    bool nullable = false;
    ValueGenerator value; ///< a ValueKind::Nested generator when the child nests too
};

/// The compiled form of a struct, array or map field. Its value in an event is not
/// materialised: encoders walk it, drawing each child's value as they write it, so nesting
/// allocates nothing per event. Every child value is a function of the nested value's key (from
/// the event key and the field's salt) and its position, so values stay reproducible and split
/// exactly across threads and shards.
struct NestedGenerator {
    ValueStorage storage = ValueStorage::Struct; ///< Struct, Array or Map
    std::vector<NestedChild> children; ///< struct: fields; array: [items]; map: [key, value]
    uint64_t lengthLo = 0;             ///< Array / Map: fewest entries
    uint64_t lengthSpan = 1;           ///< ... and the count of possible lengths

    /// The count of items of an array (of entries a map tries to draw) with key `key`.
    uint64_t length(uint64_t key) const {
        return lengthLo +
               (lengthSpan <= 1 ? 0 : hash::below(hash::draw(key, kLengthSalt), lengthSpan));
    }
    /// The key of item `index` of an array (of entry `index` of a map).
    static uint64_t itemKey(uint64_t key, uint64_t index) {
        return hash::draw(key, kItemSalt, index);
    }

private:
    static constexpr uint64_t kLengthSalt = 0x4C454E47544821ULL;
    static constexpr uint64_t kItemSalt = 0x4954454D53ULL;
};

/// Compiles a struct, array or map field into `g` (ValueKind::Nested).
void compileNested(const FieldSpec& field, uint64_t seed, ValueGenerator& g);

/// Makes every text value inside nested generator `g` use this thread's buffer `slot`: their
/// values are written as soon as they are drawn, so one buffer past the event's fields serves
/// all of them.
void setNestedTextSlot(ValueGenerator& g, uint32_t slot);

/// The value of child `child` of a nested value whose key is `key`.
inline void childValue(const NestedChild& child, uint64_t key, uint64_t sequence, Value& value) {
    generateValueInto(child.value, key, sequence, value);
}

/// Calls `entry(keyText, valueKey)` for each entry of map value `map` (key `key`): keys are
/// distinct, so an entry whose key repeats an earlier one is left out, and a map whose keys
/// have few values holds fewer entries than its length.
template <class Entry>
void forEachMapEntry(const NestedGenerator& map, uint64_t key, uint64_t sequence, Entry&& entry);

namespace detail {

/// The texts of one map's keys, one after the other, and where each ends.
struct MapKeyLevel {
    std::string text;
    std::vector<uint32_t> ends;
};

/// Texts of the keys already written in the maps being written (one level per nested map).
class MapKeys {
public:
    /// Starts a map one level deeper; the destructor ends it.
    MapKeys();
    ~MapKeys();
    MapKeys(const MapKeys&) = delete;
    MapKeys& operator=(const MapKeys&) = delete;

    /// Adds `value` as text; false (and nothing added) when an earlier key has that text.
    bool add(const Value& value);
    std::string_view last() const;

private:
    MapKeyLevel& m_level;
};

} // namespace detail

template <class Entry>
void forEachMapEntry(const NestedGenerator& map, uint64_t key, uint64_t sequence, Entry&& entry) {
    const uint64_t count = map.length(key);
    // Tries beyond the length let a key that repeats be replaced, within a bound.
    const uint64_t tries = count * 2 + 8;
    detail::MapKeys keys;
    uint64_t written = 0;
    for (uint64_t i = 0; i < tries && written < count; ++i) {
        const uint64_t itemKey = NestedGenerator::itemKey(key, i);
        Value keyValue;
        childValue(map.children[0], itemKey, sequence, keyValue);
        if (!keys.add(keyValue)) {
            continue;
        }
        entry(keys.last(), itemKey);
        ++written;
    }
}

} // namespace streamgen
