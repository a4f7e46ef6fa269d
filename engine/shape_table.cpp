#include "shape_table.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace streamgen {

namespace {

using Kind = DistributionSpec::Kind;

// Quantiles come from Boost.Math, once per field at compile time; errors (a probability that
// rounds to 0 or 1) give infinities, which the callers clamp into the span.
using Policy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;
using Normal = boost::math::normal_distribution<double, Policy>;
using Gamma = boost::math::gamma_distribution<double, Policy>;
using Beta = boost::math::beta_distribution<double, Policy>;

/// 4096 segments: the interpolated distribution function is within 1/4096 of the exact one,
/// far below what a Kolmogorov-Smirnov test on 100,000 values can see (about 1/200).
constexpr std::size_t kSegments = 4096;

/// The share of a fitted distribution that falls inside the span when a parameter that sets
/// its spread is left out.
constexpr double kCovered = 0.999;

double valueOr(const DistributionSpec::Parameter& p, double fallback) {
    return p.given ? p.value : fallback;
}

/// Fills in the parameters left out so that the distribution fits the span of width `w`.
DistributionSpec fitted(DistributionSpec spec, double lo, double hi) {
    const double w = hi - lo;
    switch (spec.kind) {
    case Kind::Normal:
        // Without a spread, mean +- 3 stddev covers the range, as a normal "fills" it.
        spec.first = {valueOr(spec.first, lo + w / 2.0), true};
        spec.second = {valueOr(spec.second, w / 6.0), true};
        break;
    case Kind::Exponential:
        spec.first = {valueOr(spec.first, -std::log(1.0 - kCovered) / w), true};
        break;
    case Kind::Gamma: {
        const double shape = valueOr(spec.first, 1.0);
        const double unitQuantile = boost::math::quantile(Gamma(shape, 1.0), kCovered);
        spec.first = {shape, true};
        spec.second = {valueOr(spec.second, w / unitQuantile), true};
        break;
    }
    case Kind::Beta:
        // dbldatagen's defaults for "beta".
        spec.first = {valueOr(spec.first, 2.0), true};
        spec.second = {valueOr(spec.second, 5.0), true};
        break;
    case Kind::Pareto: {
        const double shape = valueOr(spec.first, 1.0);
        spec.first = {shape, true};
        spec.second = {valueOr(spec.second, w / (std::pow(1.0 - kCovered, -1.0 / shape) - 1.0)),
                       true};
        break;
    }
    case Kind::Uniform:
    case Kind::Zipf:
        break;
    }
    return spec;
}

/// The untruncated distribution function at value x (in the units of the values).
double cdfAt(const DistributionSpec& s, double lo, double hi, double x) {
    const double a = s.first.value;
    const double b = s.second.value;
    switch (s.kind) {
    case Kind::Normal:
        return boost::math::cdf(Normal(a, b), x);
    case Kind::Exponential:
        return x <= lo ? 0.0 : -std::expm1(-a * (x - lo));
    case Kind::Gamma:
        return x <= lo ? 0.0 : boost::math::cdf(Gamma(a, b), x - lo);
    case Kind::Beta:
        return x <= lo ? 0.0 : x >= hi ? 1.0 : boost::math::cdf(Beta(a, b), (x - lo) / (hi - lo));
    case Kind::Pareto:
        // numpy's pareto, which dbldatagen draws from, is the Lomax form: support from 0.
        return x <= lo ? 0.0 : 1.0 - std::pow(1.0 + (x - lo) / b, -a);
    case Kind::Uniform:
    case Kind::Zipf:
        break;
    }
    return (x - lo) / (hi - lo);
}

double quantileAt(const DistributionSpec& s, double lo, double hi, double p) {
    const double a = s.first.value;
    const double b = s.second.value;
    switch (s.kind) {
    case Kind::Normal:
        return boost::math::quantile(Normal(a, b), p);
    case Kind::Exponential:
        return lo - std::log1p(-p) / a;
    case Kind::Gamma:
        return lo + boost::math::quantile(Gamma(a, b), p);
    case Kind::Beta:
        return lo + (hi - lo) * boost::math::quantile(Beta(a, b), p);
    case Kind::Pareto:
        return lo + b * (std::pow(1.0 - p, -1.0 / a) - 1.0);
    case Kind::Uniform:
    case Kind::Zipf:
        break;
    }
    return lo + p * (hi - lo);
}

} // namespace

