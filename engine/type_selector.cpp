#include "alias_table.h"
#include "hash.h"
#include "plan.h"

#include <algorithm>

namespace streamgen {

double AliasTable::build(const std::vector<double>& weights) {
    const std::size_t n = weights.size();
    probability.assign(n, 1.0);
    alias.resize(n);
    double total = 0.0;
    for (const double w : weights) {
        total += std::max(w, 0.0);
    }
    for (std::size_t i = 0; i < n; ++i) {
        alias[i] = static_cast<uint32_t>(i);
    }
    if (n == 0 || total <= 0.0) {
        return 0.0;
    }
    std::vector<double> scaled(n);
    std::vector<uint32_t> small;
    std::vector<uint32_t> large;
    for (std::size_t i = 0; i < n; ++i) {
        scaled[i] = std::max(weights[i], 0.0) * static_cast<double>(n) / total;
        (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
        const uint32_t s = small.back();
        small.pop_back();
        const uint32_t l = large.back();
        probability[s] = scaled[s];
        alias[s] = l;
        scaled[l] -= 1.0 - scaled[s];
        if (scaled[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
    // Leftovers are 1 up to rounding. A zero-weight leftover must still never be picked, so it
    // hands its whole column to some positive-weight index.
    const auto positive = static_cast<uint32_t>(
        std::find_if(weights.begin(), weights.end(), [](double w) { return w > 0.0; }) -
        weights.begin());
    for (const uint32_t i : small) {
        probability[i] = weights[i] > 0.0 ? 1.0 : 0.0;
        alias[i] = weights[i] > 0.0 ? i : positive;
    }
    for (const uint32_t i : large) {
        probability[i] = 1.0;
    }
    return total;
}

TypeSelector::TypeSelector(const std::vector<double>& weights, uint64_t seed) : m_weights(weights) {
    AliasTable table;
    m_total = table.build(weights);
    m_probability = std::move(table.probability);
    m_alias = std::move(table.alias);
    // The offset is kept with 53 significant bits so that it converts back to the exact fixed
    // point value used by pick().
    m_offset = hash::unit(hash::mix(seed ^ 0x243F6A8885A308D3ULL));
}

uint32_t TypeSelector::pick(uint64_t sequence) const {
    // u_k = frac(offset + k / phi) in 64-bit fixed point: exact for every k, no drift.
    const auto offset = static_cast<uint64_t>(m_offset * 0x1.0p64);
    const uint64_t u = offset + sequence * hash::kGolden;
    return AliasTable::pick(m_probability.data(), m_alias.data(), m_probability.size(), u);
}

} // namespace streamgen
