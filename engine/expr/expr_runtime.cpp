#include "engine/expr/expr_runtime.h"

#include "engine/encoders/text_values.h"
#include "engine/expr/expr_cells.h"
#include "engine/hash.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numbers>

namespace streamgen::expr::detail {

namespace {

std::string_view trim(std::string_view text) {
    const auto isSpace = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    while (!text.empty() && isSpace(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && isSpace(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

bool isContinuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

/// The byte offset of character `index` (clamped to the end).
std::size_t byteOffset(std::string_view text, int64_t index) {
    std::size_t offset = 0;
    for (int64_t seen = 0; offset < text.size() && seen < index; ++seen) {
        ++offset;
        while (offset < text.size() && isContinuation(text[offset])) {
            ++offset;
        }
    }
    return offset;
}

bool equalsIgnoringCase(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
        if (c != lower[i]) {
            return false;
        }
    }
    return true;
}

std::string_view joined(const Cell* first, uint32_t count, Arena& arena) {
    std::size_t size = 0;
    for (uint32_t i = 0; i < count; ++i) {
        size += first[i].text.size();
    }
    char* out = arena.take(size);
    if (out == nullptr) {
        return {};
    }
    for (uint32_t i = 0; i < count; ++i) {
        if (!first[i].text.empty()) {
            std::memcpy(out, first[i].text.data(), first[i].text.size());
            out += first[i].text.size();
        }
    }
    return {out - size, size};
}

} // namespace

double roundHalfUp(double value, int digits) {
    if (!std::isfinite(value) || value == 0.0) {
        return value;
    }
    if (digits >= 0 && digits <= 22) {
        // Away from a tie the scaled value decides alone, and kept / 10^digits, a quotient of
        // two exact doubles, is the double nearest to the decimal: what the digits below
        // would give, without printing and reading numbers.
        static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        const double scale = kPowers[digits];
        const double scaled = std::fabs(value) * scale;
        const double whole = std::floor(scaled);
        const double fraction = scaled - whole;
        if (scaled < 0x1p52 && std::fabs(fraction - 0.5) > scaled * 0x1p-49 + 0x1p-40) {
            const double rounded = (whole + (fraction > 0.5 ? 1.0 : 0.0)) / scale;
            return value < 0 ? -rounded : rounded;
        }
    }
    return roundHalfUpByDigits(value, digits);
}

double roundHalfUpByDigits(double value, int digits) {
    if (!std::isfinite(value) || value == 0.0) {
        return value;
    }
    // The shortest digits that read back as `value`: what Java's Double.toString gives Spark's
    // BigDecimal, which then rounds half up.
    char buffer[64];
    const char* end = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value),
                                    std::chars_format::scientific)
                          .ptr;
    char mantissa[32];
    int count = 0;
    const char* p = buffer;
    for (; p < end && *p != 'e'; ++p) {
        if (*p != '.') {
            mantissa[count++] = *p;
        }
    }
    int exponent = 0;
    std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exponent);
    const int keep = exponent + 1 + digits; // digits of the mantissa that stay
    if (keep >= count) {
        return value;
    }
    if (keep < 0) {
        return 0.0;
    }
    uint64_t kept = 0;
    for (int i = 0; i < keep; ++i) {
        kept = kept * 10 + static_cast<uint64_t>(mantissa[i] - '0');
    }
    if (mantissa[keep] >= '5') {
        ++kept;
    }
    // kept * 10^-digits, read back by from_chars so that it is the nearest double.
    char text[48];
    const auto written = std::to_chars(text, text + 24, kept);
    text[written.ptr - text] = 'e';
    char* const last = std::to_chars(written.ptr + 1, text + sizeof text, -digits).ptr;
    double rounded = 0.0;
    std::from_chars(text, last, rounded);
    return value < 0 ? -rounded : rounded;
}

int64_t roundHalfUp(int64_t value, int digits) {
    if (digits >= 0) {
        return value;
    }
    if (digits < -18) {
        return 0;
    }
    int64_t unit = 1;
    for (int i = 0; i < -digits; ++i) {
        unit *= 10;
    }
    int64_t quotient = value / unit;
    const int64_t remainder = value % unit;
    if (std::llabs(remainder) * 2 >= unit) {
        quotient += value < 0 ? -1 : 1;
    }
    return static_cast<int64_t>(static_cast<uint64_t>(quotient) * static_cast<uint64_t>(unit));
}

int64_t truncateToInt(double value) {
    if (std::isnan(value)) {
        return 0;
    }
    if (value >= 0x1.0p63) {
        return std::numeric_limits<int64_t>::max();
    }
    if (value <= -0x1.0p63) {
        return std::numeric_limits<int64_t>::min();
    }
    return static_cast<int64_t>(value);
}

std::optional<int64_t> parseInt(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    int64_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec == std::errc() && result.ptr == text.data() + text.size()) {
        return value;
    }
    // Spark reads "1.9" as 1: through a decimal, truncated.
    const std::optional<double> real = parseDouble(text);
    if (real && std::isfinite(*real) && std::fabs(*real) < 0x1.0p63) {
        return static_cast<int64_t>(*real);
    }
    return std::nullopt;
}

