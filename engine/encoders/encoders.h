#pragma once

#include "engine/encoders/avro_encoder.h"
#include "engine/encoders/csv_encoder.h"
#include "engine/encoders/json_encoder.h"
#include "engine/encoders/protobuf_encoder.h"

#include <variant>

namespace streamgen {

/// Every format's encoder, in the order formats are offered; adding a format is its encoder's
/// files plus its name here. An encoder provides:
/// - `static constexpr FormatInfo kInfo`;
/// - a constructor `(const EventLayout&, Diagnostics&)` that adds located errors for what the
///   format cannot express;
/// - `type(index)`, then `begin(type, out)`, `field(type, i, value, out)` per field and
///   `end(type, out)`, inline: the plan's batch loop is instantiated per encoder, so fields are
///   written without virtual calls;
/// - `makeFramer()` and `schema()`; optionally `fieldOrder(type)` when it writes fields in
///   another order than the layout's.
using AnyEncoder = std::variant<JsonEncoder, CsvEncoder, AvroEncoder, ProtobufEncoder>;

/// The encoder of `format` for `layout`; problems are added to `diagnostics`.
AnyEncoder makeEncoder(Format format, const EventLayout& layout, Diagnostics& diagnostics);

} // namespace streamgen
