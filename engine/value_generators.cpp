#include "value_generators.h"

#include "model/kinds/field_kinds.h"
#include "nested_values.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <numeric>
#include <stdexcept>

namespace streamgen {

namespace {

constexpr int kMaxScale = 17;

/// The field's distribution, or the uniform one.
DistributionSpec shapeOf(const FieldSpec& field) {
    const auto parsed = parseDistribution(field.distribution);
    const auto* spec = std::get_if<DistributionSpec>(&parsed);
    return spec != nullptr && field.random ? *spec : DistributionSpec{};
}

/// A float or double on a grid of `step` (given, or dbldatagen's 1 when values go in turn).
void compileRealGrid(const FieldSpec& field, double step, ValueGenerator& g) {
    g.realStep = step;
    const double count = std::floor((field.floatMax - field.floatMin) / step) + 1.0;
    g.span = static_cast<uint64_t>(std::clamp(count, 1.0, 9.0e18));
    g.kind = field.random ? ValueKind::RealGrid : ValueKind::RealGridInTurn;
}

void compileReal(const FieldSpec& field, ValueGenerator& g) {
    g.min = field.floatMin;
    g.max = field.floatMax;
    g.width = field.floatMax - field.floatMin;
    g.float32 = field.type == FieldType::Float;
    g.min32 = static_cast<float>(field.floatMin);
    g.max32 = static_cast<float>(field.floatMax);
    const DistributionSpec shape = shapeOf(field);
    const bool shaped = shape.kind != DistributionSpec::Kind::Uniform && g.width > 0.0;
    if (!field.precision) {
        if (shaped) {
            g.kind = ValueKind::RealShaped;
            g.shape = ShapeTable(shape, field.floatMin, field.floatMax);
        } else if (field.step > 0.0 || !field.random) {
            compileRealGrid(field, field.step > 0.0 ? field.step : 1.0, g);
        } else {
            g.kind = g.float32 ? ValueKind::Float32 : ValueKind::Float64;
        }
        return;
    }
    // Draw a whole number of 10^-p steps inside [min, max], so rounding never leaves the range.
    g.kind = ValueKind::Fixed;
    g.precision = std::clamp(*field.precision, 0, kMaxScale);
    const double scale = decimalScale(g.precision);
    auto [lo, hi] = fixedGrid(field);
    if (lo > hi) {
        lo = hi = std::round(field.floatMin * scale);
    }
    g.min = lo;
    g.width = hi - lo;
    if (shaped) {
        g.kind = ValueKind::FixedShaped;
        g.shape = ShapeTable(shape, field.floatMin, field.floatMax);
    }
}

void compileInteger(int64_t lo, int64_t hi, ValueGenerator& g) {
    g.lo = lo;
    g.span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
}

/// int / long: the grid min, min + step, ... up to max (or `unique_values` of them), and how
/// an event picks its place on it.
void compileWholeNumbers(const FieldSpec& field, uint64_t seed, ValueGenerator& g) {
    const int64_t lo = std::min(field.intMin, field.intMax);
    const int64_t hi = std::max(field.intMin, field.intMax);
    g.lo = lo;
    g.step = field.step >= 1.0 ? static_cast<int64_t>(field.step) : 1;
    const auto step = static_cast<uint64_t>(g.step);
    g.span = field.uniqueValues > 0
                 ? static_cast<uint64_t>(field.uniqueValues)
                 : (static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo)) / step + 1;
    const DistributionSpec shape = shapeOf(field);
    if (field.sequence) {
        g.kind = ValueKind::IntegerSequence;
    } else if (field.unique || field.uniqueValues > 0) {
        g.kind = field.random ? ValueKind::IntegerUnique : ValueKind::IntegerInTurn;
        g.permutationKey = hash::mix(seed ^ g.salt);
    } else if (!field.random) {
        g.kind = ValueKind::IntegerInTurn;
    } else if (shape.kind == DistributionSpec::Kind::Zipf) {
        g.kind = ValueKind::IntegerZipf;
        const double count = g.span == 0 ? 18446744073709551616.0 : static_cast<double>(g.span);
        g.zipf = ZipfTable(shape.first.given ? shape.first.value : 1.2, count);
    } else if (shape.kind != DistributionSpec::Kind::Uniform && g.span != 1) {
        // Each grid value owns the stretch [value, value + step) of the continuous shape.
        g.kind = ValueKind::IntegerShaped;
        const double count = g.span == 0 ? 18446744073709551616.0 : static_cast<double>(g.span);
        g.shape = ShapeTable(shape, static_cast<double>(lo),
                             static_cast<double>(lo) + count * static_cast<double>(step));
    } else {
        g.kind = ValueKind::Integer;
    }
}

/// Thread buffers of Text values, by text slot; they grow once and are reused. A deque, since
/// values of the event still point into the buffers of lower slots when a higher slot is first
/// used: growing it at the end moves no buffer (a vector would move short strings' inline text).
thread_local std::deque<std::string> t_texts;

void compileChoice(const FieldSpec& field, ValueGenerator& g) {
    const std::string separator = field.textSeparator.empty() ? "_" : field.textSeparator;
    g.before = field.prefix.empty() ? "" : field.prefix + separator;
    g.after = field.suffix.empty() ? "" : separator + field.suffix;
    if (!field.textTemplate.empty() || !field.pattern.empty()) {
        g.kind = ValueKind::Text;
        if (field.textTemplate.empty()) {
            g.text = TextTemplate::pattern(field.pattern);
        } else if (auto compiled =
                       TextTemplate::compile(field.textTemplate, field.escapeSpecialChars);
                   std::holds_alternative<TextTemplate>(compiled)) {
            g.text = std::get<TextTemplate>(std::move(compiled));
        }
        return;
    }
    g.kind = field.random ? ValueKind::Choice : ValueKind::ChoiceInTurn;
    // Prefix and suffix are part of each value, so encoders keep their pre-encoded forms.
    g.choices = writtenValues(field);
    if (field.weights.empty() || field.weights.size() != field.values.size()) {
        return;
    }
    if (field.random) {
        g.choiceTable.build(field.weights);
        return;
    }
    // Whole weights are counts of turns, as dbldatagen takes them; others are scaled to a
    // million turns in all.
    const bool whole = std::all_of(field.weights.begin(), field.weights.end(),
                                   [](double w) { return w == std::floor(w) && w < 1e12; });
    const double sum = std::accumulate(field.weights.begin(), field.weights.end(), 0.0);
    uint64_t running = 0;
    for (double w : field.weights) {
        running += static_cast<uint64_t>(whole ? w : std::round(w / sum * 1e6));
        g.turnSums.push_back(running);
    }
    if (running == 0) {
        g.turnSums.clear();
    }
}

void compileTimestamp(const FieldSpec& field, ValueGenerator& g) {
    switch (field.timestampMode) {
    case TimestampMode::Now:
        g.kind = ValueKind::TimestampNow;
        break;
    case TimestampMode::Sequence:
        g.kind = ValueKind::TimestampSequence;
        g.lo = field.beginMs;
        g.intervalMs = field.intervalMs;
        break;
    case TimestampMode::Random:
        g.kind = ValueKind::TimestampRandom;
        compileInteger(std::min(field.beginMs, field.endMs), std::max(field.beginMs, field.endMs),
                       g);
        return;
    }
    const bool late = field.lateRatio > 0.0 && field.lateMaxMs > 0;
    if (late || field.jitterMs > 0) {
        g.lateOf = g.kind;
        g.kind = ValueKind::TimestampLate;
        g.lateRatio = late ? field.lateRatio : 0.0;
        g.lateMaxMs = static_cast<uint64_t>(std::max<int64_t>(field.lateMaxMs, 1));
        g.jitterMs = static_cast<uint64_t>(std::max<int64_t>(field.jitterMs, 0));
    }
    const auto parsed = parseDistribution(field.lateDistribution);
    const auto* spec = std::get_if<DistributionSpec>(&parsed);
    if (late && spec != nullptr && spec->kind != DistributionSpec::Kind::Uniform &&
        spec->kind != DistributionSpec::Kind::Zipf) {
        // Positions in [0, 1] of the lateness span [0, late_max] ms, in the units of ms.
        g.shape = ShapeTable(*spec, 0.0, static_cast<double>(field.lateMaxMs));
    }
}

/// How late, in [1, lateMaxMs] ms: uniform, or where the lateness distribution puts it.
uint64_t lateness(const ValueGenerator& g, uint64_t bits) {
    if (g.shape.empty()) {
        return 1 + hash::below(bits, g.lateMaxMs);
    }
    const double ms = std::ceil(g.shape.at(hash::unit(bits)) * static_cast<double>(g.lateMaxMs));
    return static_cast<uint64_t>(std::clamp(ms, 1.0, static_cast<double>(g.lateMaxMs)));
}

} // namespace

