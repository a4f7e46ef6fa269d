#include "engine/expr/expr_runtime.h"
#include "engine/hash.h"

#include <cmath>
#include <gtest/gtest.h>

namespace streamgen::expr::detail {
namespace {

/// Values a generator makes and expressions round: on grids of 10^-k (full of decimal ties
/// such as 1.005), products of them, and arbitrary doubles of every magnitude.
double sampleValue(uint64_t k) {
    const uint64_t bits = hash::mix(k);
    const double unit = hash::unit(hash::mix(k + 1));
    switch (k % 4) {
    case 0:
        return static_cast<double>(bits % 2'000'000) / 1000.0 - 1000.0;
    case 1:
        return static_cast<double>(bits % 200'000) / 100.0 * 1.08;
    case 2:
        return (unit - 0.5) * std::pow(10.0, static_cast<double>(bits % 24) - 8.0);
    default:
        return static_cast<double>(bits % 100'000) / 200.0;
    }
}

TEST(Rounding, ScaledRoundingAgreesWithTheDecimalDefinitionEverywhere) {
    for (uint64_t k = 0; k < 1'000'000; ++k) {
        const double value = sampleValue(k);
        const int digits = static_cast<int>(k % 7);
        ASSERT_EQ(roundHalfUp(value, digits), roundHalfUpByDigits(value, digits))
            << value << " to " << digits << " digits";
    }
}

} // namespace
} // namespace streamgen::expr::detail
