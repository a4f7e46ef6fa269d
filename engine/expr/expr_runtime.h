#pragma once

#include "engine/expr/expr_code.h"
#include "engine/expr/expr_program.h"
#include "engine/value.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

/// The per-event work of the expression language that is more than an operator: the string
/// space, text forms, Spark's rounding, casts and substring rules.
namespace streamgen::expr::detail {

/// The string space of one evaluation: a fixed buffer, so that views into it stay valid while
/// the program runs. When it is too small the evaluation is redone with a larger one, which
/// gives the same result because evaluation is a pure function of the event.
struct Arena {
    char* base;
    std::size_t capacity;
    std::size_t used = 0;
    std::size_t wanted = 0; ///< all bytes asked for, also those that did not fit

    bool overflowed() const { return wanted > capacity; }

    /// Room for `size` bytes, or null when the buffer is full.
    char* take(std::size_t size) {
        wanted += size;
        if (used + size > capacity) {
            return nullptr;
        }
        char* room = base + used;
        used += size;
        return room;
    }

    std::string_view copy(std::string_view text) {
        char* room = take(text.size());
        if (room == nullptr || text.empty()) {
            return {};
        }
        std::memcpy(room, text.data(), text.size());
        return {room, text.size()};
    }
};

/// The Value of a cell of static type `type`.
Value valueOf(const Cell& cell, ResultType type);

/// `value` as the plain text the JSON and CSV encoders write for it, copied into `arena`;
/// `format` is reused for writing it.
std::string_view plainText(const Value& value, Arena& arena, std::string& format);

/// A cell of type `type` (a ResultType) as plainText.
std::string_view toText(const Cell& cell, uint8_t type, Arena& arena, std::string& format);

/// The 64 bits hash(...) folds in for a non-null cell of type `type`.
uint64_t hashOf(const Cell& cell, uint8_t type);

/// Joins the `count` strings from `first` into `first`; null if any is.
void concatInto(Cell* first, uint32_t count, Arena& arena);

/// Lower or upper case of ASCII letters; other bytes, UTF-8 included, are copied as they are.
std::string_view changeCase(std::string_view text, bool upper, Arena& arena);

/// substring(`first`[0], `first`[1][, `first`[2]]) into `first`; null if any is.
void substringOf(Cell* first, uint32_t count);

/// `value` rounded to `digits` after the point (negative: before it), halves away from zero,
/// as Spark does for a double: on its shortest decimal form, so round(1.005, 2) is 1.01.
double roundHalfUp(double value, int digits);
/// The same by printing the shortest digits of `value` and reading the result back: the
/// definition, which roundHalfUp follows where the scaled value is too close to a tie to decide.
double roundHalfUpByDigits(double value, int digits);

/// `value` rounded to 10^-digits for digits < 0, halves away from zero; `value` otherwise.
int64_t roundHalfUp(int64_t value, int digits);

/// A double to int64 as a JVM cast does: toward zero, NaN to 0, saturating at the bounds.
int64_t truncateToInt(double value);

/// Spark's cast of a string: surrounding spaces ignored, null (nullopt) when not a number.
std::optional<int64_t> parseInt(std::string_view text);
std::optional<double> parseDouble(std::string_view text);
/// t, true, y, yes, 1 and f, false, n, no, 0, ignoring case.
std::optional<bool> parseBool(std::string_view text);

/// Spark's substring(text, position, length) on UTF-8 characters: position 1 is the first,
/// 0 counts as 1, negative positions count from the end.
std::string_view substring(std::string_view text, int64_t position, int64_t length);

/// The count of UTF-8 characters.
int64_t characterCount(std::string_view text);

/// Two independent uniform draws to one standard normal (Box-Muller).
double standardNormal(uint64_t firstBits, uint64_t secondBits);

} // namespace streamgen::expr::detail