std::pair<double, double> fixedGrid(const FieldSpec& field) {
    const double scale = decimalScale(std::clamp(field.precision.value_or(0), 0, kMaxScale));
    double lo = std::round(field.floatMin * scale);
    if (lo / scale < field.floatMin) {
        lo += 1.0;
    }
    double hi = std::round(field.floatMax * scale);
    if (hi / scale > field.floatMax) {
        hi -= 1.0;
    }
    return {lo, hi};
}

void generateShaped(const ValueGenerator& g, uint64_t key, uint64_t sequence, uint64_t bits,
                    Value& v) {
    using namespace detail;
    switch (g.kind) {
    case ValueKind::IntegerInTurn:
        v.type = ValueType::Int;
        v.integer = onGrid(g, g.span == 0 ? sequence : sequence % g.span);
        break;
    case ValueKind::IntegerUnique:
        v.type = ValueType::Int;
        v.integer = onGrid(
            g, permute(g.span == 0 ? sequence : sequence % g.span, g.span, g.permutationKey));
        break;
    case ValueKind::IntegerSequence:
        v.type = ValueType::Int;
        v.integer = onGrid(g, sequence);
        break;
    case ValueKind::IntegerShaped:
        v.type = ValueType::Int;
        v.integer = onGrid(g, gridIndex(g.shape.at(hash::unit(bits)), g.span));
        break;
    case ValueKind::IntegerZipf:
        v.type = ValueType::Int;
        v.integer = onGrid(g, g.zipf.rank(hash::unit(bits)) - 1);
        break;
    case ValueKind::RealGrid:
        setReal(g, g.min + static_cast<double>(hash::below(bits, g.span)) * g.realStep, v);
        break;
    case ValueKind::RealGridInTurn:
        setReal(g, g.min + static_cast<double>(sequence % g.span) * g.realStep, v);
        break;
    case ValueKind::RealShaped:
        setReal(g, std::min(g.min + g.shape.at(hash::unit(bits)) * g.width, g.max), v);
        break;
    case ValueKind::FixedShaped:
        v.type = ValueType::Decimal;
        v.scale = static_cast<uint8_t>(g.precision);
        v.real =
            g.min + std::min(std::floor(g.shape.at(hash::unit(bits)) * (g.width + 1.0)), g.width);
        break;
    case ValueKind::Text:
        generateText(g, key, sequence, v);
        break;
    case ValueKind::Nested:
        v.type = ValueType::Nested;
        v.nested = g.nested.get();
        v.high = bits;
        v.low = sequence;
        break;
    case ValueKind::ChoiceInTurn:
        v.type = ValueType::String;
        if (g.turnSums.empty()) {
            v.choice = static_cast<uint32_t>(sequence % g.choices.size());
        } else {
            const uint64_t at = sequence % g.turnSums.back();
            v.choice = static_cast<uint32_t>(
                std::upper_bound(g.turnSums.begin(), g.turnSums.end(), at) - g.turnSums.begin());
        }
        v.text = g.choices[v.choice];
        break;
    case ValueKind::TimestampLate:
        v.type = ValueType::Timestamp;
        v.integer = g.lateOf == ValueKind::TimestampNow
                        ? wallClockMs()
                        : static_cast<int64_t>(static_cast<uint64_t>(g.lo) +
                                               sequence * static_cast<uint64_t>(g.intervalMs));
        if (g.jitterMs > 0) {
            const uint64_t offset =
                hash::below(hash::draw(key, g.salt, kThirdValueDraw), 2 * g.jitterMs + 1);
            v.integer += static_cast<int64_t>(offset) - static_cast<int64_t>(g.jitterMs);
        }
        if (hash::unit(bits) < g.lateRatio) {
            v.integer -=
                static_cast<int64_t>(lateness(g, hash::draw(key, g.salt, kSecondValueDraw)));
        }
        break;
    default:
        break;
    }
}

