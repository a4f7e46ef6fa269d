#pragma once

#include "engine/json_writer.h"
#include "engine/value.h"

#include <charconv>
#include <cstdint>
#include <string>
#include <type_traits>

namespace streamgen::text {

/// The plain text forms of typed values, shared by the text encoders (JSON, CSV), partition
/// keys and previews, so that a value reads the same in every one of them.

namespace detail {

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
inline constexpr HexTable kHex;

/// Writes the `bytes` low-order bytes of `value`, most significant first, as hex.
inline char* writeHex(char* out, uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) {
        const auto byte = static_cast<unsigned>(value >> (8 * i)) & 0xFFU;
        *out++ = kHex.pairs[2 * byte];
        *out++ = kHex.pairs[2 * byte + 1];
    }
    return out;
}

} // namespace detail

/// Writes the 36-character lowercase form of a UUID; returns the end.
inline char* writeUuid(char* p, uint64_t high, uint64_t low) {
    p = detail::writeHex(p, high >> 32, 4);
    *p++ = '-';
    p = detail::writeHex(p, high >> 16, 2);
    *p++ = '-';
    p = detail::writeHex(p, high, 2);
    *p++ = '-';
    p = detail::writeHex(p, low >> 48, 2);
    *p++ = '-';
    return detail::writeHex(p, low, 6);
}

/// Appends "YYYY-MM-DDTHH:MM:SS.mmmZ" for epoch milliseconds, UTC. Consecutive values of one
/// thread mostly share their second, whose text is kept.
void appendTimestamp(std::string& out, int64_t epochMs);
/// Appends "YYYY-MM-DD" for days since 1970-01-01.
void appendDate(std::string& out, int64_t days);

/// Writes the shortest text that reads back as `value`, exactly as std::to_chars does, into
/// [out, out + 64); returns the end. Values with few decimals (prices, rounded results) take a
/// short path of a few multiplications instead of the general algorithm.
char* writeShortest(char* out, double value);
char* writeShortest(char* out, float value);

template <typename T> inline void appendShortest(std::string& out, T value) {
    char buffer[64];
    if constexpr (std::is_floating_point_v<T>) {
        const auto length = static_cast<std::size_t>(writeShortest(buffer, value) - buffer);
        if (length > sizeof buffer) {
            __builtin_unreachable(); // tells GCC the copy is short; it warns of overlaps otherwise
        }
        out.append(buffer, length);
    } else {
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
        out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
    }
}

/// Appends a Decimal with exactly its scale's digits after the point.
void appendDecimal(std::string& out, const Value& value);

/// Writes an Int, Float32 or Float64 (as `appendNumber` does) into [out, out + 64); returns the
/// end.
inline char* writeNumber(char* out, const Value& value) {
    switch (value.type) {
    case ValueType::Float32:
        return writeShortest(out, static_cast<float>(value.real));
    case ValueType::Float64:
        return writeShortest(out, value.real);
    default:
        return std::to_chars(out, out + 64, value.integer).ptr;
    }
}

/// Appends a number: Int in decimal, Float32 / Float64 in their shortest round-trip form,
/// Decimal with fixed digits.
inline void appendNumber(std::string& out, const Value& value) {
    switch (value.type) {
    case ValueType::Float32:
        appendShortest(out, static_cast<float>(value.real));
        return;
    case ValueType::Float64:
        appendShortest(out, value.real);
        return;
    case ValueType::Decimal:
        appendDecimal(out, value);
        return;
    default:
        appendShortest(out, value.integer);
        return;
    }
}

/// Appends a struct, array or map value as JSON text (engine/encoders/nested_json.cpp).
void appendNested(std::string& out, const Value& value);

/// Appends the value as plain text without quotes or escaping: "" for null, true/false, numbers
/// as above, strings as they are, UUIDs, timestamps and dates in their ISO forms.
inline void appendPlain(std::string& out, const Value& value) {
    switch (value.type) {
    case ValueType::Null:
        return;
    case ValueType::Bool:
        if (value.integer != 0) {
            out.append("true", 4);
        } else {
            out.append("false", 5);
        }
        return;
    case ValueType::String:
        out.append(value.text);
        return;
    case ValueType::Timestamp:
        appendTimestamp(out, value.integer);
        return;
    case ValueType::Date:
        appendDate(out, value.integer);
        return;
    case ValueType::Uuid: {
        char buffer[36];
        writeUuid(buffer, value.high, value.low);
        out.append(buffer, sizeof buffer);
        return;
    }
    case ValueType::Nested:
        appendNested(out, value);
        return;
    default:
        appendNumber(out, value);
        return;
    }
}

} // namespace streamgen::text
