#include "field_sample.h"

#include "encoders/text_values.h"
#include "shape_table.h"
#include "value_generators.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <unordered_map>

namespace streamgen {

namespace {

// A type with a tiny share would need a very long scan; past this the rest is rendered directly,
// as previews do. Low enough that a sample stays well under a second.
constexpr uint64_t kScanLimit = 20'000'000;

/// Zipf ranks of one bin summed one by one up to this many, the rest from the continuous law.
constexpr uint64_t kExactRanks = 4096;

bool isCategorical(ValueType type) {
    return type == ValueType::String || type == ValueType::Bool || type == ValueType::Uuid ||
           type == ValueType::Nested;
}

/// Values on a grid of whole units: ints, timestamps, dates, and decimals in 10^-scale.
bool isWhole(ValueType type) {
    return type == ValueType::Int || type == ValueType::Timestamp || type == ValueType::Date ||
           type == ValueType::Decimal;
}

/// The field's drawn values, kept as they arrive: strings made per event live in buffers the
/// next event reuses, so texts are counted at once.
struct Tally {
    std::vector<int64_t> units; ///< whole values (a decimal's unscaled number)
    std::vector<double> reals;  ///< floats and doubles
    std::unordered_map<std::string, uint64_t> texts;
    double unit = 1.0; ///< the value of one unit (10^-scale for decimals)

