#pragma once

#include "model/diagnostic.h"
#include "sink_descriptor.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace streamgen {

/// What a sink's own rules (`SinkDescriptor::check`) see, and where they report: the whole config
/// (a key field must exist in it), the sink section with the command line's overrides applied,
/// and diagnostics located at the option they are about.
class SinkCheck {
public:
    SinkCheck(const Config& config, const SinkConfig& sink, Diagnostics& out);

    const Config& config() const { return m_config; }
    const SinkConfig& sink() const { return m_sink; }
    /// The option when it is set to something other than null, else nullptr.
    const OptionNode* option(std::string_view name) const;
    /// The text of a scalar option whose value is known before the run: set, and holding no
    /// secret reference (those are read only when the sink starts). nullopt otherwise.
    std::optional<std::string> literal(std::string_view name) const;
    /// Where a problem with `node` is shown: its own position, else the sink's `type`, else the
    /// `sink_config` key.
    SourceLocation locate(const OptionNode* node) const;

    /// A problem with option `name`, located at it, with path `sink_config.<name>`.
    void error(std::string_view name, std::string message);
    void warning(std::string_view name, std::string message);
    /// A problem with a node inside an option (an entry of Kafka `properties`, say).
    void report(Diagnostic::Severity severity, const OptionNode& node, std::string path,
                std::string message);

private:
    const Config& m_config;
    const SinkConfig& m_sink;
    Diagnostics& m_out;
};

/// Warns when option `option` names a field no event type has, saying what happens then
/// (`consequence`), with a did-you-mean.
void checkKeyField(SinkCheck& check, const char* option, const char* consequence);

/// Errors for the options among `names` whose literal value is a number below 0.
void checkNonNegative(SinkCheck& check, std::initializer_list<const char*> names);

/// The message for a secret written in clear at `path`. It never repeats the value.
std::string secretInClearMessage(const std::string& path);

/// The sink part of the preflight, on `config.sink` with `overrides` applied:
/// - the type: unknown (did you mean) or not available in this build, located at `type`;
/// - every option against its declaration: type, choices, required, secrets as references;
/// - options the sink does not declare: warnings with did-you-mean (configs from dblstreamgen
///   carry extra keys), left out when the type came from the command line, because the
///   section was then written for another sink;
/// - the sink's own rules.
void checkSink(const Config& config, const SinkOverrides& overrides, Diagnostics& out);

} // namespace streamgen
