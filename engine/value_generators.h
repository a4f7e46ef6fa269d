#pragma once

#include "alias_table.h"
#include "hash.h"
#include "model/config.h"
#include "shape_table.h"
#include "text_template.h"
#include "value.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace streamgen {

/// How a value generator draws; one switch over this replaces a virtual call per field.
enum class ValueKind : uint8_t {
    Uuid,
    Integer,         ///< int / long: lo + i * step, i uniform in [0, span) (span 0 = all of uint64)
    IntegerInTurn,   ///< ... i = k mod span for event number k (`random: false`)
    IntegerUnique,   ///< ... i = a keyed permutation of k mod span (`unique`)
    IntegerSequence, ///< lo + k * step, without end (`sequence`)
    IntegerShaped,   ///< ... i from the position the field's distribution gives
    IntegerZipf,     ///< ... i = a Zipf rank - 1
    Float32,         ///< float, uniform, clamped to the float32 range bounds
    Float64,         ///< double, uniform
    RealGrid,        ///< float / double on min + i * step, i uniform in [0, span)
    RealGridInTurn,  ///< ... i = k mod span
    RealShaped,      ///< float / double: min + position * width, position from the distribution
    Fixed,           ///< float / double with `precision`: a uniform multiple of 10^-p
    FixedShaped,     ///< ... the multiple from the distribution's position
    Choice,          ///< string values, uniform or weighted
    ChoiceInTurn,    ///< string values in turn (`random: false`)
    Text,            ///< a string made per event from a template or pattern
    TimestampLate,   ///< TimestampNow / TimestampSequence with late events or jitter (`lateOf`)
    Boolean,
    TimestampNow, ///< wall clock
    TimestampSequence,
    TimestampRandom,
    DateRandom,
    DateToday, ///< wall clock
    Nested,    ///< struct, array or map: `nested` says what it holds
};

/// The compiled form of one FieldSpec: plain data, read-only while generating.
struct ValueGenerator {
    ValueKind kind = ValueKind::Integer;
    uint64_t salt = 0;      ///< hash of the field name
    double nullRatio = 0.0; ///< probability of null
    int64_t lo = 0;         ///< Integer / TimestampRandom / DateRandom: smallest value
    uint64_t span = 0;      ///< ... and the count of values (0 = the full 2^64)
    double min = 0.0;       ///< Float32 / Float64: lower bound; Fixed: smallest multiple
    double max = 0.0;       ///< Float32 / Float64: upper bound
    double width = 0.0;     ///< Float32 / Float64: max - min; Fixed: count of multiples - 1
    float min32 = 0.0F;     ///< Float32 clamp
    float max32 = 0.0F;
    int precision = 0;                ///< Fixed
    double trueRatio = 0.5;           ///< Boolean
    int64_t intervalMs = 0;           ///< TimestampSequence (lo is the begin)
    int64_t step = 1;                 ///< Integer kinds: distance between values
    double realStep = 0.0;            ///< RealGrid kinds: distance between values
    bool float32 = false;             ///< Real kinds: the field is a float
    uint64_t permutationKey = 0;      ///< IntegerUnique: from the seed and the field's name
    std::vector<std::string> choices; ///< Choice: the values as written
    AliasTable choiceTable;           ///< Choice: weights; empty = uniform
    /// ChoiceInTurn with weights: the running sums of the weights as whole numbers; event k
    /// takes the first value whose sum exceeds k mod the total.
    std::vector<uint64_t> turnSums;
    ShapeTable shape;                       ///< Shaped kinds; TimestampLate: the lateness
    TextTemplate text;                      ///< Text: the pattern
    std::string before;                     ///< Text: the prefix and separator
    std::string after;                      ///< Text: the separator and suffix
    uint32_t textSlot = 0;                  ///< Text: its buffer, distinct among a type's fields
    uint32_t textChoice = Value::kNoChoice; ///< Text: kPlainText when JSON escapes nothing in it
    ValueKind lateOf = ValueKind::TimestampNow; ///< TimestampLate: the on-time kind
    double lateRatio = 0.0;                     ///< TimestampLate: share of late events
    uint64_t lateMaxMs = 0;                     ///< TimestampLate: how late at most
    uint64_t jitterMs = 0;                      ///< TimestampLate: moved by up to this either way
    ZipfTable zipf;                             ///< IntegerZipf
    std::shared_ptr<NestedGenerator> nested;    ///< Nested
};

