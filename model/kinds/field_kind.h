#pragma once

#include "model/config.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace streamgen {

/// How encoders store the values of a field.
enum class ValueStorage {
    Int32,
    Int64,
    Float32,
    Float64,
    String,
    Uuid,
    Boolean,
    Timestamp,
    Date,
    Struct, ///< the field's `children`, in order
    Array,  ///< a list of `children[0]`
    Map,    ///< entries of key `children[0]` (written as text) and value `children[1]`
};

/// What an option's value is. It decides how the option is read, written, checked, summarised
/// and edited, so a kind only says which type each of its options has.
enum class FieldOptionType {
    IntegerRange, ///< `[min, max]` of whole numbers, inclusive
    NumberRange,  ///< `[min, max]` of numbers, inclusive
    DateRange,    ///< `["YYYY-MM-DD", "YYYY-MM-DD"]`, inclusive
    Integer,      ///< a whole number
    Number,       ///< a number
    Ratio,        ///< a number in [0, 1]
    StringList,   ///< a list of scalars, kept as written
    NumberList,   ///< a list of numbers
    Choice,       ///< one of the option's `choices`, by name
    Timestamp,    ///< an ISO-8601 UTC timestamp, held as epoch milliseconds
    Text,         ///< a string; empty means not set
    Flag,         ///< true or false
    Duration,     ///< milliseconds: a whole number, or dbldatagen's "1 second", "days=1,hours=1"
    Fields,       ///< a mapping of field name to field spec (a struct's fields)
    Element,      ///< one field spec, or just a type name (`items: string`)
};

/// An inclusive range of whole numbers.
struct IntegerRange {
    int64_t min = 0;
    int64_t max = 0;
    bool operator==(const IntegerRange&) const = default;
};

/// An inclusive range of numbers.
struct NumberRange {
    double min = 0.0;
    double max = 0.0;
    bool operator==(const NumberRange&) const = default;
};

/// An inclusive range of days since 1970-01-01.
struct DateRange {
    int32_t first = 0;
    int32_t last = 0;
    bool operator==(const DateRange&) const = default;
};

/// The value of one option, by FieldOptionType: IntegerRange, NumberRange, DateRange; int64_t for
/// Integer, Timestamp and Duration; double for Number and Ratio; std::string for Choice (the
/// choice's name) and Text; bool for Flag; the vectors for the lists; std::vector<FieldSpec> for
/// Fields and for Element (one spec). std::monostate is an optional option that is not set.
using OptionValue =
    std::variant<std::monostate, IntegerRange, NumberRange, DateRange, int64_t, double, std::string,
                 std::vector<std::string>, std::vector<double>, bool, std::vector<FieldSpec>>;

/// Two FieldSpec members holding the bounds of a range.
template <typename T> struct RangeMembers {
    T FieldSpec::*min = nullptr;
    T FieldSpec::*max = nullptr;
};

/// A FieldSpec member of an enum type, seen as the index of its choice (choices are declared in
/// the enum's order). Made by `enumMember<&FieldSpec::x>()`.
struct EnumMember {
    int (*get)(const FieldSpec&) = nullptr;
    void (*set)(FieldSpec&, int) = nullptr;
};

template <auto Member> EnumMember enumMember() {
    using Enum = std::remove_cvref_t<decltype(std::declval<FieldSpec&>().*Member)>;
    return {[](const FieldSpec& f) { return static_cast<int>(f.*Member); },
            [](FieldSpec& f, int index) { f.*Member = static_cast<Enum>(index); }};
}

/// One entry of FieldSpec::children: an array's items, a map's key or value spec.
struct ChildMember {
    std::size_t index = 0;
};

/// The FieldSpec member(s) an option reads and writes. An optional member (a date range,
/// precision) makes the option optional: absent is std::monostate.
using OptionMember =
    std::variant<RangeMembers<int64_t>, RangeMembers<double>,
                 std::optional<std::pair<int32_t, int32_t>> FieldSpec::*, int64_t FieldSpec::*,
                 std::optional<int> FieldSpec::*, double FieldSpec::*,
                 std::vector<std::string> FieldSpec::*, std::vector<double> FieldSpec::*,
                 EnumMember, std::string FieldSpec::*, bool FieldSpec::*,
                 std::vector<FieldSpec> FieldSpec::*, ChildMember>;

/// One choice of a Choice option.
struct OptionChoice {
    const char* name = "";
    const char* help = "";
};

/// Inclusive bounds of an Integer or Number option ("precision must be between 0 and 15").
struct OptionBounds {
    double min = 0.0;
    double max = 0.0;
};

/// What a count is called in summaries ("2 digits", "250 ms").
struct OptionUnit {
    const char* singular = "";
    const char* plural = "";
};

