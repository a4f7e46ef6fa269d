#pragma once

#include "model/config.h"

#include <optional>
#include <string>

namespace streamgen {

/// Reads the scalar sink option `key` with its secret references resolved: this is the moment a
/// sink starts, the only one at which secrets are read. Returns nullopt when the option is absent
/// (error left empty) or unusable (error says why, naming `sink_config.<key>`).
std::optional<std::string> sinkOption(const OptionNode& options, const std::string& key,
                                      std::string& error);

} // namespace streamgen
