#include "field_kind.h"

#include <algorithm>
#include <climits>
#include <cstring>

namespace streamgen {

namespace {

template <typename... F> struct Overloaded : F... { using F::operator()...; };
template <typename... F> Overloaded(F...) -> Overloaded<F...>;

using DateRangeMember = std::optional<std::pair<int32_t, int32_t>> FieldSpec::*;
using OptionalIntMember = std::optional<int> FieldSpec::*;

} // namespace

bool FieldOption::applies(const FieldSpec& field) const {
    if (!evenWithExpr && !field.expr.empty()) {
        return false;
    }
    return appliesWhen == nullptr || appliesWhen(field);
}

bool FieldOption::isOptional() const {
    return std::holds_alternative<DateRangeMember>(member) ||
           std::holds_alternative<OptionalIntMember>(member) ||
           std::holds_alternative<std::string FieldSpec::*>(member) ||
           std::holds_alternative<ChildMember>(member);
}

OptionValue FieldOption::get(const FieldSpec& f) const {
    return std::visit(
        Overloaded{
            [&](const RangeMembers<int64_t>& m) -> OptionValue {
                return IntegerRange{f.*m.min, f.*m.max};
            },
            [&](const RangeMembers<double>& m) -> OptionValue {
                return NumberRange{f.*m.min, f.*m.max};
            },
            [&](DateRangeMember m) -> OptionValue {
                const auto& range = f.*m;
                return range ? OptionValue(DateRange{range->first, range->second}) : OptionValue();
            },
            [&](int64_t FieldSpec::*m) -> OptionValue { return f.*m; },
            [&](OptionalIntMember m) -> OptionValue {
                const auto& value = f.*m;
                return value ? OptionValue(int64_t{*value}) : OptionValue();
            },
            [&](double FieldSpec::*m) -> OptionValue { return f.*m; },
            [&](std::vector<std::string> FieldSpec::*m) -> OptionValue { return f.*m; },
            [&](std::vector<double> FieldSpec::*m) -> OptionValue { return f.*m; },
            [&](std::string FieldSpec::*m) -> OptionValue {
                return (f.*m).empty() ? OptionValue() : OptionValue(f.*m);
            },
            [&](bool FieldSpec::*m) -> OptionValue { return f.*m; },
            [&](std::vector<FieldSpec> FieldSpec::*m) -> OptionValue { return f.*m; },
            [&](ChildMember m) -> OptionValue {
                return m.index < f.children.size()
                           ? OptionValue(std::vector<FieldSpec>{f.children[m.index]})
                           : OptionValue();
            },
            [&](const EnumMember& m) -> OptionValue {
                const int index = m.get(f);
                const bool known = index >= 0 && index < static_cast<int>(choices.size());
                return std::string(known ? choices[static_cast<std::size_t>(index)].name : "");
            },
        },
        member);
}

void FieldOption::set(FieldSpec& f, const OptionValue& value) const {
    std::visit(Overloaded{
                   [&](const RangeMembers<int64_t>& m) {
                       if (const auto* range = std::get_if<IntegerRange>(&value)) {
                           f.*m.min = range->min;
                           f.*m.max = range->max;
                       }
                   },
                   [&](const RangeMembers<double>& m) {
                       if (const auto* range = std::get_if<NumberRange>(&value)) {
                           f.*m.min = range->min;
                           f.*m.max = range->max;
                       }
                   },
                   [&](DateRangeMember m) {
                       const auto* range = std::get_if<DateRange>(&value);
                       f.*m = range ? std::optional(std::pair(range->first, range->last))
                                    : std::nullopt;
                   },
                   [&](int64_t FieldSpec::*m) {
                       if (const auto* number = std::get_if<int64_t>(&value)) {
                           f.*m = *number;
                       }
                   },
                   [&](OptionalIntMember m) {
                       const auto* number = std::get_if<int64_t>(&value);
                       f.*m = number ? std::optional(static_cast<int>(*number)) : std::nullopt;
                   },
                   [&](double FieldSpec::*m) {
                       if (const auto* number = std::get_if<double>(&value)) {
                           f.*m = *number;
                       }
                   },
                   [&](std::vector<std::string> FieldSpec::*m) {
                       if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
                           f.*m = *list;
                       }
                   },
                   [&](std::vector<double> FieldSpec::*m) {
                       if (const auto* list = std::get_if<std::vector<double>>(&value)) {
                           f.*m = *list;
                       }
                   },
                   [&](std::string FieldSpec::*m) {
                       const auto* text = std::get_if<std::string>(&value);
                       f.*m = text ? *text : std::string();
                   },
                   [&](bool FieldSpec::*m) {
                       if (const auto* flag = std::get_if<bool>(&value)) {
                           f.*m = *flag;
                       }
                   },
                   [&](std::vector<FieldSpec> FieldSpec::*m) {
                       if (const auto* specs = std::get_if<std::vector<FieldSpec>>(&value)) {
                           f.*m = *specs;
                       }
                   },
                   [&](ChildMember m) {
                       const auto* specs = std::get_if<std::vector<FieldSpec>>(&value);
                       if (specs != nullptr && specs->size() == 1) {
                           if (f.children.size() <= m.index) {
                               f.children.resize(m.index + 1);
                           }
                           f.children[m.index] = specs->front();
                       }
                   },
                   [&](const EnumMember& m) {
                       if (const auto* choice = std::get_if<std::string>(&value)) {
                           if (const int index = choiceIndex(*choice); index >= 0) {
                               m.set(f, index);
                           }
                       }
                   },
               },
               member);
}

std::pair<int64_t, int64_t> FieldOption::integerLimits() const {
    if (std::holds_alternative<OptionalIntMember>(member)) {
        return {INT_MIN, INT_MAX};
    }
    return {INT64_MIN, INT64_MAX};
}

int FieldOption::choiceIndex(std::string_view choice) const {
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (choice == choices[i].name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

namespace {

bool isNamed(const FieldOption& option, std::string_view key) {
    return key == option.name || std::any_of(option.aliases.begin(), option.aliases.end(),
                                             [&](const char* alias) { return key == alias; });
}

} // namespace

const FieldOption* FieldKind::option(std::string_view key) const {
    for (const FieldOption& candidate : options) {
        if (isNamed(candidate, key)) {
            return &candidate;
        }
    }
    return isNamed(nullRatioOption(), key) ? &nullRatioOption() : nullptr;
}

const FieldOption* FieldKind::boundOption(std::string_view key, int* bound) const {
    for (const FieldOption& candidate : options) {
        const auto [low, high] = candidate.boundKeys;
        if (low != nullptr && (key == low || key == high)) {
            *bound = key == low ? 0 : 1;
            return &candidate;
        }
    }
    return nullptr;
}

const FieldOption* FieldKind::pairedOption(const FieldOption& list) const {
    for (const FieldOption& candidate : options) {
        if (std::strcmp(candidate.pairedWith, list.name) == 0) {
            return &candidate;
        }
    }
    return nullptr;
}

const FieldOption& nullRatioOption() {
    static const FieldOption option{
        .name = "null_ratio",
        .type = FieldOptionType::Ratio,
        .aliases = {"percentNulls", "percent_nulls"},
        .help = "share of events in which the field is null",
        .defaultText = "0",
        .member = &FieldSpec::nullRatio,
        .location = &FieldSpec::nullRatioLocation,
        .evenWithExpr = true,
    };
    return option;
}

} // namespace streamgen
