#include "overrides.h"

#include <charconv>
#include <optional>
#include <variant>
#include <vector>

namespace streamgen::detail {

namespace {

/// One step of an override path: a map key or a list index.
using Step = std::variant<std::string, std::size_t>;

std::optional<std::vector<Step>> parsePath(const std::string& path) {
    std::vector<Step> steps;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '"') {
            // A quoted key may hold dots, like librdkafka's `"message.timeout.ms"`.
            const std::size_t close = path.find('"', i + 1);
            if (close == std::string::npos || close == i + 1) {
                return std::nullopt;
            }
            steps.emplace_back(path.substr(i + 1, close - i - 1));
            i = close + 1;
        } else {
            const std::size_t keyEnd = path.find_first_of(".[", i);
            const std::size_t end = keyEnd == std::string::npos ? path.size() : keyEnd;
            if (end == i) {
                return std::nullopt;
            }
            steps.emplace_back(path.substr(i, end - i));
            i = end;
        }
        while (i < path.size() && path[i] == '[') {
            const std::size_t close = path.find(']', i);
            std::size_t index = 0;
            const auto [ptr, ec] = std::from_chars(
                path.data() + i + 1, path.data() + std::min(close, path.size()), index);
            if (close == std::string::npos || ec != std::errc{} || ptr != path.data() + close) {
                return std::nullopt;
            }
            steps.emplace_back(index);
            i = close + 1;
        }
        if (i < path.size()) {
            if (path[i] != '.' || i + 1 == path.size()) {
                return std::nullopt;
            }
            ++i;
        }
    }
    if (steps.empty()) {
        return std::nullopt;
    }
    return steps;
}

std::string stepText(const std::string& prefix, const Step& step) {
    if (const auto* key = std::get_if<std::string>(&step)) {
        return prefix.empty() ? *key : prefix + "." + *key;
    }
    return prefix + "[" + std::to_string(std::get<std::size_t>(step)) + "]";
}

std::string named(const std::string& prefix) {
    return prefix.empty() ? "the top level" : "`" + prefix + "`";
}

/// Moves `node` one step down; returns an explanation when the step does not fit.
std::optional<std::string> descend(YAML::Node& node, const Step& step, const std::string& prefix,
                                   bool last, const YAML::Node& value) {
    if (const auto* key = std::get_if<std::string>(&step)) {
        if (node.IsDefined() && !node.IsMap() && !node.IsNull()) {
            return named(prefix) + " is not a mapping";
        }
        if (last) {
            node[*key] = value;
        } else {
            YAML::Node child = node[*key];
            node.reset(child);
        }
        return std::nullopt;
    }
    const std::size_t index = std::get<std::size_t>(step);
    if (!node.IsSequence()) {
        return named(prefix) + " is not a list";
    }
    if (index >= node.size()) {
        return "index " + std::to_string(index) + " is out of range (" + named(prefix) + " has " +
               std::to_string(node.size()) + " items)";
    }
    if (last) {
        node[index] = value;
    } else {
        YAML::Node child = node[index];
        node.reset(child);
    }
    return std::nullopt;
}

void report(Diagnostics& diagnostics, const std::string& spec, const std::string& message) {
    diagnostics.push_back(
        {Diagnostic::Severity::Error, {}, "override `" + spec + "`: " + message, ""});
}

} // namespace

bool applyOverride(YAML::Node& root, const std::string& spec, int maxDepth,
                   Diagnostics& diagnostics) {
    const std::size_t equals = spec.find('=');
    const auto steps =
        equals == std::string::npos ? std::nullopt : parsePath(spec.substr(0, equals));
    if (!steps || static_cast<int>(steps->size()) > maxDepth) {
        report(diagnostics, spec,
               "expected `dotted.key=value` (list items as `key[0]`, keys with dots quoted: "
               "`properties.\"linger.ms\"=5`)");
        return false;
    }
    const std::string text = spec.substr(equals + 1);
    YAML::Node value;
    try {
        value = text.empty() ? YAML::Node(std::string()) : YAML::Load(text);
    } catch (const YAML::Exception& e) {
        report(diagnostics, spec, "the value is not valid YAML: " + e.msg);
        return false;
    }
    if (root.IsNull()) {
        root = YAML::Node(YAML::NodeType::Map);
    }
    YAML::Node node = root;
    std::string prefix;
    for (std::size_t i = 0; i < steps->size(); ++i) {
        if (auto problem = descend(node, (*steps)[i], prefix, i + 1 == steps->size(), value)) {
            report(diagnostics, spec, *problem);
            return false;
        }
        prefix = stepText(prefix, (*steps)[i]);
    }
    return true;
}

} // namespace streamgen::detail
