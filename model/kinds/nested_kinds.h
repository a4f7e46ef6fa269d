#pragma once

#include "field_kind.h"

namespace streamgen {

/// True for the kinds whose values hold other fields' values: struct, array and map.
bool isNested(FieldType type);

/// A record of named fields (`fields`), written as an object, an Avro record or a message.
const FieldKind& structKind();
/// A list of values of one spec (`items`) with a length drawn per event (`length`).
const FieldKind& arrayKind();
/// Entries of distinct keys (`key`, written as text) and values (`value`).
const FieldKind& mapKind();

} // namespace streamgen
