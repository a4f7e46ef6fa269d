#include "engine/encoders/json_encoder.h"
#include "engine/encoders/text_values.h"
#include "engine/nested_values.h"

namespace streamgen::text {

// JSON and CSV write a nested value the same way: objects for structs and maps, arrays for
// arrays, each entry drawn as it is written.
void appendNested(std::string& out, const Value& value) {
    const NestedGenerator& nested = *value.nested;
    const uint64_t key = value.high;
    const uint64_t sequence = value.low;
    Value child;
    switch (nested.storage) {
    case ValueStorage::Array: {
        out.push_back('[');
        const uint64_t count = nested.length(key);
        for (uint64_t i = 0; i < count; ++i) {
            if (i != 0) {
                out.push_back(',');
            }
            childValue(nested.children[0], NestedGenerator::itemKey(key, i), sequence, child);
            JsonEncoder::appendValue(child, out);
        }
        out.push_back(']');
        return;
    }
    case ValueStorage::Map: {
        out.push_back('{');
        bool first = true;
        forEachMapEntry(nested, key, sequence, [&](std::string_view keyText, uint64_t itemKey) {
            if (!first) {
                out.push_back(',');
            }
            first = false;
            json::appendQuoted(out, keyText);
            out.push_back(':');
            childValue(nested.children[1], itemKey, sequence, child);
            JsonEncoder::appendValue(child, out);
        });
        out.push_back('}');
        return;
    }
    default:
        out.push_back('{');
        for (std::size_t i = 0; i < nested.children.size(); ++i) {
            if (i != 0) {
                out.push_back(',');
            }
            out.append(nested.children[i].jsonKey);
            childValue(nested.children[i], key, sequence, child);
            JsonEncoder::appendValue(child, out);
        }
        out.push_back('}');
        return;
    }
}

} // namespace streamgen::text
