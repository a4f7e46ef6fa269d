#pragma once

#include <charconv>
#include <cmath>
#include <string>

namespace streamgen::detail {

/// The shortest text that reads back as exactly `value`; YAML's spelling for infinities and NaN.
inline std::string formatDouble(double value) {
    if (std::isnan(value)) {
        return ".nan";
    }
    if (std::isinf(value)) {
        return value > 0 ? ".inf" : "-.inf";
    }
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : std::to_string(value);
}

} // namespace streamgen::detail
