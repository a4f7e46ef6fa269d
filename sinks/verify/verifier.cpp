#include "verifier.h"

#include "engine/event_batch.h"
#include "model/time_format.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace streamgen {

namespace {

using Json = nlohmann::json;

constexpr const char* kAbsent = "(absent)";

/// Records without identity are matched by a hash of their bytes (libstdc++'s is word-wise),
/// with the length mixed in.
uint64_t hashBytes(std::string_view bytes) {
    return std::hash<std::string_view>{}(bytes) ^ (bytes.size() * 0x9E3779B97F4A7C15ULL);
}

/// The cells of one CSV line (RFC 4180 quoting), unquoted.
std::vector<std::string> csvCells(std::string_view line, char delimiter) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cells.back().push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cells.back().push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == delimiter) {
            cells.emplace_back();
        } else if (c != '\r') {
            cells.back().push_back(c);
        }
    }
    return cells;
}

/// Cell `index` of a CSV line without its enclosing quotes, for cells that hold no quote of
/// their own (a sequence number, a timestamp): found without allocating per record.
std::string_view rawCell(std::string_view line, std::size_t index, char delimiter) {
    bool quoted = false;
    std::size_t begin = 0;
    std::size_t cell = 0;
    for (std::size_t i = 0; i <= line.size(); ++i) {
        const bool end = i == line.size();
        if (!end && line[i] == '"') {
            quoted = !quoted;
        } else if (end || (line[i] == delimiter && !quoted)) {
            if (cell == index) {
                std::string_view text = line.substr(begin, i - begin);
                if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
                    text = text.substr(1, text.size() - 2);
                }
                return text;
            }
            ++cell;
            begin = i + 1;
        }
    }
    return {};
}

/// The text of a JSON string value that starts at `text` (after its opening quote).
std::string_view untilQuote(std::string_view text) {
    return text.substr(0, text.find('"'));
}

/// The first `now` timestamp field: the events' generation time, for latencies.
std::string generationTimeField(const Config& config) {
    const auto find = [](const std::vector<FieldSpec>& fields) -> std::string {
        for (const FieldSpec& field : fields) {
            if (field.type == FieldType::Timestamp && field.timestampMode == TimestampMode::Now) {
                return field.name;
            }
        }
        return {};
    };
    std::string name = find(config.commonFields);
    for (std::size_t i = 0; name.empty() && i < config.eventTypes.size(); ++i) {
        name = find(config.eventTypes[i].fields);
    }
    return name;
}

/// Fields whose values a rerun does not reproduce: compared by neither bytes nor value.
std::unordered_set<std::string> volatileFields(const Config& config) {
    std::unordered_set<std::string> names;
    const auto add = [&names](const std::vector<FieldSpec>& fields) {
        for (const FieldSpec& field : fields) {
            if ((field.type == FieldType::Timestamp && field.timestampMode == TimestampMode::Now) ||
                (field.type == FieldType::Date && !field.dateRange)) {
                names.insert(field.name);
            }
        }
    };
    add(config.commonFields);
    for (const EventType& type : config.eventTypes) {
        add(type.fields);
    }
    return names;
}

} // namespace

uint64_t VerifyExpectation::count() const {
    uint64_t out = endIndex > firstIndex ? endIndex - firstIndex : 0;
    for (const auto& [begin, end] : abandoned) {
        const uint64_t from = std::max(begin, firstIndex);
        const uint64_t to = std::min(end, endIndex);
        out -= from < to ? to - from : 0;
    }
    return out;
}

std::optional<VerifyExpectation> expectationFromReport(const std::string& reportJson,
                                                       std::string& error) {
    const Json report = Json::parse(reportJson, nullptr, false);
    if (report.is_discarded() || !report.contains("stream") || !report["stream"].is_object()) {
        error = "not a run report with a `stream` section (write one with `streamgen run "
                "--report FILE.json`)";
        return std::nullopt;
    }
    try {
        const Json& stream = report["stream"];
        VerifyExpectation out;
        out.seed = stream.at("seed").get<uint64_t>();
        out.shardIndex = stream.at("shard_index").get<uint32_t>();
        out.shardCount = std::max<uint32_t>(stream.at("shard_count").get<uint32_t>(), 1);
        out.firstIndex = stream.at("first_index").get<uint64_t>();
        out.endIndex = stream.at("end_index").get<uint64_t>();
        out.abandoned = stream.value("abandoned", std::vector<std::pair<uint64_t, uint64_t>>{});
        return out;
    } catch (const Json::exception& problem) {
        error = std::string("the run report's `stream` section is incomplete: ") + problem.what();
        return std::nullopt;
    }
}