/// One option of a field kind, declared once: how it is spelled in YAML, what its value is,
/// where FieldSpec keeps it and what is allowed. Reader, writer, validator, the Studio's summary
/// and its inspector all work from this declaration.
struct FieldOption {
    const char* name = ""; ///< the YAML key
    FieldOptionType type = FieldOptionType::Number;
    /// Other keys read as this option, e.g. dbldatagen's `percentNulls` for `null_ratio`.
    std::vector<const char*> aliases{};
    const char* help = "";        ///< one line, lower case, e.g. "a list of strings to draw from"
    const char* defaultText = ""; ///< the default as written in YAML; "" when there is none
    OptionMember member{};
    SourceLocation FieldSpec::*location = nullptr; ///< where the reader records the value's place
    /// IntegerRange / NumberRange: keys that set one bound each, e.g. dbldatagen's
    /// `minValue` and `maxValue` for `range`.
    std::pair<const char*, const char*> boundKeys{nullptr, nullptr};
    /// When the option means something given the other options (timestamp `end` only in mode
    /// `random`); nullptr = always. Options that do not apply are neither written, compared,
    /// checked, summarised nor editable.
    bool (*appliesWhen)(const FieldSpec&) = nullptr;
    /// Applies to a field computed by `expr` too; the kind's own options do not, since the
    /// expression replaces what they would generate.
    bool evenWithExpr = false;
    /// Written even when equal to a default FieldSpec's value: dblstreamgen expects a `range`
    /// on every int field, `values` on every string field.
    bool writeDefault = false;
    bool required = false;                ///< must be given (a list: with at least one entry)
    std::optional<OptionBounds> bounds{}; ///< Integer / Number / IntegerRange: allowed values
    bool positive = false;                ///< Integer / Number: must be > 0
    bool zeroMeansNone = false;           ///< Integer / Number: 0 says "not used" (a `step`)
    bool scalarIsBoth = false;            ///< IntegerRange: one number `n` reads as [n, n]
    std::vector<OptionChoice> choices{};  ///< Choice: the names, in the bound enum's order
    /// NumberList: one number per entry of this (StringList) option, e.g. `weights` of `values`.
    const char* pairedWith = "";
    const char* summaryLabel = ""; ///< the word before the value in summaries ("from", "true")
    OptionUnit unit{};             ///< what a count of it is called (Integer, lists)
    const char* whenAbsent = "";   ///< summary of an optional option that is not set ("today")
    const char* whenChanged = "";  ///< Flag: summary when it differs from its default ("in order")

    bool applies(const FieldSpec& field) const;
    /// True when the option may be absent (its member is optional).
    bool isOptional() const;
    OptionValue get(const FieldSpec& field) const;
    /// Stores `value` (of the alternative `type` calls for) into the bound member(s).
    void set(FieldSpec& field, const OptionValue& value) const;
    /// The smallest and largest whole number the bound member can hold (Integer, Timestamp).
    std::pair<int64_t, int64_t> integerLimits() const;
    /// Index of the choice named `choice`, or -1.
    int choiceIndex(std::string_view choice) const;
};

/// Receives a problem of one field: `key` is the path below the field ("weights", "weights[2]";
/// "" for the field itself), `where` the option's position (unknown for in-memory configs).
using ReportProblem =
    std::function<void(SourceLocation where, const std::string& key, std::string message)>;

/// A rule across options of a kind (weights against values, `end` not before `begin`).
struct FieldRule {
    const char* help = "";
    /// Checks the values of a field; runs on every config, also on one built in memory.
    void (*check)(const FieldSpec& field, const ReportProblem& report) = nullptr;
    /// Runs after the reader read a field's keys: fills defaults that depend on other options
    /// and returns what the file left out ("" when nothing), reported at the field's spec.
    std::string (*afterRead)(FieldSpec& field) = nullptr;
};

/// A field kind: a FieldType with its YAML names, its options and rules, and how encoders store
/// its values. The kinds are listed in model/kinds/field_kinds.h.
struct FieldKind {
    FieldType type = FieldType::String;
    const char* name = "";              ///< canonical YAML name
    std::vector<const char*> aliases{}; ///< other names accepted when reading ("integer", "bool")
    const char* help = "";              ///< one line, e.g. "a random UUID (version 4) per event"
    const char* summary = "";           ///< the Studio's options summary when no option says more
    std::vector<FieldOption> options{}; ///< in the order they are written; not `null_ratio`
    std::vector<FieldRule> rules{};
    ValueStorage (*storageOf)(const FieldSpec&) = nullptr;
    /// Realistic text kinds: what each value is composed of, in the recipe language of
    /// engine/text_template.h (`"{first_names} {last_names}"`); nullptr for the other kinds.
    const char* recipe = nullptr;

    ValueStorage storage(const FieldSpec& field) const { return storageOf(field); }
    /// The option with YAML key `key` (its name or an alias): one of `options`, or the shared
    /// `null_ratio`; nullptr when the kind does not take it.
    const FieldOption* option(std::string_view key) const;
    /// The range option one of whose `boundKeys` is `key`, with 0 for the lower bound and 1 for
    /// the upper; nullptr when none is.
    const FieldOption* boundOption(std::string_view key, int* bound) const;
    /// The NumberList option paired with list option `list` (its weights), or nullptr.
    const FieldOption* pairedOption(const FieldOption& list) const;
};

/// `null_ratio`, which every kind takes: the share of events in which the field is null.
const FieldOption& nullRatioOption();

} // namespace streamgen
