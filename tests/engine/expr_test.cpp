#include "engine/expr/expr_program.h"
#include "engine/hash.h"
#include "expr_test_support.h"

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <gtest/gtest.h>
#include <new>
#include <string>
#include <vector>

namespace {
/// Counts the allocations of the whole binary, so that a test can see evaluation make none.
std::atomic<long> g_allocations{0};
} // namespace

void* operator new(std::size_t size) {
    ++g_allocations;
    if (void* memory = std::malloc(size == 0 ? 1 : size)) {
        return memory;
    }
    throw std::bad_alloc();
}

// GCC pairs the free below with the builtin operator new when it inlines this replacement and
// warns of a mismatch that is not there: both sides are replaced here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* memory) noexcept {
    std::free(memory);
}

void operator delete(void* memory, std::size_t) noexcept {
    std::free(memory);
}
#pragma GCC diagnostic pop

namespace streamgen::expr {
namespace {

using namespace test;

TEST(Expr, ArithmeticFollowsSqlPrecedence) {
    EXPECT_EQ(integer("1 + 2 * 3"), 7);
    EXPECT_EQ(integer("(1 + 2) * 3"), 9);
    EXPECT_EQ(integer("10 - 4 - 3"), 3);
    EXPECT_EQ(integer("-2 * 3"), -6);
    EXPECT_EQ(integer("2 * 3 % 4"), 2);
    EXPECT_EQ(integer("-i + 1"), -6);
    EXPECT_EQ(integer("- -i"), 7);
    EXPECT_EQ(integer("+i"), 7);
    EXPECT_TRUE(boolean("1 + 1 = 2 AND 3 > 2"));
    EXPECT_TRUE(boolean("NOT 1 = 2"));
    EXPECT_TRUE(boolean("true OR false AND false"));
    EXPECT_FALSE(boolean("(true OR false) AND false"));
    EXPECT_TRUE(boolean("! false && true || false"));
    EXPECT_DOUBLE_EQ(real("base_reading + noise + anomaly_spike"), 20.25);
}

TEST(Expr, IntegerOperandsStayIntegersButSlashDividesAsDouble) {
    EXPECT_EQ(typeOf("i * 2"), ResultType::Int);
    EXPECT_EQ(typeOf("i + 0.5"), ResultType::Double);
    EXPECT_DOUBLE_EQ(real("7 / 2"), 3.5);
    EXPECT_DOUBLE_EQ(real("i / 2"), 3.5);
    EXPECT_EQ(integer("7 div 2"), 3);
    EXPECT_EQ(integer("-7 DIV 2"), -3);
    EXPECT_EQ(integer("7.9 div 2"), 3);
    EXPECT_EQ(integer("7 % 3"), 1);
    EXPECT_EQ(integer("-7 % 3"), -1);
    EXPECT_DOUBLE_EQ(real("7.5 % 2"), 1.5);
    EXPECT_DOUBLE_EQ(real("i + 0.5"), 7.5);
    EXPECT_DOUBLE_EQ(real("d * 2"), 5.0);
    EXPECT_EQ(integer("9223372036854775807 + 1"), INT64_MIN);
}

TEST(Expr, DivisionByZeroIsNullAsInSpark) {
    EXPECT_TRUE(isNull("7 / 0"));
    EXPECT_TRUE(isNull("1.0 / 0"));
    EXPECT_TRUE(isNull("7 div 0"));
    EXPECT_TRUE(isNull("7 % 0"));
    EXPECT_TRUE(isNull("7.5 % 0.0"));
    EXPECT_EQ(typeOf("7 / 0"), ResultType::Double);
}

TEST(Expr, ComparisonsOfEveryKind) {
    EXPECT_TRUE(boolean("1 < 2"));
    EXPECT_TRUE(boolean("2 <= 2"));
    EXPECT_TRUE(boolean("3 > 2.5"));
    EXPECT_FALSE(boolean("3 >= 3.5"));
    EXPECT_TRUE(boolean("1 = 1.0"));
    EXPECT_TRUE(boolean("'a' < 'b'"));
    EXPECT_TRUE(boolean("s = 'Hello'"));
    EXPECT_TRUE(boolean("s == 'Hello'"));
    EXPECT_TRUE(boolean("s != 'hello'"));
    EXPECT_TRUE(boolean("s <> 'x'"));
    EXPECT_TRUE(boolean("b = true"));
    EXPECT_TRUE(boolean("ts > ts - 1"));
    EXPECT_TRUE(boolean("day = ts"));
    EXPECT_TRUE(boolean("day < ts + 1"));
}

TEST(Expr, LogicIsThreeValued) {
    EXPECT_FALSE(boolean("null AND false"));
    EXPECT_FALSE(boolean("false AND null"));
    EXPECT_TRUE(isNull("null AND true"));
    EXPECT_TRUE(isNull("true AND null"));
    EXPECT_TRUE(boolean("null OR true"));
    EXPECT_TRUE(boolean("true OR null"));
    EXPECT_TRUE(isNull("null OR false"));
    EXPECT_TRUE(isNull("NOT null"));
    EXPECT_TRUE(isNull("n > 1"));
    EXPECT_TRUE(boolean("n > 1 OR true"));
    EXPECT_FALSE(boolean("n > 1 AND false"));
    EXPECT_TRUE(boolean("n IS NULL"));
    EXPECT_FALSE(boolean("n is not null"));
    EXPECT_FALSE(boolean("i IS NULL"));
    EXPECT_EQ(typeOf("null AND true"), ResultType::Bool);
}

TEST(Expr, SearchedCaseTakesTheFirstTrueBranch) {
    EXPECT_EQ(string("case when i > 5 then 'big' when i > 0 then 'small' else 'neg' end"), "big");
    EXPECT_EQ(string("CASE WHEN i > 9 THEN 'big' WHEN i > 0 THEN 'small' END"), "small");
    EXPECT_TRUE(isNull("case when i > 9 then 'big' end"));
    EXPECT_EQ(integer("case when null then 1 else 2 end"), 2);
    EXPECT_EQ(integer("case when n > 0 then 1 when true then 2 end"), 2);
    EXPECT_EQ(typeOf("case when b then 1 else 2.5 end"), ResultType::Double);
    EXPECT_DOUBLE_EQ(real("case when b then 1 else 2.5 end"), 1.0);
    EXPECT_EQ(typeOf("case when b then null else 'x' end"), ResultType::String);
    EXPECT_EQ(typeOf("case when b then null end"), ResultType::Null);
}

TEST(Expr, SimpleCaseComparesTheSubjectOnce) {
    EXPECT_EQ(string("case i when 1 then 'one' when 7 then 'seven' else 'other' end"), "seven");
    EXPECT_EQ(string("case i + 1 when 1 then 'one' else 'other' end"), "other");
    EXPECT_TRUE(isNull("case s when 'x' then 1 end"));
    EXPECT_EQ(integer("case n when 1 then 1 else 0 end"), 0);
    EXPECT_EQ(integer("case 1 when n then 1 else 0 end"), 0);
    EXPECT_EQ(string("case i when 7.0 then 'yes' end"), "yes");
    EXPECT_EQ(integer("case s when 'Hello' then 1 when 'x' then 2 end + 10"), 11);
}

TEST(Expr, IfChoosesABranch) {
    EXPECT_EQ(string("if(i > 5, 'a', 'b')"), "a");
    EXPECT_EQ(string("IF(i > 50, 'a', 'b')"), "b");
    EXPECT_EQ(integer("if(null, 1, 2)"), 2);
    EXPECT_EQ(typeOf("if(b, 1, 2.5)"), ResultType::Double);
}

TEST(Expr, NumericFunctions) {
    EXPECT_EQ(integer("abs(-3)"), 3);
    EXPECT_DOUBLE_EQ(real("abs(-2.5)"), 2.5);
    EXPECT_EQ(integer("floor(2.7)"), 2);
    EXPECT_EQ(integer("floor(-2.5)"), -3);
    EXPECT_EQ(integer("ceil(2.1)"), 3);
    EXPECT_EQ(integer("ceiling(-2.1)"), -2);
    EXPECT_EQ(integer("floor(i)"), 7);
    EXPECT_EQ(integer("least(3, 1, 2)"), 1);
    EXPECT_DOUBLE_EQ(real("greatest(3, 1.5)"), 3.0);
    EXPECT_EQ(integer("least(n, 5)"), 5);
    EXPECT_EQ(integer("greatest(5, n, 6)"), 6);
    EXPECT_TRUE(isNull("greatest(n, n)"));
    EXPECT_EQ(string("least('b', 'a', 'c')"), "a");
}

TEST(Expr, RoundIsHalfUpOnTheShortestDecimalLikeSpark) {
    EXPECT_DOUBLE_EQ(real("round(2.5)"), 3.0);
    EXPECT_DOUBLE_EQ(real("round(-2.5)"), -3.0);
    EXPECT_DOUBLE_EQ(real("round(0.5)"), 1.0);
    EXPECT_DOUBLE_EQ(real("round(2.4)"), 2.0);
    EXPECT_EQ(real("round(1.005, 2)"), 1.01);
    EXPECT_EQ(real("round(2.345, 2)"), 2.35);
    EXPECT_EQ(real("round(-1.005, 2)"), -1.01);
    EXPECT_EQ(real("round(0.49999999999999994)"), 0.0);
    EXPECT_EQ(real("round(1234.5678, -2)"), 1200.0);
    EXPECT_EQ(real("round(0.001, 1)"), 0.0);
    EXPECT_EQ(real("round(9.995, 2)"), 10.0);
    EXPECT_EQ(real("round(3.14159, 3)"), 3.142);
    EXPECT_EQ(real("round(1e300, 2)"), 1e300);
    EXPECT_EQ(integer("round(7)"), 7);
    EXPECT_EQ(integer("round(125, -1)"), 130);
    EXPECT_EQ(integer("round(-125, -1)"), -130);
    EXPECT_EQ(integer("round(124, -1)"), 120);
}

TEST(Expr, StringFunctions) {
    EXPECT_EQ(string("lower('AbC')"), "abc");
    EXPECT_EQ(string("upper(s)"), "HELLO");
    EXPECT_EQ(string("lower(upper(s))"), "hello");
    EXPECT_EQ(integer("length(s)"), 5);
    EXPECT_EQ(integer("length('h\xC3\xA9llo')"), 5);
    EXPECT_EQ(integer("length(12345)"), 5);
    EXPECT_EQ(integer("length('')"), 0);
}

TEST(Expr, ConcatWritesNumbersAsJsonDoes) {
    EXPECT_EQ(string("concat('a', 1, 2.5, true)"), "a12.5true");
    EXPECT_EQ(string("concat(s, ' ', s)"), "Hello Hello");
    EXPECT_EQ(string("concat(0.1 + 0.2)"), "0.30000000000000004");
    EXPECT_EQ(string("concat(1.0, '|', -0.5, '|', 1e21)"), "1|-0.5|1e+21");
    EXPECT_EQ(string("concat(ts)"), "2026-01-01T00:00:00.000Z");
    EXPECT_EQ(string("concat(day, '/', i)"), "2026-01-01/7");
    EXPECT_EQ(string("concat(upper(s), lower(s), 1)"), "HELLOhello1");
    EXPECT_TRUE(isNull("concat('x', n)"));
    EXPECT_TRUE(isNull("concat(ns)"));
}

TEST(Expr, SubstrCountsFromOneAndFromTheEndLikeSpark) {
    EXPECT_EQ(string("substr('Spark SQL', 5)"), "k SQL");
    EXPECT_EQ(string("substr('Spark SQL', -3)"), "SQL");
    EXPECT_EQ(string("substr('Spark SQL', 5, 1)"), "k");
    EXPECT_EQ(string("substring('Spark SQL', 0, 2)"), "Sp");
    EXPECT_EQ(string("substr('Spark SQL', 1, 2)"), "Sp");
    EXPECT_EQ(string("substr('abc', 10)"), "");
    EXPECT_EQ(string("substr('abc', -5, 3)"), "a");
    EXPECT_EQ(string("substr('abc', -5)"), "abc");
    EXPECT_EQ(string("substr('abc', 2, -1)"), "");
    EXPECT_EQ(string("substr('abc', 2, 0)"), "");
    EXPECT_EQ(string("substr('abc', 2, 100)"), "bc");
    EXPECT_EQ(string("substr('h\xC3\xA9llo', 2, 2)"), "\xC3\xA9l");
    EXPECT_EQ(string("substr(upper(s), 2, 3)"), "ELL");
    EXPECT_EQ(string("substr(i * 100, 2)"), "00");
    EXPECT_TRUE(isNull("substr(ns, 1)"));
    EXPECT_TRUE(isNull("substr('abc', n)"));
    EXPECT_TRUE(isNull("substr('abc', 1, n)"));
}

TEST(Expr, CoalesceReturnsTheFirstNonNull) {
    EXPECT_EQ(integer("coalesce(n, 3)"), 3);
    EXPECT_EQ(integer("coalesce(n, null, i, 9)"), 7);
    EXPECT_EQ(integer("coalesce(i, n)"), 7);
    EXPECT_TRUE(isNull("coalesce(n)"));
    EXPECT_DOUBLE_EQ(real("coalesce(n, 2.5)"), 2.5);
    EXPECT_DOUBLE_EQ(real("coalesce(i, 2.5)"), 7.0);
    EXPECT_EQ(string("ifnull(ns, 'x')"), "x");
    EXPECT_EQ(string("nvl(s, 'x')"), "Hello");
}

TEST(Expr, NullPropagatesThroughOperatorsAndFunctions) {
    for (const char* text :
         {"n + 1", "n * 2.0", "-n", "abs(n)", "round(n)", "floor(n)", "n < 1", "lower(ns)",
          "length(ns)", "cast(n as string)", "ts + n", "n / 2", "null + 1", "upper(null)",
          "substr(null, 1)", "least(null, null)", "cast(ns as int)"}) {
        EXPECT_TRUE(isNull(text)) << text;
    }
    EXPECT_EQ(typeOf("n + 1"), ResultType::Int);
    EXPECT_EQ(typeOf("null + 1.5"), ResultType::Double);
    EXPECT_EQ(typeOf("null"), ResultType::Null);
}

TEST(Expr, HashIsAStableInt) {
    EXPECT_EQ(typeOf("hash(s)"), ResultType::Int);
    EXPECT_EQ(integer("hash('a')"), integer("hash('a')"));
    EXPECT_NE(integer("hash('a')"), integer("hash('b')"));
    EXPECT_NE(integer("hash(1, 'a')"), integer("hash('a', 1)"));
    EXPECT_EQ(integer("hash(n, 1)"), integer("hash(1)"));
    EXPECT_EQ(integer("hash(s)"), integer("hash('Hello')"));
    EXPECT_NE(integer("hash(1)"), integer("hash(2)"));
    EXPECT_EQ(integer("hash(0.0)"), integer("hash(-0.0)"));
}

TEST(Expr, RandDrawsAreAPureFunctionOfEventAndCallSite) {
    const uint64_t salt = 1234;
    const Program first = compileOrFail("rand()", salt);
    const Program pair = compileOrFail("rand() - rand()", salt);
    const Program later = compileOrFail("if(rand() < 2, rand(), 0.0)", salt);
    const Program otherSalt = compileOrFail("rand()", salt + 1);
    const std::vector<Value> values = row();
    Scratch scratch;
    for (uint64_t key : {0ULL, 1ULL, 99ULL, 123456789ULL}) {
        const double expected = hash::unit(hash::draw(key, salt, 0));
        const double second = hash::unit(hash::draw(key, salt, 1));
        EXPECT_EQ(first.evaluate(values.data(), key, scratch).real, expected);
        EXPECT_EQ(first.evaluate(values.data(), key, scratch).real, expected);
        EXPECT_EQ(pair.evaluate(values.data(), key, scratch).real, expected - second);
        EXPECT_NE(expected, second);
        EXPECT_EQ(later.evaluate(values.data(), key, scratch).real, second);
        EXPECT_NE(otherSalt.evaluate(values.data(), key, scratch).real, expected);
        EXPECT_NE(first.evaluate(values.data(), key + 1, scratch).real, expected);
    }
}

TEST(Expr, RandIsUniformOverHundredThousandEvents) {
    const Program program = compileOrFail("rand()", 77);
    Scratch scratch;
    double sum = 0.0;
    double low = 1.0;
    double high = 0.0;
    for (uint64_t key = 0; key < 100'000; ++key) {
        const double u = program.evaluate(nullptr, key, scratch).real;
        sum += u;
        low = std::min(low, u);
        high = std::max(high, u);
    }
    EXPECT_NEAR(sum / 100'000, 0.5, 0.005);
    EXPECT_GE(low, 0.0);
    EXPECT_LT(high, 1.0);
}

TEST(Expr, RandnIsStandardNormalOverHundredThousandEvents) {
    const Program program = compileOrFail("randn()", 77);
    Scratch scratch;
    double sum = 0.0;
    double squares = 0.0;
    for (uint64_t key = 0; key < 100'000; ++key) {
        const double z = program.evaluate(nullptr, key, scratch).real;
        ASSERT_TRUE(std::isfinite(z));
        sum += z;
        squares += z * z;
    }
    const double mean = sum / 100'000;
    EXPECT_NEAR(mean, 0.0, 0.01);
    EXPECT_NEAR(std::sqrt(squares / 100'000 - mean * mean), 1.0, 0.01);
}

TEST(Expr, CastsBetweenTypes) {
    EXPECT_EQ(integer("cast('12' as int)"), 12);
    EXPECT_EQ(integer("CAST(' 1.9 ' AS BIGINT)"), 1);
    EXPECT_TRUE(isNull("cast('x' as int)"));
    EXPECT_EQ(integer("cast(2.9 as long)"), 2);
    EXPECT_EQ(integer("cast(-2.9 as int)"), -2);
    EXPECT_EQ(integer("cast(true as int)"), 1);
    EXPECT_EQ(integer("cast(ts as bigint)"), kNewYear2026Ms);
    EXPECT_DOUBLE_EQ(real("cast(1 as double)"), 1.0);
    EXPECT_DOUBLE_EQ(real("cast('1e3' as float)"), 1000.0);
    EXPECT_TRUE(isNull("cast('abc' as double)"));
    EXPECT_EQ(string("cast(1 as string)"), "1");
    EXPECT_EQ(string("cast(2.5 as string)"), "2.5");
    EXPECT_EQ(string("cast(b as string)"), "true");
    EXPECT_TRUE(boolean("cast('yes' as boolean)"));
    EXPECT_FALSE(boolean("cast(0 as boolean)"));
    EXPECT_TRUE(boolean("cast(0.5 as boolean)"));
    EXPECT_TRUE(isNull("cast('maybe' as boolean)"));
    EXPECT_EQ(eval("cast(ts + 86400000 as date)").value.integer, kNewYear2026Days + 1);
    EXPECT_EQ(eval("cast(day as timestamp)").value.integer, kNewYear2026Ms);
    EXPECT_EQ(typeOf("cast(day as timestamp)"), ResultType::Timestamp);
}

TEST(Expr, TimestampsMoveByMillisecondsAndDatesByDays) {
    EXPECT_EQ(typeOf("ts + 1000"), ResultType::Timestamp);
    EXPECT_EQ(typeOf("1000 + ts"), ResultType::Timestamp);
    EXPECT_EQ(eval("ts + 1000").value.integer, kNewYear2026Ms + 1000);
    EXPECT_EQ(eval("ts + 1000").value.type, ValueType::Timestamp);
    EXPECT_EQ(integer("(ts + 1500) - ts"), 1500);
    EXPECT_EQ(typeOf("day - 1"), ResultType::Date);
    EXPECT_EQ(eval("day - 1").value.type, ValueType::Date);
    EXPECT_EQ(integer("(day + 3) - day"), 3);
}

TEST(Expr, LiteralsAndNames) {
    EXPECT_EQ(string("'it''s'"), "it's");
    EXPECT_EQ(string("\"double \"\"quoted\"\"\""), "double \"quoted\"");
    EXPECT_EQ(string("'back\\'slash'"), "back'slash");
    EXPECT_DOUBLE_EQ(real("1e3"), 1000.0);
    EXPECT_DOUBLE_EQ(real(".5 + 0.25"), 0.75);
    EXPECT_DOUBLE_EQ(real("2.5E-1"), 0.25);
    EXPECT_EQ(integer("`my col` + 1"), 43);
    EXPECT_EQ(integer("I + 1"), 8);
    EXPECT_TRUE(boolean("TRUE"));
    EXPECT_EQ(integer("CaSe WhEn TrUe ThEn 1 EnD"), 1);
    EXPECT_EQ(typeOf("9223372036854775808"), ResultType::Double);
}

TEST(Expr, InputsOfOtherKindsAreReadAsDeclared) {
    EXPECT_DOUBLE_EQ(real("price"), 123.45);
    EXPECT_DOUBLE_EQ(real("ratio * 2"), 1.0);
    EXPECT_EQ(string("concat('#', label)"), "#99");
}

TEST(Expr, InputsUsedAreTheSlotsReadAscending) {
    EXPECT_EQ(compileOrFail("d + i * i + case when b then 1 else 0 end").inputsUsed(),
              (std::vector<std::size_t>{0, 1, 3}));
    EXPECT_EQ(compileOrFail("rand() < 0.03").inputsUsed(), std::vector<std::size_t>{});
    EXPECT_EQ(compileOrFail("base_reading + noise + anomaly_spike").inputsUsed(),
              (std::vector<std::size_t>{9, 10, 11}));
}

TEST(Expr, DbldatagenExpressionsCompileWithTheirTypes) {
    EXPECT_EQ(typeOf("rand() < 0.03"), ResultType::Bool);
    EXPECT_EQ(typeOf("case when is_anomaly then (rand() * 50 + 20) else 0 end"),
              ResultType::Double);
    EXPECT_EQ(typeOf("base_reading + noise + anomaly_spike"), ResultType::Double);
    EXPECT_EQ(typeOf("case when is_fraud then 0.7 + rand() * 0.3 else rand() * 0.4 end"),
              ResultType::Double);
    EXPECT_EQ(real("case when is_anomaly then (rand() * 50 + 20) else 0 end"), 0.0);
    const double fraud = real("case when is_fraud then 0.7 + rand() * 0.3 else rand() * 0.4 end");
    EXPECT_GE(fraud, 0.7);
    EXPECT_LT(fraud, 1.0);
}

TEST(Expr, ScratchStopsGrowingAfterWarmUp) {
    const Program program = compileOrFail("concat(upper(s), '-', i, '-', rand())");
    const std::vector<Value> values = row();
    Scratch scratch;
    program.evaluate(values.data(), 0, scratch);
    const char* text = scratch.text.data();
    const std::size_t capacity = scratch.text.capacity();
    for (uint64_t key = 1; key < 1000; ++key) {
        const Value value = program.evaluate(values.data(), key, scratch);
        ASSERT_TRUE(value.text.starts_with("HELLO-7-0")) << value.text;
    }
    EXPECT_EQ(scratch.text.data(), text);
    EXPECT_EQ(scratch.text.capacity(), capacity);
}

TEST(Expr, EvaluationAllocatesNothingAfterWarmUp) {
    const std::vector<Value> values = row();
    for (const char* text :
         {"case when is_anomaly then (rand() * 50 + 20) else 0 end",
          "concat(upper(s), '-', i, '-', rand(), ts, day, b)", "substr(lower(s), 2, 3)",
          "cast(randn() as string)", "hash(s, i, d)", "coalesce(n, i) + length(label)",
          "case s when 'Hello' then round(d * rand(), 2) end"}) {
        const Program program = compileOrFail(text);
        Scratch scratch;
        const long start = g_allocations.load();
        for (uint64_t key = 0; key < 100; ++key) {
            program.evaluate(values.data(), key, scratch);
        }
        const long before = g_allocations.load();
        EXPECT_GT(before - start, 0) << "the counter sees the scratch grow: " << text;
        for (uint64_t key = 100; key < 10'100; ++key) {
            program.evaluate(values.data(), key, scratch);
        }
        EXPECT_EQ(g_allocations.load() - before, 0) << text;
    }
}

TEST(Expr, LongStringsGrowTheScratchAndStayCorrect) {
    std::vector<Input> inputs{{"s", ResultType::String}};
    const std::string big(10'000, 'x');
    std::vector<Value> values{stringValue(big)};
    const Program program =
        std::get<Program>(Program::compile("concat(upper(s), s, lower(upper(s)))", inputs, 1));
    Scratch scratch;
    const Value value = program.evaluate(values.data(), 0, scratch);
    EXPECT_EQ(value.text, std::string(10'000, 'X') + big + big);
}

TEST(Expr, CopiedProgramsEvaluateAlike) {
    const Program original = compileOrFail("concat('a', s, rand())");
    const Program copy = original;
    const std::vector<Value> values = row();
    Scratch first;
    Scratch second;
    EXPECT_EQ(original.evaluate(values.data(), 5, first).text,
              copy.evaluate(values.data(), 5, second).text);
}

} // namespace
} // namespace streamgen::expr