struct Verifier::Impl {
    Impl(const Config& config, VerifyOptions o)
        : options(std::move(o)), volatileNames(volatileFields(config)),
          identityField(config.identityField), timeField(generationTimeField(config)) {
        std::string error;
        plan = Plan::compile(config, &error);
        if (!plan) {
            throw std::runtime_error(error);
        }
        selector.emplace(plan->typeSelector(plan->initialWeights()));
        seen.assign(
            static_cast<std::size_t>(options.expect.endIndex > options.expect.firstIndex
                                         ? options.expect.endIndex - options.expect.firstIndex
                                         : 0),
            0);
        if (plan->format() == Format::Csv) {
            const std::string schema = plan->schema();
            // The encoder's header line shows its delimiter right after `event_type_id`.
            const std::size_t at = schema.find("event_type_id");
            csvDelimiter =
                at != std::string::npos && at + 13 < schema.size() ? schema[at + 13] : ',';
            csvHeader = csvCells(headerLine(schema), csvDelimiter);
        }
        identityPattern = "\"" + identityField + "\":";
        timePattern = "\"" + timeField + "\":\"";
        for (const FieldRename& rename : options.renames) {
            renames[rename.received] = rename.expected;
        }
        fieldwise = !options.renames.empty() || options.presentFieldsOnly;
        expected.setLineTerminated(formatInfo(plan->format()).text);
        result.expected = options.expect.count();
    }

    static std::string_view headerLine(const std::string& schema) {
        std::string_view line(schema);
        return line.substr(0, line.find('\n'));
    }
    char delimiter() const { return csvDelimiter; }

    std::optional<uint64_t> sequenceOf(const ReceivedRecord& record) const;
    std::optional<uint64_t> indexOf(uint64_t sequence) const;
    bool abandoned(uint64_t index) const;
    std::optional<uint64_t> matchByContent(std::string_view payload);
    std::string_view render(uint64_t sequence);
    void compare(const ReceivedRecord& record, uint64_t sequence);
    std::vector<FieldDifference> jsonDifferences(std::string_view received,
                                                 std::string_view wanted) const;
    std::vector<FieldDifference> csvDifferences(std::string_view received,
                                                std::string_view wanted) const;
    void checkOrder(const ReceivedRecord& record, uint64_t sequence);
    void recordLatency(const ReceivedRecord& record);

    VerifyOptions options;
    std::unordered_set<std::string> volatileNames;
    std::string identityField;
    std::shared_ptr<const Plan> plan;
    std::optional<TypeSelector> selector;
    std::vector<uint8_t> seen; ///< per expected index: copies found, saturating
    std::vector<std::string> csvHeader;
    char csvDelimiter = ',';
    std::string identityPattern; ///< `"<identity_field>":`
    std::string timeField;       ///< the events' generation time, or ""
    std::string timePattern;     ///< `"<timeField>":"`
    std::vector<int64_t> latencies;
    std::unordered_map<std::string, std::string> renames;
    bool fieldwise = false;
    EventBatch expected;
    std::vector<std::pair<uint64_t, uint64_t>> byContent; ///< (hash, index), built on demand
    bool contentBuilt = false;
    std::unordered_map<std::string, uint64_t> lastOfKey;
    VerifyResult result;
};

std::optional<uint64_t> Verifier::Impl::sequenceOf(const ReceivedRecord& record) const {
    if (record.sequence) {
        return record.sequence;
    }
    if (identityField.empty()) {
        return std::nullopt;
    }
    const std::string_view payload = record.payload;
    std::string_view digits;
    if (plan->format() == Format::Json || fieldwise) {
        std::size_t at = payload.find(identityPattern);
        for (const auto& [received, wanted] : renames) {
            if (at == std::string_view::npos && wanted == identityField) {
                at = payload.find("\"" + received + "\":");
                if (at != std::string_view::npos) {
                    at += received.size() - identityField.size();
                }
            }
        }
        if (at == std::string_view::npos) {
            return std::nullopt;
        }
        digits = payload.substr(at + identityField.size() + 3);
    } else if (plan->format() == Format::Csv) {
        const auto column = std::find(csvHeader.begin(), csvHeader.end(), identityField);
        if (column == csvHeader.end()) {
            return std::nullopt;
        }
        const std::string_view cell =
            rawCell(payload, static_cast<std::size_t>(column - csvHeader.begin()), delimiter());
        uint64_t value = 0;
        const auto parsed = std::from_chars(cell.data(), cell.data() + cell.size(), value);
        return parsed.ec == std::errc() && parsed.ptr == cell.data() + cell.size()
                   ? std::optional(value)
                   : std::nullopt;
    } else {
        return std::nullopt;
    }
    while (!digits.empty() && digits.front() == ' ') {
        digits.remove_prefix(1);
    }
    uint64_t value = 0;
    const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return parsed.ec == std::errc() ? std::optional(value) : std::nullopt;
}

