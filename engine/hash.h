#pragma once

#include <cstdint>
#include <string_view>

namespace streamgen {

/// Counter-based hashing: every random draw of the engine is a pure function of its inputs, so
/// any worker can compute any event without shared generator state.
namespace hash {

__extension__ typedef unsigned __int128 Uint128;

/// 2^64 / golden ratio: the Weyl increment with the best-spread low-discrepancy sequence.
inline constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

/// The splitmix64 / murmur3 finalizer: a bijection whose every output bit depends on every
/// input bit, which is all a counter-based generator needs.
constexpr uint64_t mix(uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

/// A stable 64-bit hash of a name (FNV-1a, then mixed). Used as a field's salt so that a field's
/// values depend on its name only, not on its position among the other fields.
constexpr uint64_t ofString(std::string_view text) {
    uint64_t h = 0xCBF29CE484222325ULL;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001B3ULL;
    }
    return mix(h);
}

/// The key of a (seed, stream) pair, computed once per plan.
constexpr uint64_t streamKey(uint64_t seed, uint64_t stream) {
    return mix(mix(seed ^ 0x6A09E667F3BCC909ULL) + stream * kGolden);
}

/// The key of event `sequence` of a stream; field draws derive from it.
constexpr uint64_t eventKey(uint64_t streamKey, uint64_t sequence) {
    return mix(streamKey + (sequence + 1) * kGolden);
}

/// Independent draw number `index` of the field with salt `salt` in the event `eventKey`.
constexpr uint64_t draw(uint64_t eventKey, uint64_t salt, uint64_t index = 0) {
    return mix(eventKey ^ (salt + index * 0xD1B54A32D192ED03ULL));
}

/// A uniform double in [0, 1) from the top 53 bits.
constexpr double unit(uint64_t bits) {
    return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

/// A uniform integer in [0, span) for span > 0 (multiply-shift: no modulo, bias < span / 2^64).
inline uint64_t below(uint64_t bits, uint64_t span) {
    return static_cast<uint64_t>((static_cast<Uint128>(bits) * span) >> 64);
}

} // namespace hash
} // namespace streamgen
