#include "yaml_reader.h"

#include "validator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace streamgen::detail {

namespace {

bool isIntegerText(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        text.remove_prefix(1);
    }
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string_view withoutPlus(std::string_view text) {
    if (text.size() > 1 && text.front() == '+' && text[1] != '-') {
        text.remove_prefix(1);
    }
    return text;
}

std::optional<double> specialDouble(std::string_view text) {
    const bool negative = !text.empty() && text.front() == '-';
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        text.remove_prefix(1);
    }
    if (text == ".inf" || text == ".Inf" || text == ".INF") {
        return negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    }
    if (text == ".nan" || text == ".NaN" || text == ".NAN") {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return std::nullopt;
}

} // namespace

SourceLocation locationOf(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0 || mark.column < 0) {
        return {};
    }
    return {mark.line + 1, mark.column + 1};
}

std::string describe(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return "a mapping";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Scalar: {
        std::string text = node.Scalar();
        if (text.size() > 40) {
            text = text.substr(0, 40) + "...";
        }
        return "`" + text + "`";
    }
    default:
        return "nothing";
    }
}

std::string joinPath(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}

YamlReader::YamlReader(Diagnostics& diagnostics, std::size_t maxNodes, int maxDepth)
    : m_diagnostics(diagnostics), m_maxNodes(maxNodes), m_maxDepth(maxDepth) {}

void YamlReader::visit(const YAML::Node& node) {
    if (++m_visited > m_maxNodes) {
        throw NodeLimitExceeded{locationOf(node)};
    }
}

void YamlReader::error(const YAML::Node& node, const std::string& path, std::string message) {
    m_diagnostics.push_back(
        {Diagnostic::Severity::Error, locationOf(node), std::move(message), path});
}

void YamlReader::warning(const YAML::Node& node, const std::string& path, std::string message) {
    m_diagnostics.push_back(
        {Diagnostic::Severity::Warning, locationOf(node), std::move(message), path});
}

bool YamlReader::expectMap(const YAML::Node& node, const std::string& path,
                           const std::string& what) {
    if (node.IsMap()) {
        return true;
    }
    error(node, path, "expected " + what + ", found " + describe(node));
    return false;
}

bool YamlReader::expectSequence(const YAML::Node& node, const std::string& path,
                                const std::string& what) {
    if (node.IsSequence()) {
        return true;
    }
    error(node, path, "expected " + what + ", found " + describe(node));
    return false;
}

std::vector<std::pair<std::string, std::pair<YAML::Node, YAML::Node>>>
YamlReader::entries(const YAML::Node& map, const std::string& path,
                    const std::vector<std::string>& known) {
    std::vector<std::pair<std::string, std::pair<YAML::Node, YAML::Node>>> result;
    std::unordered_map<std::string, int> firstLine;
    for (auto it = map.begin(); it != map.end(); ++it) {
        visit(it->first);
        visit(it->second);
        if (!it->first.IsScalar()) {
            error(it->first, path, "expected a plain key, found " + describe(it->first));
            continue;
        }
        const std::string& key = it->first.Scalar();
        const std::string keyPath = joinPath(path, key);
        if (const auto seen = firstLine.find(key); seen != firstLine.end()) {
            error(it->first, keyPath,
                  "duplicate key `" + key + "` (first given on line " +
                      std::to_string(seen->second) + ")");
            continue;
        }
        firstLine.emplace(key, locationOf(it->first).line);
        if (!known.empty() && std::find(known.begin(), known.end(), key) == known.end()) {
            const std::string suggestion = nearestName(key, known);
            warning(it->first, keyPath,
                    "unknown key `" + key + "` is ignored" +
                        (suggestion.empty() ? "" : "; did you mean `" + suggestion + "`?"));
            continue;
        }
        result.emplace_back(key, std::make_pair(it->first, it->second));
    }
    return result;
}

std::optional<std::string> YamlReader::readString(const YAML::Node& node, const std::string& path) {
    if (node.IsScalar()) {
        return node.Scalar();
    }
    error(node, path, "expected a string, found " + describe(node));
    return std::nullopt;
}

std::optional<double> YamlReader::readDouble(const YAML::Node& node, const std::string& path) {
    if (!node.IsScalar()) {
        error(node, path, "expected a number, found " + describe(node));
        return std::nullopt;
    }
    const std::string& text = node.Scalar();
    if (auto special = specialDouble(text)) {
        return special;
    }
    const std::string_view digits = withoutPlus(text);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (end != digits.data() + digits.size() || digits.empty()) {
        error(node, path, "expected a number, found " + describe(node));
        return std::nullopt;
    }
    if (ec == std::errc::result_out_of_range) {
        error(node, path, "number `" + text + "` is out of range; expected a finite number");
        return std::nullopt;
    }
    if (ec != std::errc{}) {
        error(node, path, "expected a number, found " + describe(node));
        return std::nullopt;
    }
    return value;
}

std::optional<int64_t> YamlReader::readInt(const YAML::Node& node, const std::string& path,
                                           int64_t min, int64_t max) {
    const std::string range =
        "an integer between " + std::to_string(min) + " and " + std::to_string(max);
    if (!node.IsScalar() || !isIntegerText(node.Scalar())) {
        error(node, path, "expected " + range + ", found " + describe(node));
        return std::nullopt;
    }
    const std::string_view digits = withoutPlus(node.Scalar());
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || end != digits.data() + digits.size() || value < min || value > max) {
        error(node, path, "expected " + range + ", found " + describe(node));
        return std::nullopt;
    }
    return value;
}

std::optional<uint64_t> YamlReader::readUnsigned(const YAML::Node& node, const std::string& path) {
    const std::string range =
        "an integer between 0 and " + std::to_string(std::numeric_limits<uint64_t>::max());
    if (!node.IsScalar() || !isIntegerText(node.Scalar()) || node.Scalar().front() == '-') {
        error(node, path, "expected " + range + ", found " + describe(node));
        return std::nullopt;
    }
    const std::string_view digits = withoutPlus(node.Scalar());
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || end != digits.data() + digits.size()) {
        error(node, path, "expected " + range + ", found " + describe(node));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> YamlReader::readBool(const YAML::Node& node, const std::string& path) {
    bool value = false;
    if (node.IsScalar() && YAML::convert<bool>::decode(node, value)) {
        return value;
    }
    error(node, path, "expected true or false, found " + describe(node));
    return std::nullopt;
}

} // namespace streamgen::detail
