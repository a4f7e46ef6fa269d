#pragma once

#include "config.h"
#include "diagnostic.h"

#include <string>
#include <vector>

namespace streamgen {

/// The outcome of reading a config: the config as far as it could be read, and every problem
/// found (syntax, types, and semantic validation). `ok()` is false when any error was found.
struct LoadResult {
    Config config;
    Diagnostics diagnostics;
    bool ok() const { return !hasErrors(diagnostics); }
};

/// How to load: limits that keep hostile input from exhausting time or memory, and overrides.
struct LoadOptions {
    std::size_t maxFileBytes = 16u * 1024u * 1024u;
    int maxDepth = 64;              ///< nesting of YAML collections
    std::size_t maxNodes = 1000000; ///< nodes visited, aliases counted each time they are used
    /// `dotted.key=value` assignments (the CLI's `--set`) applied to the parsed document before
    /// it is read, e.g. `sink_config.topic=events`, `event_types[0].weight=2`. The value is read
    /// as YAML (so `[a, b]` is a list). A path that cannot be applied is an error diagnostic.
    std::vector<std::string> overrides;
};

/// Reads and validates a YAML config file. Never throws; problems are in the result.
LoadResult loadConfigFile(const std::string& path, const LoadOptions& options = {});
/// Same for text already in memory.
LoadResult loadConfigString(const std::string& text, const LoadOptions& options = {});

/// Renders a config as YAML in dblstreamgen's layout. Secret references are written as they are.
/// Loading the result gives back an equal Config.
std::string saveConfigString(const Config& config);
/// Writes `saveConfigString` to `path`; returns false and sets `error` on failure.
bool saveConfigFile(const Config& config, const std::string& path, std::string* error = nullptr);

/// The specs a struct, array or map holds, as the Studio edits them in YAML: `one` false for a
/// struct's fields (a mapping of name to spec), true for one spec (an array's items, a map's
/// key or value; a type name alone will do), which is then named `name`.
struct FieldSpecsResult {
    std::vector<FieldSpec> specs;
    Diagnostics diagnostics; ///< located in `text`, validation included
    bool ok() const { return !hasErrors(diagnostics); }
};
FieldSpecsResult loadFieldSpecsString(const std::string& text, bool one,
                                      const std::string& name = "items");
/// The YAML that loadFieldSpecsString reads back into equal specs.
std::string saveFieldSpecsString(const std::vector<FieldSpec>& specs, bool one);

} // namespace streamgen
