#include "time_format.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace streamgen::detail {

namespace {

constexpr int64_t kMsPerDay = 86'400'000;

// Howard Hinnant's civil-calendar algorithms: exact for the proleptic Gregorian calendar.
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}

bool digitsAt(std::string_view text, std::size_t pos, std::size_t count, unsigned& out) {
    if (pos + count > text.size()) {
        return false;
    }
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        out = out * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return true;
}

unsigned daysInMonth(unsigned year, unsigned month) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<int64_t> datePrefix(std::string_view text) {
    unsigned y = 0, m = 0, d = 0;
    if (!digitsAt(text, 0, 4, y) || text.size() < 10 || text[4] != '-' ||
        !digitsAt(text, 5, 2, m) || text[7] != '-' || !digitsAt(text, 8, 2, d) || m < 1 || m > 12 ||
        d < 1 || d > daysInMonth(y, m)) {
        return std::nullopt;
    }
    return daysFromCivil(y, m, d);
}

} // namespace

std::optional<int32_t> parseIsoDate(const std::string& text) {
    if (text.size() != 10) {
        return std::nullopt;
    }
    const auto days = datePrefix(text);
    return days ? std::optional<int32_t>(static_cast<int32_t>(*days)) : std::nullopt;
}

std::optional<int64_t> parseIsoTimestamp(std::string_view text) {
    const auto days = datePrefix(text);
    if (!days) {
        return std::nullopt;
    }
    if (text.size() == 10) {
        return *days * kMsPerDay;
    }
    unsigned h = 0, mi = 0, s = 0, ms = 0;
    if ((text[10] != 'T' && text[10] != ' ') || !digitsAt(text, 11, 2, h) || text.size() < 19 ||
        text[13] != ':' || !digitsAt(text, 14, 2, mi) || text[16] != ':' ||
        !digitsAt(text, 17, 2, s) || h > 23 || mi > 59 || s > 59) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        if (!digitsAt(text, pos + 1, 3, ms)) {
            return std::nullopt;
        }
        pos += 4;
    }
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    return *days * kMsPerDay + ((h * 60 + mi) * 60 + s) * 1000LL + ms;
}

std::string formatIsoDate(int32_t days) {
    int64_t y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buffer;
}

std::string formatIsoTimestamp(int64_t epochMs) {
    int64_t days = epochMs / kMsPerDay;
    int64_t rest = epochMs % kMsPerDay;
    if (rest < 0) {
        rest += kMsPerDay;
        --days;
    }
    int64_t y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    const auto ms = static_cast<unsigned>(rest % 1000);
    const auto totalSeconds = static_cast<unsigned>(rest / 1000);
    char buffer[48];
    const int n = std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02u:%02u:%02u",
                                static_cast<long long>(y), m, d, totalSeconds / 3600,
                                totalSeconds / 60 % 60, totalSeconds % 60);
    std::string out(buffer, static_cast<std::size_t>(n));
    if (ms != 0) {
        std::snprintf(buffer, sizeof buffer, ".%03u", ms);
        out += buffer;
    }
    return out + "Z";
}

bool isFormattableDay(int64_t days) {
    return days >= daysFromCivil(0, 1, 1) && days <= daysFromCivil(9999, 12, 31);
}

} // namespace streamgen::detail

namespace streamgen::detail {

namespace {

std::string lowerCase(std::string_view text) {
    std::string out;
    for (char c : text) {
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
        text.remove_suffix(1);
    }
    return text;
}

/// Milliseconds of one unit, singular or plural; 0 when unknown.
double unitMs(std::string unit) {
    if (unit.size() > 1 && unit.back() == 's') {
        unit.pop_back();
    }
    static const std::pair<const char*, double> kUnits[] = {
        {"microsecond", 0.001}, {"millisecond", 1.0},          {"second", 1000.0},
        {"minute", 60'000.0},   {"hour", 3'600'000.0},         {"day", 86'400'000.0},
        {"week", 604'800'000.0}, {"year", 52 * 604'800'000.0},
    };
    for (const auto& [name, ms] : kUnits) {
        if (unit == name) {
            return ms;
        }
    }
    return 0.0;
}

} // namespace

std::optional<int64_t> parseDurationMs(const std::string& text, std::string* error) {
    std::string rest = lowerCase(trimmed(text));
    if (rest.rfind("interval ", 0) == 0) {
        rest = rest.substr(9);
    }
    double total = 0.0;
    std::size_t start = 0;
    while (start <= rest.size()) {
        const std::size_t comma = rest.find(',', start);
        const std::string part(trimmed(std::string_view(rest).substr(
            start, comma == std::string::npos ? std::string::npos : comma - start)));
        std::string unit;
        std::string number;
        if (const std::size_t eq = part.find('='); eq != std::string::npos) {
            unit = std::string(trimmed(std::string_view(part).substr(0, eq)));
            number = std::string(trimmed(std::string_view(part).substr(eq + 1)));
        } else if (const std::size_t space = part.find(' '); space != std::string::npos) {
            number = part.substr(0, space);
            unit = std::string(trimmed(std::string_view(part).substr(space + 1)));
        }
        char* end = nullptr;
        const double value = number.empty() ? 0.0 : std::strtod(number.c_str(), &end);
        const double ms = unitMs(unit);
        if (number.empty() || end != number.c_str() + number.size() || !(value >= 0.0) ||
            ms == 0.0) {
            if (error != nullptr) {
                *error = "cannot read `" + part +
                         "` as a duration; expected e.g. \"1 second\", \"500 milliseconds\" "
                         "or \"days=1,hours=1\"";
            }
            return std::nullopt;
        }
        total += value * ms;
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    if (!(total >= 1.0) || total > 9.2e18) {
        if (error != nullptr) {
            *error = "a duration must be at least 1 millisecond";
        }
        return std::nullopt;
    }
    return static_cast<int64_t>(std::llround(total));
}

} // namespace streamgen::detail
