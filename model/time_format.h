#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace streamgen::detail {

/// Days since 1970-01-01 of "YYYY-MM-DD" (years 0000-9999), or nullopt when malformed.
std::optional<int32_t> parseIsoDate(const std::string& text);
/// Epoch milliseconds of "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS[.mmm]Z" (UTC; `Z` optional).
std::optional<int64_t> parseIsoTimestamp(std::string_view text);

std::string formatIsoDate(int32_t days);
/// "YYYY-MM-DDTHH:MM:SSZ", with ".mmm" only when the milliseconds are not zero.
std::string formatIsoTimestamp(int64_t epochMs);

/// Milliseconds of a duration as dbldatagen writes intervals: "1 second", "500 milliseconds",
/// "days=1,hours=1", "INTERVAL 60 SECONDS" (units from microseconds to years of 52 weeks,
/// singular or plural, numbers may have a fraction). Unlike dbldatagen, an unknown unit or a part
/// that does not read is an error (`error` says which) rather than silently nothing.
std::optional<int64_t> parseDurationMs(const std::string& text, std::string* error);

/// True when the day lies in the years that the ISO forms above can spell.
bool isFormattableDay(int64_t days);

} // namespace streamgen::detail
