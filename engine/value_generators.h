#pragma once

#include "alias_table.h"
#include "model/config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace streamgen {

/// What a value generator renders; one switch over this replaces a virtual call per field.
enum class ValueKind : uint8_t {
    Uuid,
    Integer, ///< int / long, uniform in [lo, lo + span - 1] (span 0 = all of uint64)
    Float32, ///< float, shortest float32 text
    Float64, ///< double, shortest double text
    Fixed,   ///< float / double with `precision`: a uniform multiple of 10^-p
    Choice,  ///< string values, pre-quoted, uniform or weighted
    Boolean,
    TimestampNow, ///< wall clock
    TimestampSequence,
    TimestampRandom,
    DateRandom,
    DateToday, ///< wall clock
};

/// The compiled form of one FieldSpec: plain data, read-only while generating.
struct ValueGenerator {
    ValueKind kind = ValueKind::Integer;
    uint64_t salt = 0;      ///< hash of the field name
    double nullRatio = 0.0; ///< probability of JSON null
    int64_t lo = 0;         ///< Integer / TimestampRandom / DateRandom: smallest value
    uint64_t span = 0;      ///< ... and the count of values (0 = the full 2^64)
    double min = 0.0;       ///< Float32 / Float64: lower bound; Fixed: smallest multiple
    double max = 0.0;       ///< Float32 / Float64: upper bound
    double width = 0.0;     ///< Float32 / Float64: max - min; Fixed: count of multiples - 1
    float min32 = 0.0F;     ///< Float32 clamp
    float max32 = 0.0F;
    double scale = 1.0;               ///< Fixed: 10^precision
    int precision = 0;                ///< Fixed
    double trueRatio = 0.5;           ///< Boolean
    int64_t intervalMs = 0;           ///< TimestampSequence (lo is the begin)
    std::vector<std::string> choices; ///< Choice: values as JSON string literals
    AliasTable choiceTable;           ///< Choice: weights; empty = uniform
};

/// Compiles a field. The spec must have passed validation.
ValueGenerator compileValue(const FieldSpec& field);

/// Appends the field's JSON value for the event whose key is `eventKey` (see hash::eventKey)
/// and whose sequence number is `sequence`; handles null_ratio.
void renderValue(const ValueGenerator& generator, uint64_t eventKey, uint64_t sequence,
                 std::string& out);

} // namespace streamgen
