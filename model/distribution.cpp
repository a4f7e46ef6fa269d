#include "distribution.h"

#include "number_format.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

namespace streamgen {

namespace {

using Kind = DistributionSpec::Kind;

/// A distribution's name and its parameters' names, in positional order.
struct Shape {
    const char* name;
    Kind kind;
    std::array<const char*, 2> parameters;
    bool firstMayBeNegative; ///< the normal's mean; every other parameter is > 0
};

constexpr std::array<Shape, 7> kShapes{{
    {"uniform", Kind::Uniform, {nullptr, nullptr}, false},
    {"normal", Kind::Normal, {"mean", "stddev"}, true},
    {"exponential", Kind::Exponential, {"rate", nullptr}, false},
    {"gamma", Kind::Gamma, {"shape", "scale"}, false},
    {"beta", Kind::Beta, {"alpha", "beta"}, false},
    {"pareto", Kind::Pareto, {"shape", "scale"}, false},
    {"zipf", Kind::Zipf, {"exponent", nullptr}, false},
}};

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

/// A cursor over the text that reports where it stands.
class Scanner {
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    void skipSpace() {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) {
            ++m_pos;
        }
    }
    bool done() {
        skipSpace();
        return m_pos >= m_text.size();
    }
    bool take(char c) {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    std::string_view word() {
        skipSpace();
        const std::size_t start = m_pos;
        const bool startsAWord =
            m_pos < m_text.size() &&
            (std::isalpha(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_');
        while (startsAWord && m_pos < m_text.size() &&
               (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_')) {
            ++m_pos;
        }
        return m_text.substr(start, m_pos - start);
    }
    bool number(double& value) {
        skipSpace();
        const char* begin = m_text.data() + m_pos;
        const char* end = m_text.data() + m_text.size();
        const char* from = begin != end && *begin == '+' ? begin + 1 : begin;
        const auto [ptr, ec] = std::from_chars(from, end, value);
        if (ec != std::errc() || !std::isfinite(value)) {
            return false;
        }
        m_pos += static_cast<std::size_t>(ptr - begin);
        return true;
    }
    std::size_t pos() const { return m_pos; }
    /// Moves past a Python module prefix such as `dg.distributions.`.
    void skipModulePrefix() {
        for (std::string_view prefix : {"dg.distributions.", "dbldatagen.distributions.",
                                        "distributions."}) {
            skipSpace();
            if (m_text.substr(m_pos, prefix.size()) == prefix) {
                m_pos += prefix.size();
                return;
            }
        }
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

DistributionError errorAt(const Scanner& scanner, std::string message) {
    return {std::move(message), scanner.pos()};
}

std::string parameterList(const Shape& shape) {
    std::string names;
    for (const char* name : shape.parameters) {
        if (name != nullptr) {
            names += names.empty() ? "" : ", ";
            names += name;
        }
    }
    return names;
}

/// Reads `(a, b)` or `(name=a, name=b)` after the name of `shape`.
std::optional<DistributionError> readParameters(Scanner& in, const Shape& shape,
                                                DistributionSpec& spec) {
    std::array<DistributionSpec::Parameter*, 2> slots{&spec.first, &spec.second};
    std::size_t positional = 0;
    if (in.take(')')) {
        return std::nullopt;
    }
    do {
        const std::size_t start = in.pos();
        std::size_t index = positional;
        const std::string_view key = in.word();
        if (!key.empty()) {
            index = 2;
            for (std::size_t i = 0; i < 2; ++i) {
                if (shape.parameters[i] != nullptr && equalsIgnoringCase(key, shape.parameters[i])) {
                    index = i;
                }
            }
            if (index == 2) {
                return DistributionError{std::string(shape.name) + " has no parameter `" +
                                             std::string(key) + "`; it takes " +
                                             parameterList(shape),
                                         start};
            }
            if (!in.take('=')) {
                return errorAt(in, "expected `=` after `" + std::string(key) + "`");
            }
        } else {
            ++positional;
        }
        if (index >= 2 || shape.parameters[index] == nullptr) {
            return DistributionError{std::string(shape.name) + " takes " +
                                         (parameterList(shape).empty()
                                              ? std::string("no parameters")
                                              : "only " + parameterList(shape)),
                                     start};
        }
        double value = 0.0;
        const std::size_t valueAt = in.pos();
        if (!in.number(value)) {
            return errorAt(in, "expected a number for " + std::string(shape.parameters[index]));
        }
        if (!(value > 0.0) && !(index == 0 && shape.firstMayBeNegative)) {
            return DistributionError{std::string(shape.parameters[index]) + " must be > 0, got " +
                                         detail::formatDouble(value),
                                     valueAt};
        }
        if (slots[index]->given) {
            return DistributionError{std::string(shape.parameters[index]) + " is given twice",
                                     start};
        }
        *slots[index] = {value, true};
    } while (in.take(','));
    if (!in.take(')')) {
        return errorAt(in, "expected `,` or `)`");
    }
    return std::nullopt;
}

} // namespace

const std::vector<std::string>& distributionNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> result;
        for (const Shape& shape : kShapes) {
            result.emplace_back(shape.name);
        }
        return result;
    }();
    return names;
}

std::variant<DistributionSpec, DistributionError> parseDistribution(std::string_view text) {
    Scanner in(text);
    DistributionSpec spec;
    if (in.done()) {
        return spec;
    }
    in.skipModulePrefix();
    const std::size_t nameAt = in.pos();
    const std::string_view name = in.word();
    const Shape* shape = nullptr;
    for (const Shape& candidate : kShapes) {
        if (equalsIgnoringCase(name, candidate.name)) {
            shape = &candidate;
        }
    }
    if (shape == nullptr) {
        std::string names;
        for (const Shape& candidate : kShapes) {
            names += names.empty() ? "" : ", ";
            names += candidate.name;
        }
        return DistributionError{"unknown distribution `" + std::string(name) + "`; expected " +
                                     names,
                                 nameAt};
    }
    spec.kind = shape->kind;
    if (in.take('(')) {
        if (auto error = readParameters(in, *shape, spec)) {
            return *error;
        }
    }
    if (!in.done()) {
        return errorAt(in, "unexpected text after the distribution");
    }
    return spec;
}

} // namespace streamgen
