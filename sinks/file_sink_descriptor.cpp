#include "file_sink.h"
#include "sink_check.h"
#include "sink_descriptors.h"
#include "sink_options.h"
#include "verify/file_reader.h"

#include <algorithm>

namespace streamgen {

namespace {

/// Why `prefix` cannot start a file name in the folder, or "".
std::string prefixProblem(const std::string& prefix) {
    if (prefix.empty() || prefix.find('/') != std::string::npos || prefix[0] == '.') {
        return "sink_config.prefix: expected a file name prefix without `/` that does not start "
               "with `.`, got `" + prefix + "`";
    }
    return {};
}

void checkFileSink(SinkCheck& check) {
    if (const auto path = check.literal(kFolderOption); path && path->empty()) {
        check.error(kFolderOption, "sink_config.path: the folder name is empty");
    }
    if (const auto prefix = check.literal("prefix")) {
        if (std::string problem = prefixProblem(*prefix); !problem.empty()) {
            check.error("prefix", std::move(problem));
        }
    }
    checkNonNegative(check, {"max_records", "max_bytes", "max_seconds"});
}

SinkCreation createFileSink(const SinkConfig& config) {
    SinkCreation result;
    const auto directory = sinkOption(config.options, std::string(kFolderOption), result.error);
    if (!result.error.empty()) {
        return result;
    }
    if (!directory || directory->empty()) {
        result.error = "the file sink needs a folder: set sink_config.path or pass --out DIR";
        return result;
    }
    FileRotation rotation;
    double records = static_cast<double>(rotation.maxRecords);
    double bytes = static_cast<double>(rotation.maxBytes);
    if (!readNonNegative(config, "max_records", records, result.error) ||
        !readNonNegative(config, "max_bytes", bytes, result.error) ||
        !readNonNegative(config, "max_seconds", rotation.maxSeconds, result.error)) {
        return result;
    }
    // Clamped before the cast: a double beyond 2^63 does not convert to uint64_t.
    constexpr double kMaxLimit = 9.2e18;
    rotation.maxRecords =
        std::max<uint64_t>(1, static_cast<uint64_t>(std::min(records, kMaxLimit)));
    rotation.maxBytes = std::max<uint64_t>(1, static_cast<uint64_t>(std::min(bytes, kMaxLimit)));
    const auto prefix = sinkOption(config.options, "prefix", result.error);
    if (!result.error.empty()) {
        return result;
    }
    result.error = prefix ? prefixProblem(*prefix) : "";
    if (result.error.empty()) {
        result.sink = std::make_unique<FileSink>(*directory, rotation, prefix.value_or("events"));
    }
    return result;
}

} // namespace

SinkDescriptor fileSinkDescriptor() {
    SinkDescriptor sink;
    sink.name = "file";
    sink.aliases = {"files", "landing"};
    sink.description = "Files in a folder, each renamed into place once complete (a landing "
                       "folder for Auto Loader or Spark)";
    sink.options = {
        {std::string(kFolderOption), OptionType::String, "", true, false,
         "Folder the files land in (on the command line: `--out DIR`)", {}},
        {"prefix", OptionType::String, "events", false, false,
         "Start of each file name: `<prefix>-<run>-w<worker>-<n>.<jsonl, csv, avro or pb>`", {}},
        {"max_records", OptionType::Integer, "100000", false, false,
         "Complete a file after this many events", {}},
        {"max_bytes", OptionType::Integer, "67108864", false, false,
         "Complete a file after this many bytes", {}},
        {"max_seconds", OptionType::Number, "60", false, false,
         "Complete a file after this many seconds; 0 = no time limit", {}},
    };
    sink.check = checkFileSink;
    sink.create = createFileSink;
    sink.reader = makeFileRecordSource;
    return sink;
}

} // namespace streamgen
