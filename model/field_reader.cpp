#include "config_reader.h"
#include "kinds/field_kinds.h"
#include "time_format.h"
#include "validator.h"

#include <algorithm>
#include <regex>

namespace streamgen::detail {

namespace {

/// Every key a field spec may have: `type`, the options of every kind and `null_ratio`. A key
/// of another kind is a "does not apply" warning, any other key an "unknown key" one.
const std::vector<std::string>& fieldKeys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> result{"type",        "num_columns", "numColumns",
                                        "numFeatures", "struct_type", "structType"};
        const auto addKey = [&](const char* key) {
            if (key != nullptr && std::find(result.begin(), result.end(), key) == result.end()) {
                result.emplace_back(key);
            }
        };
        const auto add = [&](const FieldOption& option) {
            addKey(option.name);
            for (const char* alias : option.aliases) {
                // A dotted alias ("lateness.ratio") is a key of a group map, read by readGroup.
                const std::string_view text(alias);
                const std::size_t dot = text.find('.');
                if (dot == std::string_view::npos) {
                    addKey(alias);
                } else if (std::find(result.begin(), result.end(), text.substr(0, dot)) ==
                           result.end()) {
                    result.emplace_back(text.substr(0, dot));
                }
            }
            addKey(option.boundKeys.first);
            addKey(option.boundKeys.second);
        };
        for (const FieldKind* kind : fieldKinds()) {
            std::for_each(kind->options.begin(), kind->options.end(), add);
        }
        add(nullRatioOption());
        return result;
    }();
    return keys;
}

std::string joinChoices(const std::vector<std::string>& names, const char* last) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        text += i == 0 ? "" : i + 1 == names.size() ? last : ", ";
        text += names[i];
    }
    return text;
}

/// dbldatagen's and Spark's `decimal(p,s)` (or `decimal(p)`): the digits and scale go to the
/// field; false when `name` is not spelled so.
bool readDecimalType(const std::string& name, FieldSpec& field) {
    static const std::regex spelling(
        R"(\s*(?:decimal|numeric)\s*\(\s*(\d{1,3})\s*(?:,\s*(\d{1,3})\s*)?\)\s*)",
        std::regex::icase);
    std::smatch match;
    if (!std::regex_match(name, match, spelling)) {
        return false;
    }
    field.decimalDigits = std::stoi(match[1]);
    field.precision = match[2].matched ? std::stoi(match[2]) : 0;
    field.digitsLocation = field.typeLocation;
    field.precisionLocation = field.typeLocation;
    return true;
}

std::optional<FieldType> readType(YamlReader& reader, const YAML::Node& node,
                                  const std::string& path, FieldSpec& field) {
    const auto name = reader.readString(node, path);
    if (!name) {
        return std::nullopt;
    }
    if (auto type = parseFieldType(*name)) {
        return type;
    }
    if (readDecimalType(*name, field)) {
        return FieldType::Decimal;
    }
    const std::string suggestion = nearestName(*name, fieldTypeNames());
    std::string message = "unknown field type `" + *name + "`";
    message += suggestion.empty() ? "; expected one of " + joinChoices(fieldTypeNames(), ", ")
                                  : "; did you mean `" + suggestion + "`?";
    reader.error(node, path, message);
    return std::nullopt;
}

