#pragma once

#include "engine/sink.h"
#include "model/config.h"

#include <memory>
#include <optional>
#include <string>

namespace streamgen {

/// Command-line choices that take precedence over `sink_config`.
struct SinkOverrides {
    std::optional<std::string> type;      ///< `--sink`
    std::optional<std::string> directory; ///< `--out`, for the file sink
};

/// The result of building a sink. When `sink` is null, `error` says why; such errors are
/// configuration errors (exit code 2), not run failures.
struct SinkCreation {
    std::unique_ptr<Sink> sink;
    std::string error;
};

/// Sink types that can run today.
const std::vector<std::string>& supportedSinkTypes();

/// Builds the sink that `config` (with `overrides`) asks for. Secret references in the options
/// are resolved here, when the sink is about to start, and never earlier.
SinkCreation createSink(const SinkConfig& config, const SinkOverrides& overrides = {});

} // namespace streamgen
