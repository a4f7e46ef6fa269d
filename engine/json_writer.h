#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace streamgen::json {

/// Appends `text` as a JSON string literal, quotes included, escaped per RFC 8259. Bytes >= 0x80
/// pass through unchanged (UTF-8 is valid JSON text as is).
void appendQuoted(std::string& out, std::string_view text);

/// `text` as a JSON string literal (appendQuoted), in a string of its own.
std::string quote(std::string_view text);

/// Appends [begin, end). `std::string::append(first, last)` would take the iterator overload,
/// which goes through `replace` and is several times slower for the short texts written here.
inline void appendSpan(std::string& out, const char* begin, const char* end) {
    out.append(begin, static_cast<std::size_t>(end - begin));
}

/// Appends an integer in decimal.
inline void appendInt(std::string& out, int64_t value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    appendSpan(out, buffer, result.ptr);
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm, proleptic Gregorian).
struct CivilDate {
    int64_t year;
    unsigned month;
    unsigned day;
};
constexpr CivilDate civilFromDays(int64_t days) {
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned mp = (5 * dayOfYear + 2) / 153;
    const unsigned day = dayOfYear - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int64_t>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

/// Writes "YYYY-MM-DD" (years outside 0..9999 are written in full) and returns the end.
char* writeDate(char* out, int64_t days);
/// Writes "YYYY-MM-DDTHH:MM:SS" for the second containing `epochSeconds`; returns the end.
char* writeDateTime(char* out, int64_t epochSeconds);
/// Writes ".mmmZ" for the milliseconds 0..999; returns the end.
char* writeMillis(char* out, unsigned millis);

/// Appends `"YYYY-MM-DDTHH:MM:SS.mmmZ"` (quoted) for epoch milliseconds, UTC.
void appendTimestamp(std::string& out, int64_t epochMs);
/// Appends `"YYYY-MM-DD"` (quoted) for days since 1970-01-01.
void appendDate(std::string& out, int64_t days);

/// Floor division and its non-negative remainder, for times before 1970.
constexpr int64_t floorDiv(int64_t a, int64_t b) {
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}
constexpr int64_t floorMod(int64_t a, int64_t b) {
    return a - floorDiv(a, b) * b;
}

} // namespace streamgen::json