std::string itemPath(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

/// Reads one option's value as its declaration says; nullopt when it cannot be read (the
/// problem is reported) and the field keeps its value.
class OptionReader {
public:
    OptionReader(YamlReader& reader, const FieldKind& kind, const FieldOption& option,
                 const FieldSpec& field, const YAML::Node& node, std::string path)
        : m_reader(reader), m_kind(kind), m_option(option), m_field(field), m_node(node),
          m_path(std::move(path)) {}

    std::optional<OptionValue> read() {
        switch (m_option.type) {
        case FieldOptionType::IntegerRange:
        case FieldOptionType::NumberRange:
        case FieldOptionType::DateRange:
            return readRange();
        case FieldOptionType::Integer:
            return wrap(m_reader.readInt(m_node, m_path, m_option.integerLimits().first,
                                         m_option.integerLimits().second));
        case FieldOptionType::Number:
        case FieldOptionType::Ratio:
            return wrap(m_reader.readDouble(m_node, m_path));
        case FieldOptionType::StringList:
            return readStrings();
        case FieldOptionType::NumberList:
            return readNumbers();
        case FieldOptionType::Choice:
            return readChoice();
        case FieldOptionType::Timestamp:
            return readTimestamp();
        case FieldOptionType::Text:
            return wrap(m_reader.readString(m_node, m_path));
        case FieldOptionType::Flag:
            return wrap(m_reader.readBool(m_node, m_path));
        case FieldOptionType::Duration:
            return readDuration();
        case FieldOptionType::Fields:
            return readChildren();
        case FieldOptionType::Element:
            return readElement();
        }
        return std::nullopt;
    }

private:
    template <typename T> static std::optional<OptionValue> wrap(const std::optional<T>& value) {
        return value ? std::optional<OptionValue>(*value) : std::nullopt;
    }

    std::optional<OptionValue> readRange() {
        if (m_option.scalarIsBoth && m_node.IsScalar()) {
            const auto number = m_reader.readInt(m_node, m_path);
            return number ? std::optional<OptionValue>(IntegerRange{*number, *number})
                          : std::nullopt;
        }
        if (!m_node.IsSequence() || m_node.size() != 2) {
            m_reader.error(m_node, m_path,
                           "expected `[min, max]` (a list of two values), found " +
                               describe(m_node));
            return std::nullopt;
        }
        const YAML::Node low = m_node[0];
        const YAML::Node high = m_node[1];
        m_reader.visit(low);
        m_reader.visit(high);
        if (m_option.type == FieldOptionType::DateRange) {
            return readDateRange(low, high);
        }
        // Each bound that reads keeps its place even when the other does not.
        OptionValue value = m_option.get(m_field);
        if (m_option.type == FieldOptionType::IntegerRange) {
            auto& range = std::get<IntegerRange>(value);
            range.min = m_reader.readInt(low, itemPath(m_path, 0)).value_or(range.min);
            range.max = m_reader.readInt(high, itemPath(m_path, 1)).value_or(range.max);
        } else {
            auto& range = std::get<NumberRange>(value);
            range.min = m_reader.readDouble(low, itemPath(m_path, 0)).value_or(range.min);
            range.max = m_reader.readDouble(high, itemPath(m_path, 1)).value_or(range.max);
        }
        return value;
    }

    std::optional<OptionValue> readDateRange(const YAML::Node& low, const YAML::Node& high) {
        std::optional<int32_t> days[2];
        for (std::size_t i = 0; i < 2; ++i) {
            const YAML::Node& item = i == 0 ? low : high;
            if (auto text = m_reader.readString(item, itemPath(m_path, i))) {
                days[i] = detail::parseIsoDate(*text);
                if (!days[i]) {
                    m_reader.error(item, itemPath(m_path, i),
                                   "expected a date \"YYYY-MM-DD\", found " + describe(item));
                }
            }
        }
        if (!days[0] || !days[1]) {
            return std::nullopt;
        }
        return DateRange{*days[0], *days[1]};
    }

    std::optional<OptionValue> readStrings() {
        if (!m_reader.expectSequence(m_node, m_path, "a list of values")) {
            return std::nullopt;
        }
        std::vector<std::string> values;
        for (std::size_t i = 0; i < m_node.size(); ++i) {
            const YAML::Node item = m_node[i];
            m_reader.visit(item);
            if (!item.IsScalar()) {
                m_reader.error(item, itemPath(m_path, i),
                               "expected a value (a string or number), found " + describe(item));
                continue;
            }
            values.push_back(item.Scalar());
        }
        return values;
    }

    std::optional<OptionValue> readNumbers() {
        if (!m_reader.expectSequence(m_node, m_path, "a list of numbers")) {
            return std::nullopt;
        }
        std::vector<double> numbers;
        for (std::size_t i = 0; i < m_node.size(); ++i) {
            const YAML::Node item = m_node[i];
            m_reader.visit(item);
            // A bad entry still takes its place so that the length check stays meaningful.
            numbers.push_back(m_reader.readDouble(item, itemPath(m_path, i)).value_or(1.0));
        }
        return numbers;
    }

    std::optional<OptionValue> readChoice() {
        const auto text = m_reader.readString(m_node, m_path);
        if (!text) {
            return std::nullopt;
        }
        if (m_option.choiceIndex(*text) >= 0) {
            return *text;
        }
        std::vector<std::string> names;
        for (const OptionChoice& choice : m_option.choices) {
            names.emplace_back(choice.name);
        }
        const std::string suggestion = nearestName(*text, names);
        m_reader.error(m_node, m_path,
                       "unknown " + std::string(m_kind.name) + " " + m_option.name + " `" + *text +
                           "`; expected " + joinChoices(names, " or ") +
                           (suggestion.empty() ? "" : " (did you mean `" + suggestion + "`?)"));
        return std::nullopt;
    }

    std::optional<OptionValue> readTimestamp() {
        const auto text = m_reader.readString(m_node, m_path);
        const auto ms = text ? detail::parseIsoTimestamp(*text) : std::nullopt;
        if (text && !ms) {
            m_reader.error(
                m_node, m_path,
                "expected an ISO-8601 UTC timestamp like \"2024-01-01T00:00:00Z\", found " +
                    describe(m_node));
        }
        return wrap(ms);
    }

    std::optional<OptionValue> readDuration() {
        if (!m_node.IsScalar()) {
            m_reader.error(m_node, m_path,
                           "expected a duration (milliseconds, or e.g. \"1 second\"), found " +
                               describe(m_node));
            return std::nullopt;
        }
        std::string error;
        const std::string text = m_node.Scalar();
        const bool digits =
            !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        const auto ms =
            digits ? m_reader.readInt(m_node, m_path) : detail::parseDurationMs(text, &error);
        if (!digits && !ms) {
            m_reader.error(m_node, m_path, error);
        }
        return wrap(ms);
    }

    std::optional<OptionValue> readChildren() {
        if (m_node.IsNull() ||
            !m_reader.expectMap(m_node, m_path, "a mapping of field name to field spec")) {
            return std::nullopt;
        }
        return readFields(m_reader, m_node, m_path);
    }

    /// A spec of its own, or just its type name (StreamForge's `items: string`).
    std::optional<OptionValue> readElement() {
        ColumnSpread columns;
        auto spec = readFieldSpec(m_reader, m_option.name, locationOf(m_node), m_node, m_node,
                                  m_path, columns);
        if (spec && columns.count != 1) {
            m_reader.error(m_node, m_path,
                           std::string("`numColumns` makes several fields; an array's ") +
                               m_option.name + " is one spec");
            return std::nullopt;
        }
        return spec ? std::optional<OptionValue>(std::vector<FieldSpec>{std::move(*spec)})
                    : std::nullopt;
    }

    YamlReader& m_reader;
    const FieldKind& m_kind;
    const FieldOption& m_option;
    const FieldSpec& m_field; ///< what a range bound that cannot be read keeps
    const YAML::Node& m_node;
    std::string m_path;
};

void readOption(YamlReader& reader, const FieldKind& kind, const FieldOption& option,
                const YAML::Node& node, const std::string& path, FieldSpec& field) {
    if (auto value = OptionReader(reader, kind, option, field, node, path).read()) {
        option.set(field, *value);
    }
    field.*option.location = locationOf(node);
    // Text points at its first character, inside the quotes (yaml-cpp tags quoted scalars
    // "!"), so that a problem found at an offset in it is located exactly.
    if (option.type == FieldOptionType::Text && node.IsScalar() && node.Tag() == "!") {
        (field.*option.location).column += 1;
    }
}

/// dbldatagen's keys that make one spec several fields, and its `structType` for them.
bool isColumnsKey(const std::string& name) {
    return name == "num_columns" || name == "numColumns" || name == "numFeatures" ||
           name == "struct_type" || name == "structType";
}

void readColumns(YamlReader& reader, const std::string& name, const YAML::Node& node,
                 const std::string& path, ColumnSpread& columns) {
    constexpr int64_t kMostColumns = 1000;
    if (name == "struct_type" || name == "structType") {
        const auto text = reader.readString(node, path);
        if (text && *text == "array") {
            columns.asArray = true;
        } else if (text) {
            reader.error(node, path,
                         "`" + name +
                             "` must be \"array\" (the columns as one array value), "
                             "found " +
                             describe(node) + "; a struct is `type: struct` with `fields`");
        }
        return;
    }
    if (const auto count = reader.readInt(node, path, 1, kMostColumns)) {
        columns.count = *count;
    }
}

/// The keys of a group map, `lateness: {ratio: 0.1, max: "5 minutes"}`, read as the options
/// whose aliases are `lateness.ratio` and `lateness.max`.
std::vector<std::string> groupKeys(const FieldKind& kind, const std::string& group) {
    std::vector<std::string> keys;
    for (const FieldOption& option : kind.options) {
        for (const char* alias : option.aliases) {
            const std::string_view text(alias);
            if (text.size() > group.size() && text.substr(0, group.size()) == group &&
                text[group.size()] == '.') {
                keys.emplace_back(text.substr(group.size() + 1));
            }
        }
    }
    return keys;
}

void readGroup(YamlReader& reader, const FieldKind& kind, const std::string& group,
               const std::vector<std::string>& keys, const YAML::Node& node,
               const std::string& path, FieldSpec& field) {
    if (!reader.expectMap(node, path, "a mapping of `" + group + "` options")) {
        return;
    }
    for (const auto& [name, kv] : reader.entries(node, path, keys)) {
        if (const FieldOption* option = kind.option(group + "." + name)) {
            readOption(reader, kind, *option, kv.second, joinPath(path, name), field);
        }
    }
}

/// One bound of a range given on its own, as dbldatagen writes `minValue` and `maxValue`.
void readBound(YamlReader& reader, const FieldOption& range, int bound, const YAML::Node& node,
               const std::string& path, FieldSpec& field) {
    OptionValue value = range.get(field);
    if (auto* integers = std::get_if<IntegerRange>(&value)) {
        const auto number = reader.readInt(node, path);
        if (!number) {
            return;
        }
        (bound == 0 ? integers->min : integers->max) = *number;
    } else if (auto* numbers = std::get_if<NumberRange>(&value)) {
        const auto number = reader.readDouble(node, path);
        if (!number) {
            return;
        }
        (bound == 0 ? numbers->min : numbers->max) = *number;
    }
    range.set(field, value);
    field.*range.location = locationOf(node);
}

/// dbldatagen's `structType: array`: `count` values of the spec as one array field.
FieldSpec asArray(FieldSpec item, int64_t count) {
    FieldSpec array;
    array.name = item.name;
    array.location = item.location;
    array.type = FieldType::Array;
    array.typeLocation = item.typeLocation;
    array.nullRatio = item.nullRatio;
    array.nullRatioLocation = item.nullRatioLocation;
    item.nullRatio = 0.0;
    item.name = "items";
    array.lengthMin = count;
    array.lengthMax = count;
    array.children.push_back(std::move(item));
    return array;
}

/// Runs the kind's rules that fill defaults once every key is read.
std::optional<FieldSpec> finishField(YamlReader& reader, const YAML::Node& value,
                                     const std::string& path, FieldSpec& field) {
    for (const FieldRule& rule : fieldKind(field.type).rules) {
        if (rule.afterRead) {
            if (const std::string missing = rule.afterRead(field); !missing.empty()) {
                reader.error(value, path, missing);
            }
        }
    }
    return std::move(field);
}

} // namespace

