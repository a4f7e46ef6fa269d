#include "data_sets.h"

#include "hash.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace streamgen {

namespace {

// Sets whose last column is a relative weight rather than a value (resources/data/README.md).
constexpr std::string_view kWeighted[] = {"email_domains"};

std::vector<std::string_view> splitColumns(std::string_view line) {
    std::vector<std::string_view> columns;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        columns.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
        if (tab == std::string_view::npos) {
            return columns;
        }
        start = tab + 1;
    }
}

void addColumns(DataSet& set) {
    std::size_t slugLength = 0;
    for (const auto& row : set.rows) {
        for (std::size_t c = 0; c < set.columns; ++c) {
            slugLength += row[c].size();
        }
    }
    set.slugText.reserve(slugLength + kDataSetPadding);
    set.values.resize(set.columns);
    set.slugs.resize(set.columns);
    for (std::size_t c = 0; c < set.columns; ++c) {
        for (const auto& row : set.rows) {
            set.values[c].push_back(row[c]);
            const std::size_t begin = set.slugText.size();
            for (char ch : row[c]) {
                if (std::isalnum(static_cast<unsigned char>(ch))) {
                    set.slugText.push_back(
                        static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
                }
            }
            set.slugs[c].emplace_back(set.slugText.data() + begin, set.slugText.size() - begin);
        }
    }
    set.slugText.resize(set.slugText.size() + kDataSetPadding, '\0');
}

DataSet parse(const detail::EmbeddedDataSet& embedded) {
    DataSet set;
    set.name = embedded.name;
    std::string_view text = embedded.text;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!line.empty()) {
            set.rows.push_back(splitColumns(line));
        }
    }
    set.columns = set.rows.empty() ? 0 : set.rows.front().size();
    for (const auto& row : set.rows) {
        set.columns = std::min(set.columns, row.size());
    }
    if (std::find(std::begin(kWeighted), std::end(kWeighted), set.name) != std::end(kWeighted)) {
        std::vector<double> weights;
        for (const auto& row : set.rows) {
            double weight = 0.0;
            const std::string_view last = row.back();
            std::from_chars(last.data(), last.data() + last.size(), weight);
            weights.push_back(weight);
        }
        set.weights.build(weights);
        --set.columns;
    }
    addColumns(set);
    return set;
}

const std::vector<DataSet>& dataSets() {
    static const std::vector<DataSet> sets = [] {
        std::vector<DataSet> parsed;
        for (const detail::EmbeddedDataSet& embedded : detail::embeddedDataSets()) {
            parsed.push_back(parse(embedded));
            parsed.back().id = static_cast<uint32_t>(parsed.size() - 1);
        }
        return parsed;
    }();
    return sets;
}

} // namespace

uint32_t DataSet::pick(uint64_t bits) const {
    return weights.probability.empty() ? static_cast<uint32_t>(hash::below(bits, rows.size()))
                                       : weights.pick(bits);
}

const DataSet* findDataSet(std::string_view name) {
    for (const DataSet& set : dataSets()) {
        if (set.name == name) {
            return &set;
        }
    }
    return nullptr;
}

std::vector<std::string_view> dataSetNames() {
    std::vector<std::string_view> names;
    for (const DataSet& set : dataSets()) {
        names.push_back(set.name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace streamgen
