#include "format.h"

#include "encoders.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

namespace streamgen {

namespace {

template <std::size_t... I> std::vector<FormatInfo> collectInfos(std::index_sequence<I...>) {
    return {std::variant_alternative_t<I, AnyEncoder>::kInfo...};
}

template <std::size_t I = 0>
AnyEncoder construct(Format format, const EventLayout& layout, Diagnostics& diagnostics) {
    if constexpr (I < std::variant_size_v<AnyEncoder>) {
        using Encoder = std::variant_alternative_t<I, AnyEncoder>;
        if (Encoder::kInfo.format == format) {
            return AnyEncoder(std::in_place_index<I>, layout, diagnostics);
        }
        return construct<I + 1>(format, layout, diagnostics);
    } else {
        throw std::logic_error("unregistered format");
    }
}

} // namespace

const std::vector<FormatInfo>& formats() {
    static const std::vector<FormatInfo> list =
        collectInfos(std::make_index_sequence<std::variant_size_v<AnyEncoder>>());
    return list;
}

const std::vector<std::string>& formatNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const FormatInfo& info : formats()) {
            out.emplace_back(info.name);
        }
        return out;
    }();
    return names;
}

std::optional<Format> parseFormat(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const FormatInfo& info : formats()) {
        if (lower == info.name) {
            return info.format;
        }
    }
    return std::nullopt;
}

const FormatInfo& formatInfo(Format format) {
    for (const FormatInfo& info : formats()) {
        if (info.format == format) {
            return info;
        }
    }
    throw std::logic_error("unregistered format");
}

AnyEncoder makeEncoder(Format format, const EventLayout& layout, Diagnostics& diagnostics) {
    return construct(format, layout, diagnostics);
}

} // namespace streamgen