    void add(const Value& value, FieldSample& sample) {
        ++sample.events;
        // An expression's infinite or undefined result has no place on an axis: it is counted
        // with the nulls.
        const bool real = value.type == ValueType::Float32 || value.type == ValueType::Float64;
        if (value.isNull() || (real && !std::isfinite(value.real))) {
            ++sample.nulls;
            return;
        }
        if (sample.valueType == ValueType::Null) {
            sample.valueType = value.type;
            unit = value.type == ValueType::Decimal ? 1.0 / decimalScale(value.scale) : 1.0;
        }
        if (isCategorical(value.type)) {
            std::string text;
            text::appendPlain(text, value);
            ++texts[text];
        } else if (value.type == ValueType::Decimal) {
            units.push_back(static_cast<int64_t>(value.real));
        } else if (isWhole(value.type)) {
            units.push_back(value.integer);
        } else {
            reals.push_back(value.real);
        }
    }
};

void binWhole(const Tally& tally, FieldSample& sample) {
    const auto [lowest, highest] = std::minmax_element(tally.units.begin(), tally.units.end());
    const auto lo = static_cast<uint64_t>(*lowest);
    // The grid's step: the greatest common divisor of every value's distance from the lowest.
    uint64_t step = 0;
    for (const int64_t k : tally.units) {
        step = std::gcd(step, static_cast<uint64_t>(k) - lo);
    }
    if (step == 0) {
        step = 1; // a single value
    }
    const double values = static_cast<double>((static_cast<uint64_t>(*highest) - lo) / step) + 1;
    const auto perBin =
        static_cast<uint64_t>(std::ceil(values / static_cast<double>(kFieldSampleBins)));
    const auto bins = static_cast<std::size_t>(std::ceil(values / static_cast<double>(perBin)));
    const double width = static_cast<double>(perBin) * static_cast<double>(step);
    sample.grid = static_cast<double>(step) * tally.unit;
    for (std::size_t i = 0; i <= bins; ++i) {
        sample.edges.push_back((static_cast<double>(*lowest) + static_cast<double>(i) * width) *
                               tally.unit);
    }
    sample.counts.assign(bins, 0);
    for (const int64_t k : tally.units) {
        const uint64_t bin = (static_cast<uint64_t>(k) - lo) / step / perBin;
        ++sample.counts[std::min<std::size_t>(bin, bins - 1)];
    }
}

void binReal(const Tally& tally, FieldSample& sample) {
    const auto [lowest, highest] = std::minmax_element(tally.reals.begin(), tally.reals.end());
    const double lo = *lowest;
    const double hi = *highest;
    if (!(hi > lo)) {
        sample.edges = {lo - 0.5, lo + 0.5};
        sample.counts = {tally.reals.size()};
        return;
    }
    const double width = (hi - lo) / static_cast<double>(kFieldSampleBins);
    for (std::size_t i = 0; i <= kFieldSampleBins; ++i) {
        sample.edges.push_back(i == kFieldSampleBins ? hi : lo + static_cast<double>(i) * width);
    }
    sample.counts.assign(kFieldSampleBins, 0);
    for (const double x : tally.reals) {
        const auto bin = static_cast<std::size_t>((x - lo) / width);
        ++sample.counts[std::min(bin, kFieldSampleBins - 1)];
    }
}

void rankTexts(const Tally& tally, FieldSample& sample) {
    std::vector<std::pair<std::string, uint64_t>> all(tally.texts.begin(), tally.texts.end());
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    sample.distinct = all.size();
    for (std::size_t i = kFieldSampleTop; i < all.size(); ++i) {
        sample.other += all[i].second;
    }
    all.resize(std::min(all.size(), kFieldSampleTop));
    sample.top = std::move(all);
}

void summarise(const Tally& tally, FieldSample& sample) {
    if (sample.valueType == ValueType::Null) {
        // Every value is null: an empty histogram still says so.
        sample.kind = FieldSample::Kind::Categorical;
    } else if (isCategorical(sample.valueType)) {
        sample.kind = FieldSample::Kind::Categorical;
        rankTexts(tally, sample);
    } else {
        sample.kind = FieldSample::Kind::Numeric;
        if (isWhole(sample.valueType)) {
            binWhole(tally, sample);
        } else {
            binReal(tally, sample);
        }
    }
}

/// Where a value lies on a grid min, min + step, ... (count values), and the probability of a
/// run of its indices [first, last].
struct Grid {
    double min = 0.0;
    double step = 1.0;
    double count = 1.0;
    std::function<double(double first, double last)> mass;
};

/// The index of `x` on the grid, snapped to a whole number when rounding left it just beside one.
double gridPosition(const Grid& grid, double x) {
    const double index = (x - grid.min) / grid.step;
    const double nearest = std::round(index);
    return std::abs(index - nearest) < 1e-6 ? nearest : index;
}

std::vector<double> gridShares(const Grid& grid, const std::vector<double>& edges) {
    std::vector<double> shares;
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
        // The indexes of the grid values in [edges[i], edges[i + 1]), the last bin's upper
        // edge included.
        const bool lastBin = i + 2 == edges.size();
        const double first = std::max(0.0, std::ceil(gridPosition(grid, edges[i])));
        const double end = gridPosition(grid, edges[i + 1]);
        const double last =
            std::min(grid.count - 1.0, lastBin ? std::floor(end) : std::ceil(end) - 1.0);
        shares.push_back(first > last ? 0.0 : std::max(0.0, grid.mass(first, last)));
    }
    return shares;
}

/// The probability that a grid index, floor(position * count), falls in [first, last] when
/// positions follow `cdf`.
std::function<double(double, double)> positionMass(std::function<double(double)> cdf,
                                                   double count) {
    return [cdf = std::move(cdf), count](double first, double last) {
        return cdf((last + 1.0) / count) - cdf(first / count);
    };
}

std::function<double(double)> cdfOf(const DistributionSpec& spec, double lo, double hi) {
    if (spec.kind == DistributionSpec::Kind::Uniform) {
        return [](double position) { return std::clamp(position, 0.0, 1.0); };
    }
    auto table = std::make_shared<ShapeTable>(spec, lo, hi);
    return [table](double position) { return table->cdf(position); };
}

/// Ranks first + 1 .. last + 1 of Zipf's law: the exact terms for the head of the run, the
/// continuous law with a half-rank correction beyond, whose error falls as 1 / r^2.
std::function<double(double, double)> zipfMass(double exponent, double count) {
    auto table = std::make_shared<ZipfTable>(exponent, count);
    return [table, exponent](double first, double last) {
        const double exactTo = std::min(last, first + static_cast<double>(kExactRanks) - 1.0);
        double sum = 0.0;
        for (double i = first; i <= exactTo; i += 1.0) {
            sum += table->probability(static_cast<uint64_t>(i) + 1);
        }
        if (last > exactTo) {
            const double a = exactTo + 1.5;
            const double b = last + 1.5;
            const double integral =
                exponent == 1.0 ? std::log(b / a)
                                : (std::pow(b, 1.0 - exponent) - std::pow(a, 1.0 - exponent)) /
                                      (1.0 - exponent);
            sum += integral * table->probability(1);
        }
        return sum;
    };
}

/// int / long as engine/value_generators.cpp compiles them: the grid min, min + step, ...;
/// a shape owns the span [min, min + count * step), each value the stretch up to the next.
std::vector<double> wholeNumberShares(const FieldSpec& field, const DistributionSpec& spec,
                                      const std::vector<double>& edges) {
    if (field.sequence || field.unique || field.uniqueValues > 0) {
        return {};
    }
    const int64_t lo = std::min(field.intMin, field.intMax);
    const int64_t hi = std::max(field.intMin, field.intMax);
    const auto step = field.step >= 1.0 ? static_cast<uint64_t>(field.step) : 1;
    const uint64_t span = (static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo)) / step + 1;
    Grid grid;
    grid.min = static_cast<double>(lo);
    grid.step = static_cast<double>(step);
    grid.count = span == 0 ? 18446744073709551616.0 : static_cast<double>(span);
    if (spec.kind == DistributionSpec::Kind::Zipf) {
        grid.mass = zipfMass(spec.first.given ? spec.first.value : 1.2, grid.count);
    } else if (span == 1) {
        grid.mass = positionMass(cdfOf(DistributionSpec{}, 0.0, 1.0), grid.count);
    } else {
        grid.mass =
            positionMass(cdfOf(spec, grid.min, grid.min + grid.count * grid.step), grid.count);
    }
    return gridShares(grid, edges);
}

