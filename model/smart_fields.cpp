#include "smart_fields.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

namespace streamgen {

namespace {

// The first entry whose text the name contains decides, so specific words come before the
// general ones they contain ("email_address" is not an address, "first_name" not a full name).
constexpr std::pair<std::string_view, FieldType> kByName[] = {
    {"email", FieldType::Email},
    {"phone", FieldType::Phone},
    {"first_name", FieldType::FirstName},
    {"firstname", FieldType::FirstName},
    {"last_name", FieldType::LastName},
    {"lastname", FieldType::LastName},
    {"surname", FieldType::LastName},
    {"company", FieldType::Company},
    {"user_agent", FieldType::UserAgent},
    {"useragent", FieldType::UserAgent},
    {"ipv6", FieldType::Ipv6},
    {"ip_address", FieldType::Ipv4},
    {"ipv4", FieldType::Ipv4},
    {"url", FieldType::Url},
    {"name", FieldType::FullName},
    {"address", FieldType::StreetAddress},
    {"street", FieldType::StreetAddress},
    {"city", FieldType::City},
    {"state", FieldType::State},
    {"zip", FieldType::Zip},
    {"postal", FieldType::Zip},
    {"country", FieldType::Country},
};

bool isOpenString(const FieldSpec& field) {
    return field.type == FieldType::String && field.values.empty() && field.textTemplate.empty() &&
           field.pattern.empty() && field.expr.empty();
}

bool isOpenKey(const FieldSpec& field) {
    const bool wholeNumber = field.type == FieldType::Int || field.type == FieldType::Long;
    return wholeNumber && field.name.size() > 3 &&
           field.name.compare(field.name.size() - 3, 3, "_id") == 0 &&
           !field.rangeLocation.known() && !field.sequence && !field.unique &&
           field.uniqueValues == 0 && field.expr.empty();
}

void detect(std::vector<FieldSpec>& fields) {
    for (FieldSpec& field : fields) {
        if (isOpenString(field)) {
            field.type = smartTextType(field.name);
        } else if (isOpenKey(field)) {
            field.sequence = true;
            field.intMin = 1;
            field.step = 1;
        }
    }
}

} // namespace

FieldType smartTextType(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& [word, type] : kByName) {
        if (lower.find(word) != std::string::npos) {
            return type;
        }
    }
    return FieldType::Word;
}

void applySmartFields(Config& config) {
    detect(config.commonFields);
    for (EventType& type : config.eventTypes) {
        detect(type.fields);
    }
}

} // namespace streamgen
