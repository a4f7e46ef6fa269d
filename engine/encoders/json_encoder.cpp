#include "json_encoder.h"

namespace streamgen {

JsonEncoder::JsonEncoder(const EventLayout& layout, Diagnostics&) {
    for (const TypeLayout& typeLayout : layout.types) {
        Type type;
        type.prefix = "{\"event_type_id\":" + json::quote(typeLayout.id);
        for (const FieldLayout& fieldLayout : typeLayout.fields) {
            Field field;
            // Appended piece by piece: GCC 12 warns falsely of overlaps in "," + string.
            field.literal = ",";
            field.literal += json::quote(fieldLayout.name);
            field.literal += ':';
            field.quoted = field.literal + '"';
            for (const std::string& choice : fieldLayout.choices) {
                field.choices.push_back(field.literal + json::quote(choice));
            }
            type.fields.push_back(std::move(field));
        }
        m_types.push_back(std::move(type));
    }
}

} // namespace streamgen
