#pragma once

#include <cstdint>
#include <string_view>

namespace streamgen {

/// The type of a generated value, independent of how a format writes it.
enum class ValueType : uint8_t {
    Null,
    Bool,
    Int,       ///< int64 in `integer`
    Float32,   ///< `real` holds a float32 value (written with float precision)
    Float64,   ///< `real` holds a double
    Decimal,   ///< fixed point: `real` (a whole number) * 10^-`scale`
    String,    ///< `text`; `choice` is its index among the field's values (pre-encoded forms)
    Timestamp, ///< `integer` epoch milliseconds, UTC
    Date,      ///< `integer` days since 1970-01-01
    Uuid,      ///< `high`, `low`: the 128 bits, version and variant bits already set
    Nested,    ///< a struct, array or map: `nested` with its key in `high`, the event's in `low`
};

struct NestedGenerator;

/// One typed value of one field of one event: plain data, produced by a value generator and
/// consumed by an encoder in the same loop, so it never owns memory. `text` points into the
/// plan's tables and stays valid while the plan lives.
struct Value {
    static constexpr uint32_t kNoChoice = UINT32_MAX;
    /// A string made per event of printable ASCII without `"` or `\\`, with a `"` before and
    /// after it in its buffer: JSON writes it with them as is.
    static constexpr uint32_t kPlainText = UINT32_MAX - 1;

    ValueType type = ValueType::Null;
    uint8_t scale = 0; ///< Decimal: digits after the point
    /// String: index of the value among the field's choices, whose encoded forms encoders
    /// prepare at compile time; kNoChoice or kPlainText for strings made per event.
    uint32_t choice = kNoChoice;
    int64_t integer = 0; ///< Int, Timestamp, Date
    double real = 0.0;   ///< Float32, Float64; Decimal: the unscaled whole number
    uint64_t high = 0;   ///< Uuid
    uint64_t low = 0;    ///< Uuid
    std::string_view text;
    /// Nested: what encoders walk to write the value (engine/nested_values.h).
    const NestedGenerator* nested = nullptr;

    bool isNull() const { return type == ValueType::Null; }
    /// A String made for this event, in a buffer the next event reuses (not one of the choices).
    bool isMadePerEvent() const { return type == ValueType::String && choice >= kPlainText; }
};

/// 10^scale for the scales a Decimal can have (0..17).
double decimalScale(int scale);

/// The value of a Decimal as a double, rounded exactly as its text is.
inline double decimalValue(const Value& value) {
    return value.real / decimalScale(value.scale);
}

} // namespace streamgen