/// float / double: a continuous shape over [min, max], a grid of `step`, or multiples of
/// 10^-precision.
std::vector<double> realShares(const FieldSpec& field, const DistributionSpec& spec,
                               const std::vector<double>& edges) {
    const double width = field.floatMax - field.floatMin;
    if (spec.kind == DistributionSpec::Kind::Zipf || !(width > 0.0) || !std::isfinite(width)) {
        return {};
    }
    const bool shaped = spec.kind != DistributionSpec::Kind::Uniform;
    if (field.precision) {
        const double scale = decimalScale(std::clamp(*field.precision, 0, 17));
        const auto [lo, hi] = fixedGrid(field);
        if (lo > hi) {
            return {};
        }
        // Multiples of 10^-precision: the grid of engine/value_generators.cpp's compileReal.
        const double count = hi - lo + 1.0;
        return gridShares({lo / scale, 1.0 / scale, count,
                           positionMass(cdfOf(spec, field.floatMin, field.floatMax), count)},
                          edges);
    }
    if (!shaped && field.step > 0.0) {
        const double count = std::clamp(std::floor(width / field.step) + 1.0, 1.0, 9.0e18);
        return gridShares(
            {field.floatMin, field.step, count, positionMass(cdfOf(spec, 0.0, 1.0), count)}, edges);
    }
    const std::function<double(double)> cdf = cdfOf(spec, field.floatMin, field.floatMax);
    std::vector<double> shares;
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
        const double from = (edges[i] - field.floatMin) / width;
        const double to = (edges[i + 1] - field.floatMin) / width;
        shares.push_back(std::max(0.0, cdf(to) - cdf(from)));
    }
    return shares;
}

} // namespace

FieldSample sampleField(const Plan& plan, int type, const std::string& name, std::size_t count) {
    FieldSample sample;
    const std::size_t types = plan.typeCount();
    if (types == 0 || type >= static_cast<int>(types) || count == 0) {
        return sample;
    }
    // The field's place among the values of each type (-1: not written there).
    std::vector<int> slots(types, -1);
    for (std::size_t t = 0; t < types; ++t) {
        const std::vector<std::string>& names = plan.fieldNames(static_cast<uint32_t>(t));
        const auto it = std::find(names.begin(), names.end(), name);
        slots[t] = it == names.end() ? -1 : static_cast<int>(it - names.begin());
    }
    const auto fallbackType = static_cast<uint32_t>(std::max(type, 0));
    if (slots[fallbackType] < 0) {
        return sample;
    }
    Tally tally;
    auto take = [&](uint64_t sequence, uint32_t eventType) {
        tally.add(plan.values(sequence, eventType)[static_cast<std::size_t>(slots[eventType])],
                  sample);
    };
    const TypeSelector selector = plan.typeSelector(plan.initialWeights());
    const bool scan = !selector.empty() && (type < 0 || plan.initialWeights()[fallbackType] > 0.0);
    uint64_t sequence = 0;
    while (scan && sample.events < count && sequence < kScanLimit) {
        const uint32_t picked = selector.pick(sequence);
        if (type < 0 ? slots[picked] >= 0 : picked == fallbackType) {
            take(sequence, picked);
        }
        ++sequence;
    }
    for (uint64_t k = 0; sample.events < count; ++k) {
        take(scan ? sequence + k : k, fallbackType);
    }
    summarise(tally, sample);
    return sample;
}

Config configForSampling(Config config, int type, const std::string& name) {
    std::vector<FieldSpec>& fields = type < 0 || type >= static_cast<int>(config.eventTypes.size())
                                         ? config.commonFields
                                         : config.eventTypes[static_cast<std::size_t>(type)].fields;
    for (FieldSpec& field : fields) {
        if (field.name == name) {
            field.omit = false;
        }
    }
    config.serializationFormat = "json";
    config.formatOptions = OptionNode{};
    return config;
}

std::vector<double> expectedShares(const FieldSpec& field, const std::vector<double>& edges) {
    if (edges.size() < 2 || !field.expr.empty() || !field.random) {
        return {};
    }
    const auto parsed = parseDistribution(field.distribution);
    const auto* spec = std::get_if<DistributionSpec>(&parsed);
    if (spec == nullptr) {
        return {};
    }
    switch (field.type) {
    case FieldType::Int:
    case FieldType::Long:
        return wholeNumberShares(field, *spec, edges);
    case FieldType::Float:
    case FieldType::Double:
    case FieldType::Decimal:
        return realShares(field, *spec, edges);
    default:
        return {};
    }
}

} // namespace streamgen
