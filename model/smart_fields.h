#pragma once

#include "config.h"

#include <optional>
#include <string_view>

namespace streamgen {

/// StreamForge's "smart field detection", an opt-in (`smart_fields: true`) for its schemas,
/// where a string column has no values and its name says what it holds.
///
/// The kind of realistic text a string field called `name` holds: a name containing `email`
/// is an e-mail address, `phone` a phone number, `name` a person's name, `address` a street
/// address, `city`, `state`, `zip`, `country`, `company`, `url`, `ip` and `user_agent` what
/// they say; any other name a word (StreamForge's fallback). Case does not matter.
FieldType smartTextType(std::string_view name);

/// Applies the detection to every field of `config` the file left open: a `string` field with
/// neither values, template nor format gets the kind its name says, and an `int` or `long`
/// field whose name ends in `_id` and that has no range counts 1, 2, 3... (StreamForge's
/// sequential keys).
void applySmartFields(Config& config);

} // namespace streamgen
