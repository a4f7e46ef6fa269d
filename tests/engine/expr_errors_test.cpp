#include "engine/hash.h"
#include "expr_test_support.h"

#include <gtest/gtest.h>
#include <string>

namespace streamgen::expr {
namespace {

using namespace test;

void expectError(std::string_view text, std::size_t offset, std::string_view message) {
    const CompileError error = errorOf(text);
    EXPECT_EQ(error.offset, offset) << text;
    EXPECT_EQ(error.message, message) << text;
}

TEST(Expr, UnknownColumnSuggestsTheClosestInput) {
    expectError("is_anomly and true", 0, "unknown field `is_anomly`; did you mean `is_anomaly`?");
    expectError("1 + zzzzzz", 4, "unknown field `zzzzzz`");
    expectError("`my colm`", 0, "unknown field `my colm`; did you mean `my col`?");
}

TEST(Expr, UnknownFunctionAndWrongArgumentCount) {
    expectError("1 + foo(2)", 4, "unknown function `foo`");
    expectError("roud(1.5)", 0, "unknown function `roud`; did you mean `round`?");
    expectError("abs(1, 2)", 0, "`abs` takes 1 argument, found 2");
    expectError("round()", 0, "`round` takes 1 or 2 arguments, found 0");
    expectError("least(1)", 0, "`least` takes at least 2 arguments, found 1");
    expectError("rand(1)", 0, "`rand` takes 0 arguments, found 1");
}

TEST(Expr, SyntaxErrorsPointAtTheProblem) {
    expectError("(1 + 2", 0, "unbalanced parentheses: this `(` is never closed");
    expectError("abs(1", 3, "unbalanced parentheses: this `(` is never closed");
    expectError("1 + 2)", 5, "unbalanced parentheses: this `)` has no matching `(`");
    expectError("(1 2)", 3, "expected `)`, found `2`");
    expectError("'abc", 0, "unterminated string");
    expectError("s = \"abc", 4, "unterminated string");
    expectError("`abc", 0, "unterminated quoted column name");
    expectError("1 2", 2, "unexpected `2` after the end of the expression");
    expectError("", 0, "empty expression");
    expectError("   ", 0, "empty expression");
    expectError("1 + * 2", 4, "expected an expression, found `*`");
    expectError("1 +", 3, "expected an expression, found the end of the expression");
    expectError("case when b then 1", 0, "this CASE is never finished with END");
    expectError("case when b 1 end", 12, "expected THEN in CASE, found `1`");
    expectError("case else 1 end", 5, "expected an expression, found `else`");
    expectError("1 # 2", 2, "unexpected character `#`");
    expectError("1e", 0, "malformed number: the exponent has no digits");
    expectError("12abc", 2, "malformed number: unexpected `a` after it");
    expectError("n is 1", 5, "expected NULL after IS, found `1`");
    expectError("cast(1 as money)", 10,
                "unknown type `money` in CAST; use int, bigint, double, string, boolean, "
                "timestamp or date");
    expectError("cast(1, int)", 6, "expected AS in CAST, found `,`");
}

TEST(Expr, TypeErrorsNameTheOperandAndItsType) {
    expectError("1 + 'a'", 4, "`+` needs numbers, found a string");
    expectError("'a' * 2", 0, "`*` needs numbers, found a string");
    expectError("-s", 1, "`-` needs a number, found a string");
    expectError("NOT 1", 4, "`NOT` needs a boolean, found an integer");
    expectError("1 AND true", 0, "`AND` needs booleans, found an integer");
    expectError("b || s", 5, "`OR` needs booleans, found a string");
    expectError("s < 1", 2, "`<` cannot compare a string with an integer");
    expectError("ts - day", 3, "`-` cannot combine a timestamp and a date");
    expectError("case when b then 1 else 'x' end", 24, "CASE results mix an integer and a string");
    expectError("case when 1 then 2 end", 10, "WHEN needs a boolean condition, found an integer");
    expectError("case s when 1 then 2 end", 12, "CASE cannot compare a string with an integer");
    expectError("coalesce(1, 'a')", 12, "`coalesce` arguments mix an integer and a string");
    expectError("if(1, 2, 3)", 3, "`if` needs a boolean condition, found an integer");
    expectError("abs('a')", 4, "`abs` needs a number, found a string");
    expectError("round(d, i)", 9, "`round` needs a constant integer for its digits");
    expectError("substr(s, 1.5)", 10, "`substr` needs an integer position, found a double");
    expectError("cast(b as date)", 0, "cannot cast a boolean to date");
}

TEST(Expr, DeepNestingIsAnErrorNotACrash) {
    const std::string deepParens = std::string(10'000, '(') + "1" + std::string(10'000, ')');
    expectError(deepParens, 201, "the expression nests deeper than 200 levels");
    expectError(std::string(10'000, '('), 201, "the expression nests deeper than 200 levels");
    expectError(std::string(10'000, '-') + "1", 201, "the expression nests deeper than 200 levels");
    std::string nots;
    for (int i = 0; i < 10'000; ++i) {
        nots += "not ";
    }
    EXPECT_NE(errorOf(nots + "true").message.find("deeper than 200"), std::string::npos);
    std::string calls;
    for (int i = 0; i < 10'000; ++i) {
        calls += "abs(";
    }
    EXPECT_NE(errorOf(calls + "1").message.find("deeper than 200"), std::string::npos);
    std::string chain = "1";
    for (int i = 0; i < 10'000; ++i) {
        chain += " + 1";
    }
    EXPECT_NE(errorOf(chain).message.find("deeper than 200"), std::string::npos);
    std::string cases;
    for (int i = 0; i < 10'000; ++i) {
        cases += "case when b then ";
    }
    EXPECT_NE(errorOf(cases + "1").message.find("deeper than 200"), std::string::npos);
}

TEST(Expr, TwoHundredLevelsStillCompile) {
    const std::string parens = std::string(200, '(') + "i" + std::string(200, ')');
    EXPECT_EQ(integer(parens), 7);
    std::string chain = "1";
    for (int i = 0; i < 199; ++i) {
        chain += " + 1";
    }
    EXPECT_EQ(integer(chain), 200);
}

ValueType valueTypeOf(ResultType type) {
    switch (type) {
    case ResultType::Bool:
        return ValueType::Bool;
    case ResultType::Int:
        return ValueType::Int;
    case ResultType::Double:
        return ValueType::Float64;
    case ResultType::String:
        return ValueType::String;
    case ResultType::Timestamp:
        return ValueType::Timestamp;
    case ResultType::Date:
        return ValueType::Date;
    case ResultType::Null:
        break;
    }
    return ValueType::Null;
}

TEST(Expr, RandomTokenSoupCompilesOrFailsCleanlyAndKeepsItsType) {
    static constexpr std::string_view kPieces[] = {
        "(",    ")",   "case",   "when",    "then",   "else",      "end",     "1",
        "2.5",  "'x'", "s",      "i",       "n",      "ns",        "ts",      "day",
        "b",    "+",   "-",      "*",       "/",      "%",         "div",     "and",
        "or",   "not", "is",     "null",    ",",      "concat(",   "substr(", "round(",
        "abs(", "if(", "rand()", "randn()", "=",      "<",         "<>",      "cast(",
        "as",   "int", "string", "hash(",   "least(", "coalesce(", "lower(",  "length(",
        "true", "'",   "`",      "0",       "-1",     "1e3",       "||",      "!"};
    const std::vector<Value> values = row();
    Scratch scratch;
    int compiled = 0;
    for (uint64_t trial = 0; trial < 20'000; ++trial) {
        std::string text;
        const uint64_t length = 1 + hash::below(hash::draw(trial, 1), 12);
        for (uint64_t k = 0; k < length; ++k) {
            text += kPieces[hash::below(hash::draw(trial, 2, k), std::size(kPieces))];
            text += ' ';
        }
        auto result = Program::compile(text, kInputs, trial);
        if (const auto* error = std::get_if<CompileError>(&result)) {
            ASSERT_LE(error->offset, text.size()) << text;
            ASSERT_FALSE(error->message.empty()) << text;
            continue;
        }
        ++compiled;
        const Program& program = std::get<Program>(result);
        const Value value = program.evaluate(values.data(), trial, scratch);
        if (!value.isNull()) {
            ASSERT_EQ(value.type, valueTypeOf(program.resultType())) << text;
        }
    }
    EXPECT_GT(compiled, 300);
}

} // namespace
} // namespace streamgen::expr
