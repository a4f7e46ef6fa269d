#pragma once

#include "model/distribution.h"

#include <cstdint>
#include <vector>

namespace streamgen {

/// Where in a field's range a distribution puts its values: a table of the truncated
/// distribution's quantiles, so that drawing a value is one uniform number, one look-up and one
/// interpolation, without iterations or allocation per event.
///
/// The distribution is taken in the units of the values, restricted to the span [lo, hi] of the
/// range (its quantile function between F(lo) and F(hi)), and `at` returns the position of a
/// value in the span, in [0, 1]. dbldatagen instead rescales each batch of samples by the batch's
/// own minimum and maximum, so its output depends on the batch size and the distribution's
/// location and scale have no effect; here every event's value is a function of its own draw
/// and the parameters mean what they say.
class ShapeTable {
public:
    ShapeTable() = default;
    /// `spec` must not be Uniform or Zipf; lo < hi.
    ShapeTable(const DistributionSpec& spec, double lo, double hi);

    bool empty() const { return m_knots.empty(); }
    /// The position in [0, 1] for a uniform draw `u` in [0, 1).
    double at(double u) const {
        const double x = u * static_cast<double>(m_knots.size() - 1);
        const auto i = static_cast<std::size_t>(x);
        const double f = x - static_cast<double>(i);
        return m_knots[i] + (m_knots[i + 1] - m_knots[i]) * f;
    }
    /// The distribution function of positions, for tests and the Studio's expected curve.
    double cdf(double position) const;

private:
    std::vector<double> m_knots; ///< positions at equally spaced probabilities, first 0, last 1
    DistributionSpec m_spec;     ///< with every parameter fitted to the span
    double m_lo = 0.0;
    double m_hi = 1.0;
    double m_pLo = 0.0; ///< F(lo) and F(hi) of the untruncated distribution
    double m_pHi = 1.0;
};

/// Zipf's law over the ranks 1..n: P(rank r) proportional to r^-exponent. The first ranks,
/// where the law is far from smooth, are drawn from an exact table; beyond them the ranks
/// follow the continuous law with a half-rank correction, whose error falls as 1 / r^2.
class ZipfTable {
public:
    ZipfTable() = default;
    /// `count` >= 1 ranks (a double: ranges may hold up to 2^64 values).
    ZipfTable(double exponent, double count);

    bool empty() const { return m_count == 0.0; }
    /// The rank (from 1) for a uniform draw `u` in [0, 1).
    uint64_t rank(double u) const;
    /// The exact probability of `rank` under the law over `count` ranks, for tests.
    double probability(uint64_t rank) const;

private:
    std::vector<double> m_headCdf; ///< cumulative probabilities of ranks 1..head
    double m_exponent = 1.0;
    double m_count = 0.0;
    double m_tailFrom = 0.0; ///< head + 0.5
    double m_tailTo = 0.0;   ///< count + 0.5
    double m_headMass = 1.0; ///< share of the draws that fall on the head
    double m_total = 1.0;    ///< the normalising sum over all ranks
};

} // namespace streamgen