std::optional<uint64_t> Verifier::Impl::indexOf(uint64_t sequence) const {
    const VerifyExpectation& expect = options.expect;
    if (sequence % expect.shardCount != expect.shardIndex) {
        return std::nullopt;
    }
    const uint64_t index = sequence / expect.shardCount;
    if (index < expect.firstIndex || index >= expect.endIndex || abandoned(index)) {
        return std::nullopt;
    }
    return index;
}

bool Verifier::Impl::abandoned(uint64_t index) const {
    const auto& ranges = options.expect.abandoned;
    return std::any_of(ranges.begin(), ranges.end(), [index](const auto& range) {
        return index >= range.first && index < range.second;
    });
}

std::string_view Verifier::Impl::render(uint64_t sequence) {
    expected.clear();
    plan->render(sequence, selector->pick(sequence), expected);
    return expected.payload(0);
}

std::optional<uint64_t> Verifier::Impl::matchByContent(std::string_view payload) {
    const VerifyExpectation& expect = options.expect;
    if (!contentBuilt) {
        // Sorted (hash, index) pairs: one allocation, and lookups by binary search.
        contentBuilt = true;
        byContent.reserve(seen.size());
        for (uint64_t index = expect.firstIndex; index < expect.endIndex; ++index) {
            if (!abandoned(index)) {
                byContent.emplace_back(
                    hashBytes(render(index * expect.shardCount + expect.shardIndex)), index);
            }
        }
        std::sort(byContent.begin(), byContent.end());
    }
    // A 64-bit hash of the bytes: two different events share one with a chance of about
    // n^2 / 2^65 (under 1e-7 for 2 million events), so equal hashes are taken as equal bytes.
    const uint64_t hash = hashBytes(payload);
    auto it = std::lower_bound(byContent.begin(), byContent.end(),
                               std::pair<uint64_t, uint64_t>(hash, 0));
    std::optional<uint64_t> any;
    for (; it != byContent.end() && it->first == hash; ++it) {
        if (seen[it->second - expect.firstIndex] == 0) {
            return it->second;
        }
        any = it->second;
    }
    return any;
}

std::vector<FieldDifference> Verifier::Impl::jsonDifferences(std::string_view received,
                                                             std::string_view wanted) const {
    std::vector<FieldDifference> out;
    const Json got = Json::parse(received, nullptr, false);
    const Json want = Json::parse(wanted, nullptr, false);
    if (got.is_discarded() || !got.is_object()) {
        out.push_back({"(record)", "a JSON object", std::string(received.substr(0, 80))});
        return out;
    }
    if (fieldwise) {
        for (const auto& [name, value] : got.items()) {
            const auto rename = renames.find(name);
            const std::string field = rename != renames.end() ? rename->second : name;
            if (volatileNames.count(field) != 0 || !want.contains(field)) {
                continue;
            }
            if (want[field] != value) {
                out.push_back({field, want[field].dump(), value.dump()});
            }
        }
        return out;
    }
    for (const auto& [name, value] : want.items()) {
        if (volatileNames.count(name) != 0) {
            continue;
        }
        if (!got.contains(name)) {
            out.push_back({name, value.dump(), kAbsent});
        } else if (got[name] != value) {
            out.push_back({name, value.dump(), got[name].dump()});
        }
    }
    for (const auto& [name, value] : got.items()) {
        if (!want.contains(name)) {
            out.push_back({name, kAbsent, value.dump()});
        }
    }
    return out;
}

std::vector<FieldDifference> Verifier::Impl::csvDifferences(std::string_view received,
                                                            std::string_view wanted) const {
    std::vector<FieldDifference> out;
    const std::vector<std::string> got = csvCells(received, delimiter());
    const std::vector<std::string> want = csvCells(wanted, delimiter());
    for (std::size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
        const std::string name = i < csvHeader.size() ? csvHeader[i] : std::to_string(i);
        if (volatileNames.count(name) != 0) {
            continue;
        }
        const std::string expectedCell = i < want.size() ? want[i] : kAbsent;
        const std::string actualCell = i < got.size() ? got[i] : kAbsent;
        if (expectedCell != actualCell) {
            out.push_back({name, expectedCell, actualCell});
        }
    }
    return out;
}

void Verifier::Impl::compare(const ReceivedRecord& record, uint64_t sequence) {
    const std::string_view wanted = render(sequence);
    if (!fieldwise && wanted == record.payload) {
        ++result.matched;
        return;
    }
    std::vector<FieldDifference> differences;
    if (plan->format() == Format::Json || fieldwise) {
        differences = jsonDifferences(record.payload, wanted);
    } else if (plan->format() == Format::Csv) {
        differences = csvDifferences(record.payload, wanted);
    } else {
        differences.push_back({"(bytes)", std::to_string(wanted.size()) + " bytes",
                               std::to_string(record.payload.size()) + " bytes, other"});
    }
    if (differences.empty()) {
        ++result.matched;
        return;
    }
    ++result.altered;
    if (result.firstAltered.size() < options.show) {
        result.firstAltered.push_back({sequence, std::string(record.origin), differences});
    }
}

