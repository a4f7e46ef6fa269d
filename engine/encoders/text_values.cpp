#include "text_values.h"

#include "engine/json_writer.h"

namespace streamgen::text {

namespace {} // namespace

void appendTimestamp(std::string& out, int64_t epochMs) {
    struct SecondCache {
        int64_t second = INT64_MIN;
        char text[40];
        char* end = text;
    };
    thread_local SecondCache cache;
    const int64_t second = json::floorDiv(epochMs, 1000);
    if (second != cache.second) {
        cache.end = json::writeDateTime(cache.text, second);
        cache.second = second;
    }
    char tail[5];
    json::writeMillis(tail, static_cast<unsigned>(json::floorMod(epochMs, 1000)));
    out.append(cache.text, cache.end);
    out.append(tail, sizeof tail);
}

void appendDate(std::string& out, int64_t days) {
    char buffer[32];
    json::appendSpan(out, buffer, json::writeDate(buffer, days));
}

void appendDecimal(std::string& out, const Value& value) {
    char buffer[400];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, decimalValue(value),
                                      std::chars_format::fixed, value.scale);
    json::appendSpan(out, buffer, result.ptr);
}

} // namespace streamgen::text