void generateText(const ValueGenerator& g, uint64_t key, uint64_t sequence, Value& v) {
    if (t_texts.size() <= g.textSlot) {
        t_texts.resize(g.textSlot + 1);
    }
    std::string& out = t_texts[g.textSlot];
    g.text.expandBetween(g.before, g.after, key, g.salt, sequence, out);
    v.type = ValueType::String;
    v.choice = g.textChoice;
    // A plain text is made between quotes (in `before` and `after`) for JSON to take at once.
    const std::size_t quote = g.textChoice == Value::kPlainText ? 1 : 0;
    v.text = std::string_view(out.data() + quote, out.size() - 2 * quote);
}

void compileRecipe(const FieldSpec& field, const FieldKind& kind, ValueGenerator& g) {
    auto compiled = TextTemplate::recipe(kind.recipe ? kind.recipe : "");
    if (auto* error = std::get_if<TemplateError>(&compiled)) {
        throw std::logic_error(std::string("the recipe of kind ") + kind.name +
                               " is wrong: " + error->message);
    }
    g.kind = ValueKind::Text;
    g.text = std::get<TextTemplate>(std::move(compiled));
    if (!field.baseColumn.empty()) {
        g.text.shareRows();
    }
}

double decimalScale(int scale) {
    static constexpr double kPowers[kMaxScale + 1] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                                      1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17};
    return kPowers[std::clamp(scale, 0, kMaxScale)];
}

