#pragma once

#include "engine/encoders/format.h"
#include "engine/sink.h"
#include "model/config.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen {

class Plan;
class RecordSource;
class SinkCheck;

/// The value type of a sink option. Checked before a run starts, shown in forms and docs.
enum class OptionType { String, Integer, Number, Boolean, Map, List };

/// "string", "integer", "number", "boolean", "map" or "list".
const char* optionTypeName(OptionType type);

/// One option a sink takes under `sink_config`.
struct SinkOption {
    std::string name;
    OptionType type = OptionType::String;
    std::string defaultValue; ///< as written in YAML; "" when there is none
    bool required = false;
    /// Holds a credential: the config must give a reference (`${ENV_VAR}` or
    /// `{{secrets/scope/key}}`), resolved only when the sink is created; UIs mask it.
    bool secret = false;
    std::string help;                 ///< one line
    std::vector<std::string> choices; ///< the allowed values, when the option is an enumeration
};

/// The option that `--out DIR` sets, in the sinks that write into a folder.
inline constexpr std::string_view kFolderOption = "path";

/// Command-line choices that take precedence over `sink_config`.
struct SinkOverrides {
    std::optional<std::string> type;      ///< `--sink`
    std::optional<std::string> directory; ///< `--out`: the `path` of sinks that write a folder
};

/// The result of building a sink. When `sink` is null, `error` says why; such errors are
/// configuration errors (exit code 2), not run failures.
struct SinkCreation {
    std::unique_ptr<Sink> sink;
    std::string error;
};

/// Everything StreamGen knows about one sink: how it is named, what it takes, which rules its
/// options follow beyond their types, and how it is built. Each sink declares itself next to its
/// code; `sinkRegistry()` lists them.
struct SinkDescriptor {
    std::string name;
    std::vector<std::string> aliases; ///< other names a config may use (dblstreamgen's, say)
    std::string description;          ///< one line
    std::vector<SinkOption> options;
    /// Rules beyond the option types (file name rules, topic names...); may be empty. Runs after
    /// the generic checks, on the options as written (secret references unresolved).
    std::function<void(SinkCheck&)> check;
    /// Builds the sink from options that passed the checks. Secret references are resolved here.
    std::function<SinkCreation(const SinkConfig&)> create;
    /// The format a sink that writes typed rows (tables) needs its events encoded in, whatever
    /// `serialization_format` says: it decodes them into columns. Null for sinks that carry the
    /// config's format as it is.
    std::function<Format(const SinkConfig&)> rowFormat;
    /// Reads back what the sink wrote (`streamgen verify`), from the same options (secret
    /// references resolved); sets `error` and returns null when it cannot start. Null for sinks
    /// whose destination cannot be read back.
    std::function<std::unique_ptr<RecordSource>(const SinkConfig&, const Plan&, std::string& error)>
        reader;

    /// The declared option with this name, or nullptr.
    const SinkOption* option(std::string_view optionName) const;
    /// True when `type` is this sink's name or one of its aliases.
    bool answersTo(std::string_view type) const;
};

} // namespace streamgen
