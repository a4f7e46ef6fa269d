#include "text_values.h"

#include "engine/json_writer.h"

#include <cmath>
#include <cstdlib>

namespace streamgen::text {

namespace {

constexpr double kPowers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
constexpr int kMostShortDecimals = 6;

int digitCount(uint64_t value) {
    int count = 1;
    while (value >= 10) {
        value /= 10;
        ++count;
    }
    return count;
}

/// `value` as a whole number `m` of 10^-k for the smallest k <= 6, when `m` is small enough that
/// no other decimal of k digits reads back as `value` (`limit`: below half the type's mantissa
/// range); false when there is none.
template <typename T> bool shortDecimal(T value, uint64_t limit, uint64_t& m, int& k) {
    const T magnitude = value < 0 ? -value : value;
    for (k = 0; k <= kMostShortDecimals; ++k) {
        const T scale = static_cast<T>(kPowers[k]);
        const T scaled = std::nearbyint(magnitude * scale);
        if (!(scaled < static_cast<T>(limit))) {
            return false;
        }
        if (scaled / scale == magnitude) {
            m = static_cast<uint64_t>(scaled);
            return true;
        }
    }
    return false;
}

/// std::to_chars's shortest form of m * 10^-k: fixed notation unless scientific is shorter.
/// nullptr when scientific is, for the general algorithm to write.
char* writeFixed(char* out, bool negative, uint64_t m, int k) {
    const uint64_t power = static_cast<uint64_t>(kPowers[k]);
    const uint64_t whole = m / power;
    const uint64_t fraction = m % power;
    const int wholeDigits = digitCount(whole);
    const int fixedLength = wholeDigits + (k > 0 ? 1 + k : 0);
    // Scientific: the significant digits, a point after the first if there are more, e+XX.
    uint64_t significant = m;
    int trailingZeros = 0;
    while (significant != 0 && significant % 10 == 0) {
        significant /= 10;
        ++trailingZeros;
    }
    const int digits = m == 0 ? 1 : digitCount(significant);
    const int exponent = m == 0 ? 0 : digitCount(m) - 1 - k;
    const int exponentDigits = std::abs(exponent) >= 100 ? 3 : 2;
    const int scientificLength = digits + (digits > 1 ? 1 : 0) + 2 + exponentDigits;
    if (fixedLength > scientificLength) {
        return nullptr;
    }
    if (negative) {
        *out++ = '-';
    }
    out = std::to_chars(out, out + 24, whole).ptr;
    if (k > 0) {
        *out++ = '.';
        char* end = out + k;
        uint64_t rest = fraction;
        for (char* p = end; p != out;) {
            *--p = static_cast<char>('0' + rest % 10);
            rest /= 10;
        }
        out = end;
    }
    return out;
}

template <typename T> char* writeShortestOf(char* out, T value, uint64_t limit) {
    uint64_t m = 0;
    int k = 0;
    if (std::isfinite(value) && !(value == 0 && std::signbit(value)) &&
        shortDecimal(value, limit, m, k)) {
        if (char* end = writeFixed(out, value < 0, m, k)) {
            return end;
        }
    }
    return std::to_chars(out, out + 64, value).ptr;
}

} // namespace

char* writeShortest(char* out, double value) {
    return writeShortestOf(out, value, uint64_t{1} << 51);
}

char* writeShortest(char* out, float value) {
    return writeShortestOf(out, value, uint64_t{1} << 22);
}

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
    // The unscaled whole number, written as digits with the point put in: the same text as
    // formatting the double it stands for with `scale` digits, while it is below 2^52.
    const double whole = value.real;
    if (std::abs(whole) < 4503599627370496.0 && !(whole == 0 && std::signbit(whole)) &&
        whole == std::floor(whole) && value.scale <= kMostShortDecimals) {
        char buffer[32];
        char* end = buffer;
        const auto m = static_cast<uint64_t>(std::abs(whole));
        const auto power = static_cast<uint64_t>(kPowers[value.scale]);
        if (whole < 0) {
            *end++ = '-';
        }
        end = std::to_chars(end, buffer + sizeof buffer, m / power).ptr;
        if (value.scale > 0) {
            *end++ = '.';
            uint64_t rest = m % power;
            for (char* p = end + value.scale; p != end;) {
                *--p = static_cast<char>('0' + rest % 10);
                rest /= 10;
            }
            end += value.scale;
        }
        json::appendSpan(out, buffer, end);
        return;
    }
    char buffer[400];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, decimalValue(value),
                                      std::chars_format::fixed, value.scale);
    json::appendSpan(out, buffer, result.ptr);
}

} // namespace streamgen::text
