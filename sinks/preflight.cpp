#include "preflight.h"

#include "sink_check.h"
#include "sink_factory.h"
#include "sink_registry.h"

#include "engine/encoders/format.h"
#include "model/validator.h"

#include <algorithm>
#include <climits>
#include <utility>

namespace streamgen {

namespace {

/// Checked here as well as by the plan, so that an unknown format is reported together with
/// every other problem, not only once the rest is fixed.
void checkFormat(const Config& config, Diagnostics& out) {
    if (parseFormat(config.serializationFormat)) {
        return;
    }
    std::string choices;
    for (const std::string& name : formatNames()) {
        choices += (choices.empty() ? "" : ", ") + name;
    }
    const std::string suggestion = nearestName(config.serializationFormat, formatNames());
    out.push_back({Diagnostic::Severity::Error, config.serializationFormatLocation,
                   "unknown serialization_format `" + config.serializationFormat +
                       "`; expected one of " + choices +
                       (suggestion.empty() ? "" : " (did you mean `" + suggestion + "`?)"),
                   "serialization_format"});
}

/// The config the plan is compiled from: a table sink's own row format replaces the config's,
/// which is then worth a warning when the config chose one.
Config planConfig(const Config& config, const PreflightOptions& options, Diagnostics& out) {
    if (!options.checkSink) {
        return config;
    }
    const SinkConfig sink = applySinkOverrides(config.sink, options.sink);
    const SinkDescriptor* descriptor = findSink(sink.type);
    if (descriptor == nullptr || !descriptor->rowFormat) {
        return config;
    }
    Config copy = config;
    copy.serializationFormat = formatInfo(descriptor->rowFormat(sink)).name;
    if (config.serializationFormatLocation.known() &&
        parseFormat(config.serializationFormat) != descriptor->rowFormat(sink)) {
        out.push_back({Diagnostic::Severity::Warning, config.serializationFormatLocation,
                       "serialization_format `" + config.serializationFormat +
                           "` does not apply to the " + descriptor->name +
                           " sink, which writes typed columns",
                       "serialization_format"});
    }
    return copy;
}

/// What follows validation: the format, the sink, and the plan once nothing stands in its way.
PreflightResult finish(const Config& config, const PreflightOptions& options,
                       Diagnostics diagnostics) {
    checkFormat(config, diagnostics);
    if (options.checkSink) {
        checkSink(config, options.sink, diagnostics);
    }
    PreflightResult result;
    if (!hasErrors(diagnostics)) {
        result.plan = Plan::compile(planConfig(config, options, diagnostics), diagnostics);
    }
    // In the order of the file, as a reader goes through it; problems without a position last.
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         const auto key = [](const Diagnostic& d) {
                             return std::pair(d.location.known() ? d.location.line : INT_MAX,
                                              d.location.column);
                         };
                         return key(a) < key(b);
                     });
    result.diagnostics = std::move(diagnostics);
    return result;
}

} // namespace

PreflightResult preflight(const Config& config, const PreflightOptions& options) {
    return finish(config, options, validateConfig(config));
}

PreflightResult preflight(const LoadResult& loaded, const PreflightOptions& options) {
    return finish(loaded.config, options, loaded.diagnostics);
}

} // namespace streamgen