int64_t wallClockMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

ValueGenerator compileValue(const FieldSpec& field, uint64_t seed) {
    ValueGenerator g;
    g.salt = hash::ofString(field.name);
    g.nullRatio = field.nullRatio;
    switch (field.type) {
    case FieldType::Uuid:
        g.kind = ValueKind::Uuid;
        break;
    case FieldType::Int:
    case FieldType::Long:
        compileWholeNumbers(field, seed, g);
        break;
    case FieldType::Float:
    case FieldType::Double:
        compileReal(field, g);
        break;
    case FieldType::Decimal: {
        FieldSpec fixed = field;
        fixed.precision = field.precision.value_or(0);
        compileReal(fixed, g);
        break;
    }
    case FieldType::String:
        compileChoice(field, g);
        break;
    case FieldType::Boolean:
        g.kind = ValueKind::Boolean;
        g.trueRatio = field.trueRatio;
        break;
    case FieldType::Timestamp:
        compileTimestamp(field, g);
        break;
    case FieldType::Date:
        if (field.dateRange) {
            g.kind = ValueKind::DateRandom;
            compileInteger(std::min(field.dateRange->first, field.dateRange->second),
                           std::max(field.dateRange->first, field.dateRange->second), g);
        } else {
            g.kind = ValueKind::DateToday;
        }
        break;
    case FieldType::Lorem:
        g.kind = ValueKind::Text;
        g.text = TextTemplate::lorem({field.paragraphsMin, field.paragraphsMax},
                                     {field.sentencesMin, field.sentencesMax},
                                     {field.wordsMin, field.wordsMax});
        break;
    case FieldType::Struct:
    case FieldType::Array:
    case FieldType::Map:
        compileNested(field, seed, g);
        break;
    default:
        compileRecipe(field, fieldKind(field.type), g);
        break;
    }
    if (g.kind == ValueKind::Text && g.text.isPlain() && isPlainText(g.before) &&
        isPlainText(g.after)) {
        g.textChoice = Value::kPlainText;
        g.before.insert(g.before.begin(), '"');
        g.after.push_back('"');
    }
    return g;
}

} // namespace streamgen
