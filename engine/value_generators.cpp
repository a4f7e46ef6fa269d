#include "value_generators.h"

#include "hash.h"
#include "json_writer.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>

namespace streamgen {

namespace {

// Draw numbers of one field; each is an independent hash of (event, field, index).
constexpr uint64_t kValueDraw = 0;
constexpr uint64_t kSecondValueDraw = 1;
constexpr uint64_t kNullDraw = 7;

struct HexTable {
    char pairs[512];
    constexpr HexTable() : pairs() {
        constexpr char digits[] = "0123456789abcdef";
        for (int i = 0; i < 256; ++i) {
            pairs[2 * i] = digits[i >> 4];
            pairs[2 * i + 1] = digits[i & 0xF];
        }
    }
};
constexpr HexTable kHex;

/// Writes the `bytes` low-order bytes of `value`, most significant first, as hex.
char* writeHex(char* out, uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) {
        const auto byte = static_cast<unsigned>(value >> (8 * i)) & 0xFFU;
        *out++ = kHex.pairs[2 * byte];
        *out++ = kHex.pairs[2 * byte + 1];
    }
    return out;
}

void appendUuid(std::string& out, uint64_t high, uint64_t low) {
    // RFC 4122 version 4: version nibble 0100, variant bits 10.
    high = (high & ~0xF000ULL) | 0x4000ULL;
    low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
    char text[38];
    char* p = text;
    *p++ = '"';
    p = writeHex(p, high >> 32, 4);
    *p++ = '-';
    p = writeHex(p, high >> 16, 2);
    *p++ = '-';
    p = writeHex(p, high, 2);
    *p++ = '-';
    p = writeHex(p, low >> 48, 2);
    *p++ = '-';
    p = writeHex(p, low, 6);
    *p++ = '"';
    out.append(text, p);
}

int64_t uniformInteger(const ValueGenerator& g, uint64_t bits) {
    const uint64_t offset = g.span == 0 ? bits : hash::below(bits, g.span);
    return static_cast<int64_t>(static_cast<uint64_t>(g.lo) + offset);
}

template <typename T> void appendShortest(std::string& out, T value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendFixed(std::string& out, double value, int precision) {
    char buffer[400];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, precision);
    out.append(buffer, result.ptr);
}

double uniformReal(const ValueGenerator& g, uint64_t bits) {
    const double u = hash::unit(bits);
    return std::isfinite(g.width) ? std::min(g.min + u * g.width, g.max)
                                  : g.min * (1.0 - u) + g.max * u;
}

int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// Events of one worker mostly fall into the same second: only the milliseconds change.
void appendNow(std::string& out) {
    struct SecondCache {
        int64_t second = INT64_MIN;
        char text[40];
        char* end = text;
    };
    thread_local SecondCache cache;
    const int64_t ms = nowMs();
    const int64_t second = json::floorDiv(ms, 1000);
    if (second != cache.second) {
        cache.text[0] = '"';
        cache.end = json::writeDateTime(cache.text + 1, second);
        cache.second = second;
    }
    char tail[6];
    json::writeMillis(tail, static_cast<unsigned>(json::floorMod(ms, 1000)));
    tail[5] = '"';
    out.append(cache.text, cache.end);
    out.append(tail, sizeof tail);
}

void compileReal(const FieldSpec& field, ValueGenerator& g) {
    g.min = field.floatMin;
    g.max = field.floatMax;
    g.width = field.floatMax - field.floatMin;
    if (!field.precision) {
        g.kind = field.type == FieldType::Float ? ValueKind::Float32 : ValueKind::Float64;
        g.min32 = static_cast<float>(field.floatMin);
        g.max32 = static_cast<float>(field.floatMax);
        return;
    }
    // Draw a whole number of 10^-p steps inside [min, max], so rounding never leaves the range.
    g.kind = ValueKind::Fixed;
    g.precision = std::clamp(*field.precision, 0, 17);
    g.scale = std::pow(10.0, g.precision);
    double lo = std::round(field.floatMin * g.scale);
    if (lo / g.scale < field.floatMin) {
        lo += 1.0;
    }
    double hi = std::round(field.floatMax * g.scale);
    if (hi / g.scale > field.floatMax) {
        hi -= 1.0;
    }
    if (lo > hi) {
        lo = hi = std::round(field.floatMin * g.scale);
    }
    g.min = lo;
    g.width = hi - lo;
}

void compileInteger(int64_t lo, int64_t hi, ValueGenerator& g) {
    g.lo = lo;
    g.span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
}

void compileChoice(const FieldSpec& field, ValueGenerator& g) {
    g.kind = ValueKind::Choice;
    for (const auto& value : field.values) {
        g.choices.push_back(json::quote(value));
    }
    if (g.choices.empty()) {
        g.choices.push_back("\"\"");
    }
    if (!field.weights.empty() && field.weights.size() == field.values.size()) {
        g.choiceTable.build(field.weights);
    }
}

void compileTimestamp(const FieldSpec& field, ValueGenerator& g) {
    switch (field.timestampMode) {
    case TimestampMode::Now:
        g.kind = ValueKind::TimestampNow;
        break;
    case TimestampMode::Sequence:
        g.kind = ValueKind::TimestampSequence;
        g.lo = field.beginMs;
        g.intervalMs = field.intervalMs;
        break;
    case TimestampMode::Random:
        g.kind = ValueKind::TimestampRandom;
        compileInteger(std::min(field.beginMs, field.endMs), std::max(field.beginMs, field.endMs),
                       g);
        break;
    }
}

void renderPresent(const ValueGenerator& g, uint64_t key, uint64_t sequence, std::string& out) {
    const uint64_t bits = hash::draw(key, g.salt, kValueDraw);
    switch (g.kind) {
    case ValueKind::Uuid:
        appendUuid(out, bits, hash::draw(key, g.salt, kSecondValueDraw));
        break;
    case ValueKind::Integer:
        json::appendInt(out, uniformInteger(g, bits));
        break;
    case ValueKind::Float32:
        appendShortest(out, std::clamp(static_cast<float>(uniformReal(g, bits)), g.min32, g.max32));
        break;
    case ValueKind::Float64:
        appendShortest(out, uniformReal(g, bits));
        break;
    case ValueKind::Fixed: {
        const double steps = std::min(std::floor(hash::unit(bits) * (g.width + 1.0)), g.width);
        appendFixed(out, (g.min + steps) / g.scale, g.precision);
        break;
    }
    case ValueKind::Choice: {
        const std::size_t index = g.choiceTable.probability.empty()
                                      ? hash::below(bits, g.choices.size())
                                      : g.choiceTable.pick(bits);
        out.append(g.choices[index]);
        break;
    }
    case ValueKind::Boolean:
        out.append(hash::unit(bits) < g.trueRatio ? "true" : "false");
        break;
    case ValueKind::TimestampNow:
        appendNow(out);
        break;
    case ValueKind::TimestampSequence:
        json::appendTimestamp(out,
                              static_cast<int64_t>(static_cast<uint64_t>(g.lo) +
                                                   sequence * static_cast<uint64_t>(g.intervalMs)));
        break;
    case ValueKind::TimestampRandom:
        json::appendTimestamp(out, uniformInteger(g, bits));
        break;
    case ValueKind::DateRandom:
        json::appendDate(out, uniformInteger(g, bits));
        break;
    case ValueKind::DateToday:
        json::appendDate(out, json::floorDiv(nowMs(), 86400000));
        break;
    }
}

} // namespace

