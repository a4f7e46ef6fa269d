#include "value_generators.h"

#include <chrono>

namespace streamgen {

namespace {

constexpr int kMaxScale = 17;

void compileReal(const FieldSpec& field, ValueGenerator& g) {
    g.min = field.floatMin;
    g.max = field.floatMax;
    g.width = field.floatMax - field.floatMin;
    if (!field.precision) {
        g.kind = field.type == FieldType::Float ? ValueKind::Float32 : ValueKind::Float64;
        g.min32 = static_cast<float>(field.floatMin);
        g.max32 = static_cast<float>(field.floatMax);
        return;
    }
    // Draw a whole number of 10^-p steps inside [min, max], so rounding never leaves the range.
    g.kind = ValueKind::Fixed;
    g.precision = std::clamp(*field.precision, 0, kMaxScale);
    const double scale = decimalScale(g.precision);
    double lo = std::round(field.floatMin * scale);
    if (lo / scale < field.floatMin) {
        lo += 1.0;
    }
    double hi = std::round(field.floatMax * scale);
    if (hi / scale > field.floatMax) {
        hi -= 1.0;
    }
    if (lo > hi) {
        lo = hi = std::round(field.floatMin * scale);
    }
    g.min = lo;
    g.width = hi - lo;
}

void compileInteger(int64_t lo, int64_t hi, ValueGenerator& g) {
    g.lo = lo;
    g.span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
}

void compileChoice(const FieldSpec& field, ValueGenerator& g) {
    g.kind = ValueKind::Choice;
    g.choices = field.values;
    if (g.choices.empty()) {
        g.choices.emplace_back();
    }
    if (!field.weights.empty() && field.weights.size() == field.values.size()) {
        g.choiceTable.build(field.weights);
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
        break;
    }
}

} // namespace

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

ValueGenerator compileValue(const FieldSpec& field) {
    ValueGenerator g;
    g.salt = hash::ofString(field.name);
    g.nullRatio = field.nullRatio;
    switch (field.type) {
    case FieldType::Uuid:
        g.kind = ValueKind::Uuid;
        break;
    case FieldType::Int:
    case FieldType::Long:
        g.kind = ValueKind::Integer;
        compileInteger(std::min(field.intMin, field.intMax), std::max(field.intMin, field.intMax),
                       g);
        break;
    case FieldType::Float:
    case FieldType::Double:
        compileReal(field, g);
        break;
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
    }
    return g;
}

} // namespace streamgen
