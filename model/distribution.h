#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace streamgen {

/// The shape a numeric field's values follow inside its range (`distribution:`), in
/// dbldatagen's spellings: `"normal"`, `"Normal(mean, stddev)"`, `"normal(mean=5, stddev=2)"`,
/// `"exponential(rate=1.5)"`, `"gamma(shape, scale)"`, `"beta(alpha, beta)"`, `"pareto(shape)"`,
/// and StreamGen's `"zipf(exponent)"`. A leading `dg.distributions.` is accepted as written in
/// Python.
///
/// Parameters are in the units of the field's values: `normal(170, 10)` on `[140, 210]` is
/// centred at 170. A parameter left out takes a value that fits the range (see
/// `DistributionSpec::Parameter`).
struct DistributionSpec {
    enum class Kind { Uniform, Normal, Exponential, Gamma, Beta, Pareto, Zipf };

    /// One parameter as given; `given` false means "fit it to the range".
    struct Parameter {
        double value = 0.0;
        bool given = false;
    };

    Kind kind = Kind::Uniform;
    /// Normal: mean, stddev. Exponential: rate. Gamma: shape, scale. Beta: alpha, beta.
    /// Pareto: shape, scale. Zipf: exponent.
    Parameter first;
    Parameter second;

    bool operator==(const DistributionSpec&) const = default;
};

/// A problem in a distribution's text: what is wrong and where (0-based offset in the text).
struct DistributionError {
    std::string message;
    std::size_t offset = 0;
};

/// Reads `text`; "" is the uniform distribution.
std::variant<DistributionSpec, DistributionError> parseDistribution(std::string_view text);

/// The names `parseDistribution` accepts, for messages and suggestions.
const std::vector<std::string>& distributionNames();

} // namespace streamgen
