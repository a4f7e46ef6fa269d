#include "sink_descriptor.h"

#include <algorithm>

namespace streamgen {

const char* optionTypeName(OptionType type) {
    switch (type) {
    case OptionType::String:
        return "string";
    case OptionType::Integer:
        return "integer";
    case OptionType::Number:
        return "number";
    case OptionType::Boolean:
        return "boolean";
    case OptionType::Map:
        return "map";
    case OptionType::List:
        return "list";
    }
    return "string";
}

const SinkOption* SinkDescriptor::option(std::string_view optionName) const {
    const auto it = std::find_if(options.begin(), options.end(), [optionName](const SinkOption& o) {
        return o.name == optionName;
    });
    return it == options.end() ? nullptr : &*it;
}

bool SinkDescriptor::answersTo(std::string_view type) const {
    return type == name || std::find(aliases.begin(), aliases.end(), type) != aliases.end();
}

} // namespace streamgen