std::optional<FieldSpec> readField(YamlReader& reader, const YAML::Node& key,
                                   const YAML::Node& value, const std::string& path,
                                   ColumnSpread& columns) {
    return readFieldSpec(reader, key.Scalar(), locationOf(key), key, value, path, columns);
}

std::optional<FieldSpec> readFieldSpec(YamlReader& reader, const std::string& fieldName,
                                       SourceLocation location, const YAML::Node& key,
                                       const YAML::Node& value, const std::string& path,
                                       ColumnSpread& columns) {
    columns = ColumnSpread{};
    FieldSpec field;
    field.name = fieldName;
    field.location = location;
    if (value.IsScalar()) {
        field.typeLocation = locationOf(value);
        const auto type = readType(reader, value, path, field);
        if (!type) {
            return std::nullopt;
        }
        field.type = *type;
        return finishField(reader, value, path, field);
    }
    if (!reader.expectMap(value, path, "a field spec (a mapping with `type`)")) {
        return std::nullopt;
    }
    const auto options = reader.entries(value, path, fieldKeys());
    std::optional<FieldType> type;
    bool hasType = false;
    for (const auto& [name, kv] : options) {
        if (name == "type") {
            hasType = true;
            field.typeLocation = locationOf(kv.second);
            type = readType(reader, kv.second, joinPath(path, name), field);
        }
    }
    if (!hasType) {
        reader.error(key, path, "field `" + field.name + "` needs a `type`");
    }
    if (!type) {
        return std::nullopt;
    }
    field.type = *type;
    const FieldKind& kind = fieldKind(field.type);
    for (const auto& [name, kv] : options) {
        if (name == "type") {
            continue;
        }
        if (isColumnsKey(name)) {
            readColumns(reader, name, kv.second, joinPath(path, name), columns);
            continue;
        }
        int bound = 0;
        if (const FieldOption* range = kind.boundOption(name, &bound)) {
            readBound(reader, *range, bound, kv.second, joinPath(path, name), field);
            continue;
        }
        const FieldOption* option = kind.option(name);
        if (const auto keys = option ? std::vector<std::string>{} : groupKeys(kind, name);
            !keys.empty()) {
            readGroup(reader, kind, name, keys, kv.second, joinPath(path, name), field);
            continue;
        }
        if (!option) {
            reader.warning(kv.first, joinPath(path, name),
                           "`" + name + "` does not apply to " + kind.name +
                               " fields and is ignored");
            continue;
        }
        readOption(reader, kind, *option, kv.second, joinPath(path, name), field);
    }
    return finishField(reader, value, path, field);
}

std::vector<FieldSpec> readFields(YamlReader& reader, const YAML::Node& node,
                                  const std::string& path) {
    std::vector<FieldSpec> fields;
    if (node.IsNull()) {
        return fields;
    }
    if (!reader.expectMap(node, path, "a mapping of field name to field spec")) {
        return fields;
    }
    for (const auto& [name, kv] : reader.entries(node, path, {})) {
        ColumnSpread columns;
        auto field = readField(reader, kv.first, kv.second, joinPath(path, name), columns);
        if (!field) {
            continue;
        }
        if (columns.asArray) {
            fields.push_back(asArray(std::move(*field), columns.count));
            continue;
        }
        if (columns.count == 1) {
            fields.push_back(std::move(*field));
            continue;
        }
        // dbldatagen's numColumns: that many fields name_0, name_1, ..., each drawn on its own.
        for (int64_t i = 0; i < columns.count; ++i) {
            FieldSpec copy = *field;
            copy.name += "_" + std::to_string(i);
            fields.push_back(std::move(copy));
        }
    }
    return fields;
}

} // namespace streamgen::detail
