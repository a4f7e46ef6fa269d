#pragma once

// What the expression tests share: inputs of every type, a row of their values, and
// compiling and evaluating an expression against them.

#include "engine/expr/expr_program.h"

#include <gtest/gtest.h>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen::expr::test {

inline constexpr int64_t kNewYear2026Ms = 1767225600000;
inline constexpr int64_t kNewYear2026Days = 20454;

inline const std::vector<Input> kInputs = {
    {"i", ResultType::Int},                // 0
    {"d", ResultType::Double},             // 1
    {"s", ResultType::String},             // 2
    {"b", ResultType::Bool},               // 3
    {"ts", ResultType::Timestamp},         // 4
    {"day", ResultType::Date},             // 5
    {"n", ResultType::Int},                // 6, always null
    {"ns", ResultType::String},            // 7, always null
    {"is_anomaly", ResultType::Bool},      // 8
    {"base_reading", ResultType::Double},  // 9
    {"noise", ResultType::Double},         // 10
    {"anomaly_spike", ResultType::Double}, // 11
    {"is_fraud", ResultType::Bool},        // 12
    {"my col", ResultType::Int},           // 13
    {"price", ResultType::Double},         // 14, a Decimal value
    {"ratio", ResultType::Double},         // 15, a Float32 value
    {"label", ResultType::String},         // 16, an Int value
};

inline Value intValue(int64_t v, ValueType type = ValueType::Int) {
    Value value;
    value.type = type;
    value.integer = v;
    return value;
}

inline Value realValue(double v, ValueType type = ValueType::Float64) {
    Value value;
    value.type = type;
    value.real = v;
    return value;
}

inline Value stringValue(std::string_view v) {
    Value value;
    value.type = ValueType::String;
    value.text = v;
    return value;
}

/// One event's values, in the order of kInputs.
inline std::vector<Value> row() {
    Value price = realValue(12345, ValueType::Decimal);
    price.scale = 2;
    return {intValue(7),
            realValue(2.5),
            stringValue("Hello"),
            intValue(1, ValueType::Bool),
            intValue(kNewYear2026Ms, ValueType::Timestamp),
            intValue(kNewYear2026Days, ValueType::Date),
            Value{},
            Value{},
            intValue(0, ValueType::Bool),
            realValue(20.0),
            realValue(0.25),
            realValue(0.0),
            intValue(1, ValueType::Bool),
            intValue(42),
            price,
            realValue(0.5, ValueType::Float32),
            intValue(99)};
}

inline Program compileOrFail(std::string_view text, uint64_t salt = 1) {
    auto compiled = Program::compile(text, kInputs, salt);
    if (const auto* error = std::get_if<CompileError>(&compiled)) {
        ADD_FAILURE() << text << ": " << error->message << " at " << error->offset;
        return std::get<Program>(Program::compile("null", kInputs, salt));
    }
    return std::get<Program>(std::move(compiled));
}

inline CompileError errorOf(std::string_view text) {
    auto compiled = Program::compile(text, kInputs, 1);
    if (auto* error = std::get_if<CompileError>(&compiled)) {
        return *error;
    }
    ADD_FAILURE() << text << " compiled";
    return {};
}

inline ResultType typeOf(std::string_view text) {
    return compileOrFail(text).resultType();
}

/// Evaluates with a fresh scratch, so a String result is copied out before it goes.
struct Result {
    Value value;
    std::string text;
};

inline Result eval(std::string_view text, uint64_t eventKey = 0) {
    const Program program = compileOrFail(text);
    const std::vector<Value> values = row();
    Scratch scratch;
    Result result{program.evaluate(values.data(), eventKey, scratch), {}};
    result.text = result.value.text;
    result.value.text = {};
    return result;
}

inline int64_t integer(std::string_view text) {
    const Value value = eval(text).value;
    EXPECT_EQ(value.type, ValueType::Int) << text;
    return value.integer;
}

inline double real(std::string_view text) {
    const Value value = eval(text).value;
    EXPECT_EQ(value.type, ValueType::Float64) << text;
    return value.real;
}

inline bool boolean(std::string_view text) {
    const Value value = eval(text).value;
    EXPECT_EQ(value.type, ValueType::Bool) << text;
    return value.integer != 0;
}

inline std::string string(std::string_view text) {
    const Result result = eval(text);
    EXPECT_EQ(result.value.type, ValueType::String) << text;
    return result.text;
}

inline bool isNull(std::string_view text) {
    return eval(text).value.isNull();
}

} // namespace streamgen::expr::test
