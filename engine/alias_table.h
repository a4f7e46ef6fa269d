#pragma once

#include "hash.h"

#include <cstdint>
#include <vector>

namespace streamgen {

/// Walker/Vose alias table: picks index i with probability weights[i] / sum in O(1) from one
/// 64-bit uniform number. Zero weights are never picked. Used for event types (fed a
/// low-discrepancy sequence) and for weighted string values (fed a hash).
struct AliasTable {
    std::vector<double> probability; ///< keep column i when the column fraction is below this
    std::vector<uint32_t> alias;

    /// Builds the table; returns the sum of the (non-negative) weights.
    double build(const std::vector<double>& weights);

    /// The index for the uniform number `u` (all 64 bits used: column from the high part of
    /// u * n, the choice inside the column from the low part).
    static uint32_t pick(const double* probability, const uint32_t* alias, std::size_t n,
                         uint64_t u) {
        const hash::Uint128 scaled = static_cast<hash::Uint128>(u) * n;
        const auto column = static_cast<uint32_t>(scaled >> 64);
        const double fraction = static_cast<double>(static_cast<uint64_t>(scaled)) * 0x1.0p-64;
        return fraction < probability[column] ? column : alias[column];
    }
    uint32_t pick(uint64_t u) const {
        return pick(probability.data(), alias.data(), probability.size(), u);
    }
};

} // namespace streamgen