/// The kinds generatePresent leaves out of line (every kind from IntegerInTurn to Text and
/// ChoiceInTurn); `bits` is the field's first draw.
void generateShaped(const ValueGenerator& g, uint64_t key, uint64_t sequence, uint64_t bits,
                    Value& v);

/// Writes a Text generator's string for the event into this thread's buffer `g.textSlot`;
/// the value points there until the same slot makes the next event's.
void generateText(const ValueGenerator& g, uint64_t key, uint64_t sequence, Value& v);

/// The multiples of 10^-precision inside a float or double field's range with `precision`, as
/// whole numbers of steps [lo, hi]; lo > hi when the range holds none.
std::pair<double, double> fixedGrid(const FieldSpec& field);

/// Compiles a field of a run with seed `seed`. The spec must have passed validation.
ValueGenerator compileValue(const FieldSpec& field, uint64_t seed = 0);

/// Wall-clock time in epoch milliseconds (for `now` timestamps and today's date).
int64_t wallClockMs();

namespace detail {

// Draw numbers of one field; each is an independent hash of (event, field, index).
inline constexpr uint64_t kValueDraw = 0;
inline constexpr uint64_t kSecondValueDraw = 1;
inline constexpr uint64_t kThirdValueDraw = 2;
inline constexpr uint64_t kNullDraw = 7;

inline int64_t uniformInteger(const ValueGenerator& g, uint64_t bits) {
    const uint64_t offset = g.span == 0 ? bits : hash::below(bits, g.span);
    return static_cast<int64_t>(static_cast<uint64_t>(g.lo) + offset);
}

/// A bijection of [0, n) (n = 0: all of uint64) keyed by `key`: a four-round Feistel network
/// on the smallest even number of bits that holds n, walking the cycle until the result falls
/// inside (fewer than four steps on average, since that domain is under 4n).
inline uint64_t permute(uint64_t x, uint64_t n, uint64_t key) {
    const int bits = n == 0 ? 64 : 64 - __builtin_clzll((n - 1) | 1);
    const int half = (bits + 1) / 2;
    const uint64_t mask = half >= 64 ? ~0ULL : (1ULL << half) - 1;
    do {
        uint64_t left = x >> half;
        uint64_t right = x & mask;
        for (uint64_t round = 0; round < 4; ++round) {
            const uint64_t next = left ^ (hash::mix(right ^ (key + round * hash::kGolden)) & mask);
            left = right;
            right = next;
        }
        x = (left << half) | right;
    } while (n != 0 && x >= n);
    return x;
}

inline int64_t onGrid(const ValueGenerator& g, uint64_t index) {
    return static_cast<int64_t>(static_cast<uint64_t>(g.lo) +
                                index * static_cast<uint64_t>(g.step));
}

/// The index of a position in [0, 1] among `span` grid values (span 0: all of uint64).
inline uint64_t gridIndex(double position, uint64_t span) {
    const double count = span == 0 ? 18446744073709551616.0 : static_cast<double>(span);
    const double index = std::floor(position * count);
    return index >= count ? (span == 0 ? ~0ULL : span - 1) : static_cast<uint64_t>(index);
}

inline void setReal(const ValueGenerator& g, double value, Value& v) {
    if (g.float32) {
        v.type = ValueType::Float32;
        v.real = std::clamp(static_cast<float>(value), g.min32, g.max32);
    } else {
        v.type = ValueType::Float64;
        v.real = value;
    }
}

inline double uniformReal(const ValueGenerator& g, uint64_t bits) {
    const double u = hash::unit(bits);
    return std::isfinite(g.width) ? std::min(g.min + u * g.width, g.max)
                                  : g.min * (1.0 - u) + g.max * u;
}

inline void generatePresent(const ValueGenerator& g, uint64_t key, uint64_t sequence, Value& v) {
    const uint64_t bits = hash::draw(key, g.salt, kValueDraw);
    switch (g.kind) {
    case ValueKind::Uuid:
        v.type = ValueType::Uuid;
        // RFC 4122 version 4: version nibble 0100, variant bits 10.
        v.high = (bits & ~0xF000ULL) | 0x4000ULL;
        v.low = (hash::draw(key, g.salt, kSecondValueDraw) & 0x3FFFFFFFFFFFFFFFULL) |
                0x8000000000000000ULL;
        break;
    case ValueKind::Integer:
        v.type = ValueType::Int;
        v.integer = onGrid(g, g.span == 0 ? bits : hash::below(bits, g.span));
        break;
    default:
        // Shapes, grids, orders and texts: out of line, so that the common kinds above stay
        // small enough to inline into every encoder's loop.
        generateShaped(g, key, sequence, bits, v);
        break;
    case ValueKind::Float32:
        v.type = ValueType::Float32;
        v.real = std::clamp(static_cast<float>(uniformReal(g, bits)), g.min32, g.max32);
        break;
    case ValueKind::Float64:
        v.type = ValueType::Float64;
        v.real = uniformReal(g, bits);
        break;
    case ValueKind::Fixed:
        v.type = ValueType::Decimal;
        v.scale = static_cast<uint8_t>(g.precision);
        v.real = g.min + std::min(std::floor(hash::unit(bits) * (g.width + 1.0)), g.width);
        break;
    case ValueKind::Choice: {
        v.type = ValueType::String;
        v.choice = g.choiceTable.probability.empty()
                       ? static_cast<uint32_t>(hash::below(bits, g.choices.size()))
                       : g.choiceTable.pick(bits);
        v.text = g.choices[v.choice];
        break;
    }
    case ValueKind::Boolean:
        v.type = ValueType::Bool;
        v.integer = hash::unit(bits) < g.trueRatio ? 1 : 0;
        break;
    case ValueKind::TimestampNow:
        v.type = ValueType::Timestamp;
        v.integer = wallClockMs();
        break;
    case ValueKind::TimestampSequence:
        v.type = ValueType::Timestamp;
        v.integer = static_cast<int64_t>(static_cast<uint64_t>(g.lo) +
                                         sequence * static_cast<uint64_t>(g.intervalMs));
        break;
    case ValueKind::TimestampRandom:
        v.type = ValueType::Timestamp;
        v.integer = uniformInteger(g, bits);
        break;
    case ValueKind::DateRandom:
        v.type = ValueType::Date;
        v.integer = uniformInteger(g, bits);
        break;
    case ValueKind::DateToday: {
        v.type = ValueType::Date;
        const int64_t ms = wallClockMs();
        v.integer = ms / 86400000 - ((ms % 86400000 != 0 && ms < 0) ? 1 : 0);
        break;
    }
    }
}

} // namespace detail

/// The field's value for the event whose key is `eventKey` (see hash::eventKey) and whose
/// sequence number is `sequence`, null_ratio included. Inline: it is the inner loop of every
/// encoder's batch loop.
inline Value generateValue(const ValueGenerator& generator, uint64_t eventKey, uint64_t sequence) {
    Value value;
    if (generator.nullRatio > 0.0 &&
        hash::unit(hash::draw(eventKey, generator.salt, detail::kNullDraw)) < generator.nullRatio) {
        return value;
    }
    detail::generatePresent(generator, eventKey, sequence, value);
    return value;
}

/// generateValue into `value` where it is kept: a copy of a returned Value would read it back
/// in wider pieces than it was written, which stalls the store buffer for every field.
inline void generateValueInto(const ValueGenerator& generator, uint64_t eventKey, uint64_t sequence,
                              Value& value) {
    value = Value{};
    if (generator.nullRatio > 0.0 &&
        hash::unit(hash::draw(eventKey, generator.salt, detail::kNullDraw)) < generator.nullRatio) {
        return;
    }
    detail::generatePresent(generator, eventKey, sequence, value);
}

} // namespace streamgen
