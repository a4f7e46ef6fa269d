#pragma once

#include "config.h"
#include "yaml_reader.h"

#include <cstdint>
#include <optional>
#include <string>

namespace streamgen::detail {

/// Reads one field spec; nullopt when it has no usable `type` (the problem is reported).
/// `columns` is how many fields the spec makes (dbldatagen's `numColumns`; 1 without it).
std::optional<FieldSpec> readField(YamlReader& reader, const YAML::Node& key,
                                   const YAML::Node& value, const std::string& path,
                                   int64_t& columns);

/// Reads a `name: spec` mapping of fields (common fields, or the fields of an event type).
std::vector<FieldSpec> readFields(YamlReader& reader, const YAML::Node& node,
                                  const std::string& path);

/// Converts a parsed document into `config`, reporting shape and type problems. Semantic checks
/// (ranges, weights, ids) are left to validateConfig.
void readConfigTree(YamlReader& reader, const YAML::Node& root, Config& config);

} // namespace streamgen::detail
