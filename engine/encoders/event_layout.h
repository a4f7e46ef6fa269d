#pragma once

#include "model/config.h"
#include "model/kinds/field_kind.h"

#include <string>
#include <vector>

namespace streamgen {

/// What an encoder needs to know of one field: its name, how its kind stores values and
/// whether it can be null, with where it stands in the config for located errors. Encoders work
/// from the storage alone, so a new field kind needs nothing from them.
struct FieldLayout {
    std::string name;
    /// The kind as configured: table sinks tell a decimal (numeric) from a double by it.
    FieldType type = FieldType::String;
    ValueStorage storage = ValueStorage::String; ///< declared by the field's kind
    bool nullable = false;                       ///< null_ratio > 0
    std::vector<std::string> choices; ///< string values, as written (index = Value::choice)
    SourceLocation location;
    std::string path; ///< dotted config path, e.g. `event_types[1].fields.amount`
    /// Struct: its fields; Array: [the items]; Map: [the keys, the values].
    std::vector<FieldLayout> children;
};

/// One event type: its id, then the common fields and its own fields, in config order.
struct TypeLayout {
    std::string id;
    std::vector<FieldLayout> fields;
    SourceLocation location;
    std::string path; ///< e.g. `event_types[1].event_type_id`
};

/// The shape of every event of a plan, in plan order (type index = position).
struct EventLayout {
    std::vector<TypeLayout> types;
    const OptionNode* formatOptions = nullptr; ///< the config's `format_options`, or null
    SourceLocation formatLocation;             ///< where `serialization_format` stands
};

/// The layout of `config` (which must have passed validation).
EventLayout makeEventLayout(const Config& config);

} // namespace streamgen