void Verifier::Impl::recordLatency(const ReceivedRecord& record) {
    if (!record.arrivedMs || timeField.empty()) {
        return;
    }
    std::optional<int64_t> generated;
    if (plan->format() == Format::Json || fieldwise) {
        const std::size_t at = record.payload.find(timePattern);
        if (at != std::string_view::npos) {
            generated = detail::parseIsoTimestamp(
                untilQuote(record.payload.substr(at + timePattern.size())));
        }
    } else if (plan->format() == Format::Csv) {
        const auto column = std::find(csvHeader.begin(), csvHeader.end(), timeField);
        if (column != csvHeader.end()) {
            generated = detail::parseIsoTimestamp(
                rawCell(record.payload, static_cast<std::size_t>(column - csvHeader.begin()),
                        csvDelimiter));
        }
    }
    if (generated) {
        latencies.push_back(*record.arrivedMs - *generated);
    }
}

void Verifier::Impl::checkOrder(const ReceivedRecord& record, uint64_t sequence) {
    if (record.key.empty() || record.partition < 0) {
        return;
    }
    std::string key = std::to_string(record.partition);
    key.push_back('\0');
    key.append(record.key);
    const auto [it, added] = lastOfKey.try_emplace(std::move(key), sequence);
    if (!added) {
        if (sequence < it->second) {
            ++result.outOfOrder;
        }
        it->second = std::max(it->second, sequence);
    }
}

Verifier::Verifier(const Config& config, VerifyOptions options)
    : m_impl(std::make_unique<Impl>(config, std::move(options))) {}

Verifier::~Verifier() = default;

const Plan& Verifier::plan() const {
    return *m_impl->plan;
}

void Verifier::add(const ReceivedRecord& record) {
    Impl& impl = *m_impl;
    ++impl.result.received;
    std::optional<uint64_t> index;
    bool equalBytes = false;
    std::optional<uint64_t> sequence = impl.sequenceOf(record);
    if (sequence) {
        index = impl.indexOf(*sequence);
        if (impl.result.identity.empty()) {
            impl.result.identity =
                record.sequence ? "header" : "field `" + impl.identityField + "`";
        }
    } else if (impl.identityField.empty() && !impl.fieldwise) {
        if (!impl.volatileNames.empty()) {
            throw VerifyRequestError(
                "records carry no identity and the config has values no rerun reproduces (`" +
                *impl.volatileNames.begin() +
                "`): set identity_field (e.g. `identity_field: _sg_seq`) for the run, or use a "
                "sink that sends headers");
        }
        index = impl.matchByContent(record.payload);
        if (impl.result.identity.empty()) {
            impl.result.identity = "content";
        }
        if (index) {
            sequence = *index * impl.options.expect.shardCount + impl.options.expect.shardIndex;
            equalBytes = true;
        }
    }
    if (!index) {
        ++impl.result.unexpected;
        if (impl.result.firstUnexpected.size() < impl.options.show) {
            impl.result.firstUnexpected.emplace_back(record.origin);
        }
        return;
    }
    uint8_t& copies = impl.seen[*index - impl.options.expect.firstIndex];
    copies = static_cast<uint8_t>(std::min(copies + 1, 255));
    impl.checkOrder(record, *sequence);
    impl.recordLatency(record);
    if (copies > 1) {
        ++impl.result.duplicated;
        if (impl.result.firstDuplicated.size() < impl.options.show) {
            impl.result.firstDuplicated.push_back({*sequence, std::string(record.origin)});
        }
        return;
    }
    if (equalBytes) {
        ++impl.result.matched;
        return;
    }
    impl.compare(record, *sequence);
}

VerifyResult Verifier::finish() {
    Impl& impl = *m_impl;
    const VerifyExpectation& expect = impl.options.expect;
    for (uint64_t i = 0; i < impl.seen.size(); ++i) {
        const uint64_t index = expect.firstIndex + i;
        if (impl.seen[i] == 0 && !impl.abandoned(index)) {
            ++impl.result.missing;
            if (impl.result.firstMissing.size() < impl.options.show) {
                impl.result.firstMissing.push_back(index * expect.shardCount + expect.shardIndex);
            }
        }
    }
    if (!impl.latencies.empty()) {
        std::vector<int64_t>& all = impl.latencies;
        std::sort(all.begin(), all.end());
        const auto at = [&all](double q) {
            return all[std::min(all.size() - 1, static_cast<std::size_t>(q * all.size()))];
        };
        impl.result.latency =
            LatencySummary{impl.timeField, all.size(), at(0.5), at(0.9), at(0.99), all.back()};
    }
    return impl.result;
}

} // namespace streamgen
