#pragma once

#include "config.h"
#include "yaml_reader.h"

#include <cstdint>
#include <optional>
#include <string>

namespace streamgen::detail {

/// dbldatagen's `numColumns` and `structType`: how many values one spec makes, and whether
/// they go into one array field rather than fields name_0, name_1...
struct ColumnSpread {
    int64_t count = 1;
    bool asArray = false;
};

/// Reads one field spec; nullopt when it has no usable `type` (the problem is reported).
std::optional<FieldSpec> readField(YamlReader& reader, const YAML::Node& key,
                                   const YAML::Node& value, const std::string& path,
                                   ColumnSpread& columns);

/// The same for a spec named `name` standing at `location`: `value` is a mapping with `type`,
/// or only a type name (`items: string`). Problems without a better place are put at `key`.
std::optional<FieldSpec> readFieldSpec(YamlReader& reader, const std::string& name,
                                       SourceLocation location, const YAML::Node& key,
                                       const YAML::Node& value, const std::string& path,
                                       ColumnSpread& columns);

/// Reads a `name: spec` mapping of fields (common fields, or the fields of an event type).
std::vector<FieldSpec> readFields(YamlReader& reader, const YAML::Node& node,
                                  const std::string& path);

/// Converts a parsed document into `config`, reporting shape and type problems. Semantic checks
/// (ranges, weights, ids) are left to validateConfig.
void readConfigTree(YamlReader& reader, const YAML::Node& root, Config& config);

} // namespace streamgen::detail
