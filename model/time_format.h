#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace streamgen::detail {

/// Days since 1970-01-01 of "YYYY-MM-DD" (years 0000-9999), or nullopt when malformed.
std::optional<int32_t> parseIsoDate(const std::string& text);
/// Epoch milliseconds of "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS[.mmm]Z" (UTC; `Z` optional).
std::optional<int64_t> parseIsoTimestamp(const std::string& text);

std::string formatIsoDate(int32_t days);
/// "YYYY-MM-DDTHH:MM:SSZ", with ".mmm" only when the milliseconds are not zero.
std::string formatIsoTimestamp(int64_t epochMs);

/// True when the day lies in the years that the ISO forms above can spell.
bool isFormattableDay(int64_t days);

} // namespace streamgen::detail
