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


} // namespace streamgen
