#include "realistic_kinds.h"

namespace streamgen {

namespace {

struct RealisticKind {
    FieldType type;
    const char* name;
    std::vector<const char*> aliases;
    const char* help;
    const char* recipe;
};

// A new kind of realistic text is one line here and its FieldType. Recipes draw from
// resources/data; every mention of one data set in a recipe uses the same row.
const RealisticKind kRealistic[] = {
    {FieldType::FirstName, "first_name", {"firstname"}, "a given name: Olivia", "{first_names}"},
    {FieldType::LastName,
     "last_name",
     {"lastname", "surname"},
     "a family name: Garcia",
     "{last_names}"},
    {FieldType::FullName,
     "full_name",
     {"name"},
     "a given and a family name: Olivia Garcia",
     "{first_names} {last_names}"},
    {FieldType::Email,
     "email",
     {"email_address"},
     "an e-mail address: olivia.garcia42@gmail.com",
     "{first_names:slug}.{last_names:slug}{0..99}@{email_domains}"},
    {FieldType::Phone,
     "phone",
     {"phone_number"},
     "a US phone number: (212) 555-0142",
     "({phone_area_codes}) {200..999}-{0000..9999}"},
    {FieldType::StreetAddress,
     "street_address",
     {"address"},
     "a house number and a street: 1428 Maple Avenue",
     "{1..9999} {street_names} {street_suffixes}"},
    {FieldType::City, "city", {}, "a city: Chicago", "{cities}"},
    {FieldType::State, "state", {}, "a US state: Illinois", "{us_states}"},
    {FieldType::Zip,
     "zip",
     {"zip_code", "postal_code"},
     "a five-digit US ZIP code: 60614",
     "{zip_prefixes.1}{00..99}"},
    {FieldType::Country, "country", {}, "a country: Germany", "{countries}"},
    {FieldType::Company,
     "company",
     {"company_name"},
     "a company name: Summit Holdings",
     "{company_words} {company_suffixes}"},
    {FieldType::Ipv4,
     "ipv4",
     {"ip_address"},
     "an IPv4 address: 73.12.201.9",
     "{1..223}.{0..255}.{0..255}.{1..254}"},
    {FieldType::Ipv6,
     "ipv6",
     {},
     "a global unicast IPv6 address: 2a03:91f:0:12:8c3:ff02:1:7a",
     "{2000..3fff:hex}:{0..ffff:hex}:{0..ffff:hex}:{0..ffff:hex}:{0..ffff:hex}:{0..ffff:hex}:"
     "{0..ffff:hex}:{0..ffff:hex}"},
    {FieldType::UserAgent,
     "user_agent",
     {"useragent"},
     "a browser's or client's User-Agent",
     "{user_agents}"},
    {FieldType::Url,
     "url",
     {"uri"},
     "a web address: https://www.summit.com/products",
     "https://www.{company_words:slug}.{top_level_domains}/{url_paths}"},
    {FieldType::Word, "word", {}, "an English word: harbor", "{words}"},
};

} // namespace

std::vector<FieldKind> realisticKinds() {
    std::vector<FieldKind> kinds;
    for (const RealisticKind& realistic : kRealistic) {
        kinds.push_back({
            .type = realistic.type,
            .name = realistic.name,
            .aliases = realistic.aliases,
            .help = realistic.help,
            .summary = realistic.help,
            .storageOf = [](const FieldSpec&) { return ValueStorage::String; },
            .recipe = realistic.recipe,
        });
    }
    return kinds;
}

} // namespace streamgen
