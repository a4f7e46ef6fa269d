#include "sink_factory.h"

#include "file_sink.h"
#include "kafka_sink.h"
#include "model/validator.h"
#include "null_sink.h"
#include "sink_options.h"
#include "stdout_sink.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace streamgen {

namespace {

// Sinks that dblstreamgen documents and that StreamGen will build; a config naming one loads
// fine and says so at run time instead of failing to parse.
const std::vector<std::string> kPlannedSinks{"kinesis", "delta", "postgres", "postgresql"};

bool readNumber(const OptionNode& options, const std::string& key, double& out,
                std::string& error) {
    const auto text = sinkOption(options, key, error);
    if (!text) {
        return error.empty();
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || !std::isfinite(value) ||
        value < 0.0) {
        error = "sink_config." + key + ": expected a non-negative number, got `" + *text + "`";
        return false;
    }
    out = value;
    return true;
}

SinkCreation makeFileSink(const SinkConfig& config, const SinkOverrides& overrides) {
    SinkCreation result;
    std::string directory;
    if (overrides.directory) {
        directory = *overrides.directory;
    } else if (auto path = sinkOption(config.options, "path", result.error)) {
        directory = *path;
    }
    if (!result.error.empty()) {
        return result;
    }
    if (directory.empty()) {
        result.error = "the file sink needs a folder: set sink_config.path or pass --out DIR";
        return result;
    }
    FileRotation rotation;
    double records = static_cast<double>(rotation.maxRecords);
    double bytes = static_cast<double>(rotation.maxBytes);
    if (!readNumber(config.options, "max_records", records, result.error) ||
        !readNumber(config.options, "max_bytes", bytes, result.error) ||
        !readNumber(config.options, "max_seconds", rotation.maxSeconds, result.error)) {
        return result;
    }
    // Clamped before the cast: a double beyond 2^63 does not convert to uint64_t.
    constexpr double kMaxLimit = 9.2e18;
    rotation.maxRecords = std::max<uint64_t>(1, static_cast<uint64_t>(std::min(records, kMaxLimit)));
    rotation.maxBytes = std::max<uint64_t>(1, static_cast<uint64_t>(std::min(bytes, kMaxLimit)));
    std::string prefix = "events";
    if (auto value = sinkOption(config.options, "prefix", result.error)) {
        prefix = *value;
        if (prefix.empty() || prefix.find('/') != std::string::npos || prefix[0] == '.') {
            result.error = "sink_config.prefix: expected a file name prefix without `/` that "
                           "does not start with `.`, got `" + prefix + "`";
            return result;
        }
    }
    if (!result.error.empty()) {
        return result;
    }
    result.sink = std::make_unique<FileSink>(directory, rotation, prefix);
    return result;
}

SinkCreation makeKafkaSink(const SinkConfig& config, bool eventHubs) {
    SinkCreation result;
    KafkaSettings settings;
    const bool ok = eventHubs ? readEventHubsSettings(config, settings, result.error)
                              : readKafkaSettings(config, settings, result.error);
    if (ok) {
        result.sink = std::make_unique<KafkaSink>(std::move(settings),
                                                  eventHubs ? "eventhubs" : "kafka");
    }
    return result;
}

} // namespace

const std::vector<std::string>& supportedSinkTypes() {
    static const std::vector<std::string> types{"null", "stdout", "file", "kafka", "eventhubs"};
    return types;
}

SinkCreation createSink(const SinkConfig& config, const SinkOverrides& overrides) {
    const std::string type = overrides.type.value_or(config.type);
    SinkCreation result;
    if (type == "null") {
        result.sink = std::make_unique<NullSink>();
    } else if (type == "stdout" || type == "console") {
        result.sink = std::make_unique<StdoutSink>();
    } else if (type == "file" || type == "files" || type == "landing") {
        return makeFileSink(config, overrides);
    } else if (type == "kafka" || type == "eventhubs") {
        return makeKafkaSink(config, type == "eventhubs");
    } else if (std::find(kPlannedSinks.begin(), kPlannedSinks.end(), type) != kPlannedSinks.end()) {
        result.error = "sink `" + type +
                       "` is not supported yet; choose null, stdout, file, kafka or eventhubs "
                       "(on the command line: --sink)";
    } else {
        std::vector<std::string> known = supportedSinkTypes();
        known.insert(known.end(), kPlannedSinks.begin(), kPlannedSinks.end());
        const std::string suggestion = nearestName(type, known);
        result.error = "unknown sink type `" + type + "`" +
                       (suggestion.empty() ? "" : "; did you mean `" + suggestion + "`?");
    }
    return result;
}

} // namespace streamgen
