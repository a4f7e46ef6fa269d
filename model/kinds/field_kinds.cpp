#include "field_kinds.h"

#include "derived_options.h"
#include "nested_kinds.h"
#include "realistic_kinds.h"

#include <algorithm>
#include <stdexcept>

namespace streamgen {

// Each kind lives in its own file; a new kind adds its file and one line to the list below.
const FieldKind& uuidKind();
const FieldKind& intKind();
const FieldKind& longKind();
const FieldKind& floatKind();
const FieldKind& doubleKind();
const FieldKind& stringKind();
const FieldKind& timestampKind();
const FieldKind& booleanKind();
const FieldKind& dateKind();
const FieldKind& loremKind();
const FieldKind& decimalKind();

const std::vector<const FieldKind*>& fieldKinds() {
    static const std::vector<FieldKind> registered = [] {
        std::vector<FieldKind> kinds{uuidKind(),      intKind(),     longKind(),
                                     floatKind(),     doubleKind(),  stringKind(),
                                     timestampKind(), booleanKind(), dateKind()};
        for (FieldKind& realistic : realisticKinds()) {
            kinds.push_back(std::move(realistic));
        }
        kinds.push_back(loremKind());
        kinds.push_back(decimalKind());
        for (FieldKind& kind : kinds) {
            kind = withDerivedOptions(kind);
        }
        // Nested values are generated, never computed: their kinds take no derived options.
        kinds.push_back(structKind());
        kinds.push_back(arrayKind());
        kinds.push_back(mapKind());
        return kinds;
    }();
    static const std::vector<const FieldKind*> kinds = [] {
        std::vector<const FieldKind*> pointers;
        for (const FieldKind& kind : registered) {
            pointers.push_back(&kind);
        }
        return pointers;
    }();
    return kinds;
}

const FieldKind& fieldKind(FieldType type) {
    for (const FieldKind* kind : fieldKinds()) {
        if (kind->type == type) {
            return *kind;
        }
    }
    throw std::logic_error("field type without a kind in model/kinds/field_kinds.cpp");
}

const FieldKind* findFieldKind(std::string_view name) {
    const auto& kinds = fieldKinds();
    for (const FieldKind* kind : kinds) {
        if (name == kind->name) {
            return kind;
        }
    }
    for (const FieldKind* kind : kinds) {
        const auto& aliases = kind->aliases;
        if (std::any_of(aliases.begin(), aliases.end(),
                        [&](const char* alias) { return name == alias; })) {
            return kind;
        }
    }
    return nullptr;
}

} // namespace streamgen
