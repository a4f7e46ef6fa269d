#pragma once

#include "model/config.h"
#include "plan.h"
#include "value.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace streamgen {

/// How many events `sampleField` draws unless told otherwise: enough for a histogram of 40
/// bins to show its shape, few enough to follow typing in the Studio.
inline constexpr std::size_t kFieldSampleSize = 10'000;
/// Bins of a numeric sample at most; fewer when the values are fewer.
inline constexpr std::size_t kFieldSampleBins = 40;
/// Distinct values of a string or boolean sample listed by name; the rest are "other".
inline constexpr std::size_t kFieldSampleTop = 15;

/// What one field's values look like over many events of one type: a histogram for numbers,
/// timestamps and dates, the most frequent values for everything else, and the nulls.
struct FieldSample {
    enum class Kind {
        Missing,     ///< the type does not write the field, or there is nothing to draw from
        Numeric,     ///< `edges` and `counts`
        Categorical, ///< `top` and `other`
    };

    Kind kind = Kind::Missing;
    /// The type of the values that are not null (Null when every value is).
    ValueType valueType = ValueType::Null;
    std::size_t events = 0; ///< events drawn, nulls included
    std::size_t nulls = 0;  ///< with them, floats that are infinite or not a number

    /// Numeric: `counts.size() + 1` ascending edges; bin i holds [edges[i], edges[i+1]), the
    /// last one its upper edge too. Values on a grid (ints, timestamps, dates, decimals) get
    /// bins that hold whole steps of it, each value at the start of its step.
    std::vector<double> edges;
    std::vector<uint64_t> counts;
    /// Numeric, whole-number values: the distance between neighbouring values of their grid
    /// (a bin as wide holds one value); 0 for floats and doubles.
    double grid = 0.0;

    /// Categorical: the most frequent values as text (booleans as true / false), most frequent
    /// first, ties by text; `other` counts the values beyond them, `distinct` all of them.
    std::vector<std::pair<std::string, uint64_t>> top;
    uint64_t other = 0;
    std::size_t distinct = 0;
};

/// Draws field `name` in `count` events of event type `type` as a run of `plan` would: the
/// sequence numbers its type selector gives that type (a type without a share is rendered
/// directly, as previews do). `type` = -1 takes the mixed stream, for a common field. The
/// numeric value of a decimal is its text's; of a timestamp, epoch milliseconds; of a date, days.
FieldSample sampleField(const Plan& plan, int type, const std::string& name,
                        std::size_t count = kFieldSampleSize);

/// `config` made ready to sample field `name` of event type `type` (-1: a common field): the
/// field is written even when it is `omit`ted, since no value depends on which fields are
/// written, and the format is JSON, whose encoder takes every field. The config must have
/// passed validation.
Config configForSampling(Config config, int type, const std::string& name);

/// The share of `field`'s non-null values expected in each bin between `edges` (ascending), as
/// its `distribution` (uniform when empty) and its range, step or precision say; Zipf's from the
/// law over the grid's ranks. Empty when the values are not drawn from a distribution: other
/// kinds than int, long, float and double, an `expr`, values in turn, `sequence`, `unique`,
/// `unique_values`, an unreadable distribution or an empty range.
std::vector<double> expectedShares(const FieldSpec& field, const std::vector<double>& edges);

} // namespace streamgen
