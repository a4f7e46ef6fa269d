#include "engine/encoders/text_values.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <string>

namespace streamgen {
namespace {

std::string shortest(double value) {
    char buffer[64];
    return {buffer, text::writeShortest(buffer, value)};
}

std::string shortest(float value) {
    char buffer[64];
    return {buffer, text::writeShortest(buffer, value)};
}

template <typename T> std::string reference(T value) {
    char buffer[64];
    return {buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr};
}

/// Decimals of up to 9 digits after the point and up to 17 digits in all, of both signs: the
/// values the short path is for, and the neighbours where it must give way.
template <typename T> void expectSameAsToChars(uint64_t seed, int count, uint64_t mostWhole) {
    std::mt19937_64 random(seed);
    for (int i = 0; i < count; ++i) {
        const int k = static_cast<int>(random() % 10);
        const uint64_t m = random() % (mostWhole + 1) >> (random() % 50);
        T value = static_cast<T>(static_cast<double>(m) / std::pow(10.0, k));
        if (random() % 2 == 0) {
            value = -value;
        }
        ASSERT_EQ(shortest(value), reference(value)) << m << "e-" << k;
    }
}

TEST(ShortestNumbers, DoublesWithFewDecimalsMatchToChars) {
    expectSameAsToChars<double>(1, 2'000'000, uint64_t{1} << 60);
}

TEST(ShortestNumbers, FloatsWithFewDecimalsMatchToChars) {
    expectSameAsToChars<float>(2, 2'000'000, uint64_t{1} << 30);
}

TEST(ShortestNumbers, AnyBitPatternMatchesToChars) {
    std::mt19937_64 random(3);
    for (int i = 0; i < 1'000'000; ++i) {
        const double value = std::bit_cast<double>(random());
        ASSERT_EQ(shortest(value), reference(value));
        const float single = std::bit_cast<float>(static_cast<uint32_t>(random()));
        ASSERT_EQ(shortest(single), reference(single));
    }
}

TEST(ShortestNumbers, EdgesMatchToChars) {
    const double edges[] = {0.0,
                            -0.0,
                            1.0,
                            -1.0,
                            1e6,
                            1e7,
                            1e-4,
                            1e-5,
                            0.001,
                            123e4,
                            1e21,
                            1e22,
                            0.1,
                            0.3,
                            100.5,
                            2e9,
                            4503599627370495.0,
                            9007199254740993.0,
                            1e300,
                            5e-324,
                            std::numeric_limits<double>::infinity(),
                            -std::numeric_limits<double>::infinity(),
                            std::numeric_limits<double>::quiet_NaN()};
    for (const double value : edges) {
        EXPECT_EQ(shortest(value), reference(value)) << value;
        EXPECT_EQ(shortest(static_cast<float>(value)), reference(static_cast<float>(value)));
    }
    for (int exponent = -12; exponent <= 22; ++exponent) {
        for (const double digit : {1.0, 2.0, 5.0, 9.0}) {
            const double value = digit * std::pow(10.0, exponent);
            EXPECT_EQ(shortest(value), reference(value)) << value;
        }
    }
}

std::string decimal(double whole, int scale) {
    Value value;
    value.type = ValueType::Decimal;
    value.scale = static_cast<uint8_t>(scale);
    value.real = whole;
    std::string out;
    text::appendDecimal(out, value);
    return out;
}

std::string decimalReference(double whole, int scale) {
    char buffer[400];
    return {buffer, std::to_chars(buffer, buffer + sizeof buffer, whole / decimalScale(scale),
                                  std::chars_format::fixed, scale)
                        .ptr};
}

TEST(ShortestNumbers, DecimalsWriteTheirScalesDigitsAsFormattingTheirValueDoes) {
    std::mt19937_64 random(4);
    for (int i = 0; i < 1'000'000; ++i) {
        const int scale = static_cast<int>(random() % 18);
        double whole = static_cast<double>(random() >> (random() % 64));
        if (random() % 2 == 0) {
            whole = -whole;
        }
        ASSERT_EQ(decimal(whole, scale), decimalReference(whole, scale)) << whole << " " << scale;
    }
    EXPECT_EQ(decimal(-5, 2), "-0.05");
    EXPECT_EQ(decimal(0, 3), "0.000");
    EXPECT_EQ(decimal(-0.0, 1), decimalReference(-0.0, 1));
}

} // namespace
} // namespace streamgen
