#include "field_kind.h"

namespace streamgen {

const FieldKind& uuidKind() {
    static const FieldKind kind{
        .type = FieldType::Uuid,
        .name = "uuid",
        .help = "a random UUID (version 4) per event",
        .summary = "uuid v4",
        .storageOf = [](const FieldSpec&) { return ValueStorage::Uuid; },
    };
    return kind;
}

} // namespace streamgen
