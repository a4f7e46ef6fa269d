#pragma once

#include "engine/expr/expr_code.h"
#include "engine/expr/expr_program.h"
#include "engine/expr/expr_runtime.h"
#include "engine/value.h"

#include <cmath>
#include <cstdint>

/// The cell operations of the evaluator's loop, inline so that the loop's switch compiles into
/// straight code. Binary operations take the left operand, where the result goes, and the right.
namespace streamgen::expr::detail {

inline constexpr int64_t kMsPerDay = 86'400'000;

inline Cell nullCell() {
    Cell cell;
    cell.null = true;
    return cell;
}

inline Cell integerCell(int64_t value) {
    Cell cell;
    cell.integer = value;
    return cell;
}

inline Cell realCell(double value) {
    Cell cell;
    cell.real = value;
    return cell;
}

inline Cell textCell(std::string_view value) {
    Cell cell;
    cell.text = value;
    return cell;
}

inline Cell boolCell(bool value) {
    return integerCell(value ? 1 : 0);
}

inline int64_t wrap(uint64_t value) {
    return static_cast<int64_t>(value);
}

inline uint64_t bits(int64_t value) {
    return static_cast<uint64_t>(value);
}

inline bool isReal(uint8_t type) {
    return static_cast<ResultType>(type) == ResultType::Double;
}

inline bool isText(uint8_t type) {
    return static_cast<ResultType>(type) == ResultType::String;
}

template <typename T> inline bool compare(Comparison comparison, const T& a, const T& b) {
    switch (comparison) {
    case Comparison::Equal:
        return a == b;
    case Comparison::NotEqual:
        return a != b;
    case Comparison::Less:
        return a < b;
    case Comparison::LessEqual:
        return a <= b;
    case Comparison::Greater:
        return a > b;
    case Comparison::GreaterEqual:
        return a >= b;
    }
    return false;
}

inline bool compareCells(uint8_t type, Comparison comparison, const Cell& a, const Cell& b) {
    if (isReal(type)) {
        return compare(comparison, a.real, b.real);
    }
    if (isText(type)) {
        return compare(comparison, a.text, b.text);
    }
    return compare(comparison, a.integer, b.integer);
}

/// Least (or greatest) of two, skipping nulls as Spark does.
inline void pickExtreme(Cell& a, const Cell& b, uint8_t type, bool greatest) {
    if (b.null) {
        return;
    }
    if (a.null || compareCells(type, greatest ? Comparison::Less : Comparison::Greater, a, b)) {
        a = b;
    }
}

inline double asDouble(const Value& value) {
    switch (value.type) {
    case ValueType::Float32:
    case ValueType::Float64:
        return value.real;
    case ValueType::Decimal:
        return decimalValue(value);
    default:
        return static_cast<double>(value.integer);
    }
}

inline int64_t asInteger(const Value& value) {
    switch (value.type) {
    case ValueType::Float32:
    case ValueType::Float64:
    case ValueType::Decimal:
        return truncateToInt(asDouble(value));
    default:
        return value.integer;
    }
}

inline void divideInt(Cell& a, const Cell& b) {
    if (b.integer == 0) {
        a = nullCell();
    } else if (b.integer == -1) {
        a.integer = wrap(0 - bits(a.integer)); // INT64_MIN / -1 wraps, as on the JVM
    } else {
        a.integer /= b.integer;
    }
}

inline void moduloInt(Cell& a, const Cell& b) {
    if (b.integer == 0) {
        a = nullCell();
    } else {
        a.integer = b.integer == -1 ? 0 : a.integer % b.integer;
    }
}

/// Spark gives null for a zero divisor, not infinity.
inline void divideDouble(Cell& a, const Cell& b, bool truncate) {
    if (b.real == 0.0) {
        a = nullCell();
    } else if (truncate) {
        a.integer = truncateToInt(a.real / b.real);
    } else {
        a.real /= b.real;
    }
}

inline void moduloDouble(Cell& a, const Cell& b) {
    if (b.real == 0.0) {
        a = nullCell();
    } else {
        a.real = std::fmod(a.real, b.real);
    }
}

/// AND (OR) of two in SQL's three-valued logic; `a` is not false (true) here, or the jump
/// before `b` would have skipped it.
inline void combine(Cell& a, const Cell& b, bool isOr) {
    const bool decided = !b.null && (b.integer != 0) == isOr;
    if (decided) {
        a = boolCell(isOr);
    } else if (a.null || b.null) {
        a = nullCell();
    } else {
        a = boolCell(!isOr);
    }
}

template <typename Parsed> inline void setParsed(Cell& cell, const Parsed& parsed, bool real) {
    if (!parsed) {
        cell = nullCell();
    } else if (real) {
        cell.real = static_cast<double>(*parsed);
    } else {
        cell.integer = static_cast<int64_t>(*parsed);
    }
}

inline Cell load(const Value& input, uint8_t type, Arena& arena, std::string& format) {
    if (input.isNull()) {
        return nullCell();
    }
    Cell cell;
    switch (static_cast<ResultType>(type)) {
    case ResultType::Double:
        cell.real = asDouble(input);
        return cell;
    case ResultType::String:
        cell.text = input.type == ValueType::String ? input.text : plainText(input, arena, format);
        return cell;
    case ResultType::Null:
        return nullCell();
    default:
        cell.integer = asInteger(input);
        return cell;
    }
}

} // namespace streamgen::expr::detail
