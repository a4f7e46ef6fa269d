#include "sink_options.h"

#include "model/secrets.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace streamgen {

std::optional<std::string> sinkOption(const OptionNode& options, const std::string& key,
                                      std::string& error) {
    const OptionNode* node = options.find(key);
    if (!node || node->kind == OptionNode::Kind::Null) {
        return std::nullopt;
    }
    if (node->kind != OptionNode::Kind::Scalar) {
        error = "sink_config." + key + ": expected a single value";
        return std::nullopt;
    }
    std::string secretError;
    auto value = resolveSecrets(node->scalar, &secretError);
    if (!value) {
        error = "sink_config." + key + ": " + secretError;
    }
    return value;
}

std::optional<int64_t> parseInteger(std::string_view text) {
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parseNumber(std::string_view text) {
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<bool> parseBoolean(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "true" || lower == "yes" || lower == "on") {
        return true;
    }
    if (lower == "false" || lower == "no" || lower == "off") {
        return false;
    }
    return std::nullopt;
}

bool readNonNegative(const SinkConfig& config, const std::string& key, double& out,
                     std::string& error) {
    const auto text = sinkOption(config.options, key, error);
    if (!text) {
        return error.empty();
    }
    const auto value = parseNumber(*text);
    if (!value || *value < 0.0) {
        error = "sink_config." + key + ": expected a number >= 0, got `" + *text + "`";
        return false;
    }
    out = *value;
    return true;
}

} // namespace streamgen