std::optional<double> parseDouble(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double value = 0.0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<bool> parseBool(std::string_view text) {
    text = trim(text);
    for (const std::string_view yes : {"t", "true", "y", "yes", "1"}) {
        if (equalsIgnoringCase(text, yes)) {
            return true;
        }
    }
    for (const std::string_view no : {"f", "false", "n", "no", "0"}) {
        if (equalsIgnoringCase(text, no)) {
            return false;
        }
    }
    return std::nullopt;
}

std::string_view substring(std::string_view text, int64_t position, int64_t length) {
    // Spark's UTF8String.substringSQL, in int64 so that nothing overflows.
    constexpr int64_t kLimit = int64_t{1} << 40;
    position = std::max(-kLimit, std::min(position, kLimit));
    length = std::max(-kLimit, std::min(length, kLimit));
    const int64_t characters = position < 0 ? characterCount(text) : 0;
    int64_t start = position > 0 ? position - 1 : (position < 0 ? characters + position : 0);
    const int64_t end = start + length;
    start = std::max<int64_t>(start, 0);
    if (start >= end) {
        return {};
    }
    const std::size_t first = byteOffset(text, start);
    const std::size_t last = first + byteOffset(text.substr(first), end - start);
    return text.substr(first, last - first);
}

int64_t characterCount(std::string_view text) {
    int64_t count = 0;
    for (const char c : text) {
        count += isContinuation(c) ? 0 : 1;
    }
    return count;
}

double standardNormal(uint64_t firstBits, uint64_t secondBits) {
    // 1 - u is in (0, 1], so the logarithm is finite.
    const double radius = std::sqrt(-2.0 * std::log(1.0 - hash::unit(firstBits)));
    return radius * std::cos(2.0 * std::numbers::pi * hash::unit(secondBits));
}

std::string_view plainText(const Value& value, Arena& arena, std::string& format) {
    format.clear();
    text::appendPlain(format, value);
    return arena.copy(format);
}

Value valueOf(const Cell& cell, ResultType type) {
    Value value;
    if (cell.null) {
        return value;
    }
    switch (type) {
    case ResultType::Bool:
        value.type = ValueType::Bool;
        value.integer = cell.integer != 0 ? 1 : 0;
        break;
    case ResultType::Int:
        value.type = ValueType::Int;
        value.integer = cell.integer;
        break;
    case ResultType::Double:
        value.type = ValueType::Float64;
        value.real = cell.real;
        break;
    case ResultType::String:
        value.type = ValueType::String;
        value.text = cell.text;
        break;
    case ResultType::Timestamp:
        value.type = ValueType::Timestamp;
        value.integer = cell.integer;
        break;
    case ResultType::Date:
        value.type = ValueType::Date;
        value.integer = cell.integer;
        break;
    case ResultType::Null:
        break;
    }
    return value;
}

std::string_view toText(const Cell& cell, uint8_t type, Arena& arena, std::string& format) {
    const Value value = valueOf(cell, static_cast<ResultType>(type));
    return plainText(value, arena, format);
}

uint64_t hashOf(const Cell& cell, uint8_t type) {
    if (isText(type)) {
        return hash::ofString(cell.text);
    }
    if (isReal(type)) {
        const double real = cell.real == 0.0 ? 0.0 : cell.real; // -0.0 hashes as 0.0
        uint64_t word = 0;
        std::memcpy(&word, &real, sizeof word);
        return word;
    }
    return bits(cell.integer);
}

std::string_view changeCase(std::string_view text, bool upper, Arena& arena) {
    const std::string_view copy = arena.copy(text);
    auto* out = const_cast<char*>(copy.data());
    for (std::size_t i = 0; i < copy.size(); ++i) {
        const char c = out[i];
        if (upper && c >= 'a' && c <= 'z') {
            out[i] = static_cast<char>(c - 'a' + 'A');
        } else if (!upper && c >= 'A' && c <= 'Z') {
            out[i] = static_cast<char>(c - 'A' + 'a');
        }
    }
    return copy;
}

void concatInto(Cell* first, uint32_t count, Arena& arena) {
    for (uint32_t i = 0; i < count; ++i) {
        if (first[i].null) {
            *first = nullCell();
            return;
        }
    }
    first->text = joined(first, count, arena);
}

void substringOf(Cell* first, uint32_t count) {
    for (uint32_t i = 0; i < count; ++i) {
        if (first[i].null) {
            *first = nullCell();
            return;
        }
    }
    const int64_t length = count == 3 ? first[2].integer : std::numeric_limits<int64_t>::max();
    first->text = substring(first->text, first[1].integer, length);
}

} // namespace streamgen::expr::detail
