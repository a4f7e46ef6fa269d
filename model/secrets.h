#pragma once

#include <optional>
#include <string>

namespace streamgen {

/// True when `value` contains a secret reference: `${ENV_VAR}` or `{{secrets/scope/key}}`.
bool isSecretReference(const std::string& value);

/// Replaces every secret reference in `value`. `${NAME}` reads environment variable NAME;
/// `{{secrets/scope/key}}` (dblstreamgen's Databricks form) reads `STREAMGEN_SECRET_scope_key`,
/// with characters other than letters, digits and `_` turned into `_`. Returns nullopt and sets
/// `error` (naming the variable, never a value) when a variable is not set.
std::optional<std::string> resolveSecrets(const std::string& value, std::string* error);

/// The text to show for a value in logs and UIs: references as written, plain values masked.
std::string maskSecret(const std::string& value);

} // namespace streamgen
