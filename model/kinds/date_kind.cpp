#include "field_kind.h"

namespace streamgen {

const FieldKind& dateKind() {
    static const FieldKind kind{
        .type = FieldType::Date,
        .name = "date",
        .help = "a calendar date, \"YYYY-MM-DD\"",
        .options = {{
            .name = "range",
            .type = FieldOptionType::DateRange,
            .help = "inclusive range of dates, [\"YYYY-MM-DD\", \"YYYY-MM-DD\"]; without it, "
                    "today's date (UTC)",
            .member = &FieldSpec::dateRange,
            .location = &FieldSpec::rangeLocation,
            .whenAbsent = "today",
        }},
        .storageOf = [](const FieldSpec&) { return ValueStorage::Date; },
    };
    return kind;
}

} // namespace streamgen
