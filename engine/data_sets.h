#pragma once

#include "alias_table.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace streamgen {

/// Bytes after every value of a data set (and its slugs) that may be read, though they belong to
/// no value: generators copy short values in pieces of this size.
inline constexpr std::size_t kDataSetPadding = 16;

/// A built-in list of realistic values (names, cities, user agents...), embedded from
/// `resources/data/<name>.txt` at build time: one row per line, columns separated by tabs.
struct DataSet {
    std::string_view name;
    uint32_t id = 0; ///< its place among all data sets, the same in every run
    std::vector<std::vector<std::string_view>> rows; ///< each row's columns, as in the file
    std::size_t columns = 1;                         ///< the fewest columns of any row
    /// values[c][row]: column c of every row, one array per column for generating.
    std::vector<std::vector<std::string_view>> values;
    /// slugs[c][row]: the letters and digits of values[c][row], lower-cased.
    std::vector<std::vector<std::string_view>> slugs;
    std::vector<char> slugText; ///< what `slugs` points into
    /// Rows picked by the weight in the set's last column (e-mail domains); empty = uniform.
    AliasTable weights;

    /// The row for the uniform 64-bit number `bits`.
    uint32_t pick(uint64_t bits) const;
};

/// The data set called `name` (the file name without `.txt`), or nullptr.
const DataSet* findDataSet(std::string_view name);

/// The names of all data sets, sorted.
std::vector<std::string_view> dataSetNames();

namespace detail {

/// A data set's file as embedded by cmake/EmbedDataSets.cmake.
struct EmbeddedDataSet {
    std::string_view name;
    std::string_view text;
};

const std::vector<EmbeddedDataSet>& embeddedDataSets();

} // namespace detail

} // namespace streamgen