ValueGenerator compileValue(const FieldSpec& field) {
    ValueGenerator g;
    g.salt = hash::ofString(field.name);
    g.nullRatio = field.nullRatio;
    switch (field.type) {
    case FieldType::Uuid:
        g.kind = ValueKind::Uuid;
        break;
    case FieldType::Int:
    case FieldType::Long:
        g.kind = ValueKind::Integer;
        compileInteger(std::min(field.intMin, field.intMax), std::max(field.intMin, field.intMax),
                       g);
        break;
    case FieldType::Float:
    case FieldType::Double:
        compileReal(field, g);
        break;
    case FieldType::String:
        compileChoice(field, g);
        break;
    case FieldType::Boolean:
        g.kind = ValueKind::Boolean;
        g.trueRatio = field.trueRatio;
        break;
    case FieldType::Timestamp:
        compileTimestamp(field, g);
        break;
    case FieldType::Date:
        if (field.dateRange) {
            g.kind = ValueKind::DateRandom;
            compileInteger(std::min(field.dateRange->first, field.dateRange->second),
                           std::max(field.dateRange->first, field.dateRange->second), g);
        } else {
            g.kind = ValueKind::DateToday;
        }
        break;
    }
    return g;
}

void renderValue(const ValueGenerator& generator, uint64_t eventKey, uint64_t sequence,
                 std::string& out) {
    if (generator.nullRatio > 0.0 &&
        hash::unit(hash::draw(eventKey, generator.salt, kNullDraw)) < generator.nullRatio) {
        out.append("null");
        return;
    }
    renderPresent(generator, eventKey, sequence, out);
}

} // namespace streamgen
