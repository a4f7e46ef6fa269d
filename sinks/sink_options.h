#pragma once

#include "model/config.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace streamgen {

/// Reads the scalar sink option `key` with its secret references resolved: this is the moment a
/// sink starts, the only one at which secrets are read. Returns nullopt when the option is absent
/// (error left empty) or unusable (error says why, naming `sink_config.<key>`).
std::optional<std::string> sinkOption(const OptionNode& options, const std::string& key,
                                      std::string& error);

/// Reads the number option `key` (>= 0) into `out`, leaving `out` alone when it is not set.
/// False with `error` set when the value is not such a number.
bool readNonNegative(const SinkConfig& config, const std::string& key, double& out,
                     std::string& error);

/// Option values as YAML writes them. The checks before a run and the sinks' factories parse
/// with these, so that what passed the checks is what the sink reads.
std::optional<int64_t> parseInteger(std::string_view text);
/// A finite number.
std::optional<double> parseNumber(std::string_view text);
/// `true`/`false`, and YAML 1.1's `yes`/`no`/`on`/`off`, in any case.
std::optional<bool> parseBoolean(std::string_view text);

} // namespace streamgen