ShapeTable::ShapeTable(const DistributionSpec& spec, double lo, double hi)
    : m_spec(fitted(spec, lo, hi)), m_lo(lo), m_hi(hi) {
    m_pLo = cdfAt(m_spec, lo, hi, lo);
    m_pHi = cdfAt(m_spec, lo, hi, hi);
    m_knots.resize(kSegments + 1);
    if (!(m_pHi - m_pLo > 1e-12)) {
        // The distribution puts (next to) nothing in the range: its values stay at the end of
        // the range nearest to where the distribution is.
        std::fill(m_knots.begin(), m_knots.end(), m_pHi <= 0.5 ? 1.0 : 0.0);
        return;
    }
    for (std::size_t i = 0; i <= kSegments; ++i) {
        const double p = m_pLo + (m_pHi - m_pLo) * static_cast<double>(i) / kSegments;
        const double x = quantileAt(m_spec, lo, hi, std::clamp(p, m_pLo, m_pHi));
        const double position = (x - lo) / (hi - lo);
        m_knots[i] = std::isnan(position) ? 0.0 : std::clamp(position, 0.0, 1.0);
    }
    m_knots.front() = 0.0;
    m_knots.back() = 1.0;
    for (std::size_t i = 1; i <= kSegments; ++i) {
        m_knots[i] = std::max(m_knots[i], m_knots[i - 1]);
    }
}

double ShapeTable::cdf(double position) const {
    if (!(m_pHi - m_pLo > 1e-12)) {
        return position >= m_knots.front() ? 1.0 : 0.0;
    }
    const double x = m_lo + std::clamp(position, 0.0, 1.0) * (m_hi - m_lo);
    return std::clamp((cdfAt(m_spec, m_lo, m_hi, x) - m_pLo) / (m_pHi - m_pLo), 0.0, 1.0);
}

namespace {

/// Ranks drawn from the exact table; 1024 keeps it in the L1 cache.
constexpr double kHeadRanks = 1024.0;

/// The integral of x^-s from a to b.
double powerIntegral(double s, double a, double b) {
    return s == 1.0 ? std::log(b / a) : (std::pow(b, 1.0 - s) - std::pow(a, 1.0 - s)) / (1.0 - s);
}

} // namespace

ZipfTable::ZipfTable(double exponent, double count) : m_exponent(exponent), m_count(count) {
    const double head = std::min(count, kHeadRanks);
    double sum = 0.0;
    m_headCdf.reserve(static_cast<std::size_t>(head));
    for (double r = 1.0; r <= head; r += 1.0) {
        sum += std::pow(r, -exponent);
        m_headCdf.push_back(sum);
    }
    m_tailFrom = head + 0.5;
    m_tailTo = count + 0.5;
    const double tail = count > head ? powerIntegral(exponent, m_tailFrom, m_tailTo) : 0.0;
    m_total = sum + tail;
    m_headMass = sum / m_total;
    for (double& c : m_headCdf) {
        c /= sum;
    }
}

uint64_t ZipfTable::rank(double u) const {
    if (u < m_headMass) {
        const double v = u / m_headMass;
        const auto it = std::upper_bound(m_headCdf.begin(), m_headCdf.end(), v);
        const auto index = static_cast<uint64_t>(it - m_headCdf.begin());
        return std::min<uint64_t>(index, m_headCdf.size() - 1) + 1;
    }
    const double v = (u - m_headMass) / (1.0 - m_headMass);
    const double s = m_exponent;
    double x = 0.0;
    if (s == 1.0) {
        x = m_tailFrom * std::pow(m_tailTo / m_tailFrom, v);
    } else {
        const double a = std::pow(m_tailFrom, 1.0 - s);
        const double b = std::pow(m_tailTo, 1.0 - s);
        x = std::pow(a + v * (b - a), 1.0 / (1.0 - s));
    }
    const double head = static_cast<double>(m_headCdf.size());
    const double r = std::clamp(std::round(x), head + 1.0, m_count);
    return static_cast<uint64_t>(r);
}

double ZipfTable::probability(uint64_t rank) const {
    return std::pow(static_cast<double>(rank), -m_exponent) / m_total;
}

} // namespace streamgen
