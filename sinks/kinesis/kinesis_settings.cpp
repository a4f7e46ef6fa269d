#include "kinesis_settings.h"

#include "sinks/sink_options.h"

#include <cstdlib>
#include <fstream>

namespace streamgen {

namespace {

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

std::string trim(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r");
    const auto end = text.find_last_not_of(" \t\r");
    return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

/// The keys of `[profile]` in an AWS shared credentials file (INI).
bool readProfile(const std::string& path, const std::string& profile, aws::Credentials& out) {
    std::ifstream in(path);
    std::string line;
    bool inside = false;
    bool found = false;
    while (std::getline(in, line)) {
        line = trim(line);
        if (line.empty() || line[0] == '#' || line[0] == ';') {
            continue;
        }
        if (line.front() == '[' && line.back() == ']') {
            inside = trim(line.substr(1, line.size() - 2)) == profile;
            found = found || inside;
            continue;
        }
        const auto equals = line.find('=');
        if (!inside || equals == std::string::npos) {
            continue;
        }
        const std::string key = trim(line.substr(0, equals));
        const std::string value = trim(line.substr(equals + 1));
        if (key == "aws_access_key_id") {
            out.accessKeyId = value;
        } else if (key == "aws_secret_access_key") {
            out.secretAccessKey = value;
        } else if (key == "aws_session_token") {
            out.sessionToken = value;
        }
    }
    return found && !out.accessKeyId.empty() && !out.secretAccessKey.empty();
}

bool readInteger(const OptionNode& options, const char* key, int64_t& out, std::string& error) {
    const auto text = sinkOption(options, key, error);
    if (!text) {
        return error.empty();
    }
    const auto number = parseInteger(*text);
    if (!number || *number < 0) {
        error = std::string("sink_config.") + key + ": expected a whole number >= 0, got `" +
                *text + "`";
        return false;
    }
    out = *number;
    return true;
}

} // namespace

bool readKinesisSettings(const SinkConfig& config, KinesisSettings& settings, std::string& error) {
    const OptionNode& options = config.options;
    settings.streamName = sinkOption(options, "stream_name", error).value_or("");
    settings.region = sinkOption(options, "region", error).value_or(settings.region);
    settings.endpoint = sinkOption(options, "endpoint_url", error).value_or("");
    settings.keyField = sinkOption(options, "partition_key_field", error).value_or("");
    settings.createStream =
        parseBoolean(sinkOption(options, "create_stream", error).value_or("false")).value_or(false);
    settings.autoShards =
        parseBoolean(sinkOption(options, "auto_shard_calculation", error).value_or("false"))
            .value_or(false);
    if (!error.empty() || !readInteger(options, "shard_count", settings.shardCount, error) ||
        !readInteger(options, "max_retries", settings.maxRetries, error) ||
        !readInteger(options, "request_timeout_ms", settings.requestTimeoutMs, error)) {
        return false;
    }
    if (settings.endpoint.empty()) {
        settings.endpoint = "https://kinesis." + settings.region + ".amazonaws.com";
    }
    while (!settings.endpoint.empty() && settings.endpoint.back() == '/') {
        settings.endpoint.pop_back();
    }
    settings.shardCount = std::max<int64_t>(settings.shardCount, 1);
    return readKinesisCredentials(options, settings, error);
}

bool readKinesisCredentials(const OptionNode& options, KinesisSettings& settings,
                            std::string& error) {
    const auto id = sinkOption(options, "aws_access_key_id", error);
    const auto secret =
        error.empty() ? sinkOption(options, "aws_secret_access_key", error) : std::nullopt;
    const auto token =
        error.empty() ? sinkOption(options, "aws_session_token", error) : std::nullopt;
    if (!error.empty()) {
        return false;
    }
    if (id && secret) {
        settings.credentials = {*id, *secret, token.value_or("")};
        settings.credentialSource = "sink_config";
        return true;
    }
    if (!environment("AWS_ACCESS_KEY_ID").empty()) {
        settings.credentials = {environment("AWS_ACCESS_KEY_ID"),
                                environment("AWS_SECRET_ACCESS_KEY"),
                                environment("AWS_SESSION_TOKEN")};
        settings.credentialSource = "AWS_ACCESS_KEY_ID";
        return true;
    }
    std::string profile = sinkOption(options, "profile", error).value_or("");
    profile = !profile.empty() ? profile : environment("AWS_PROFILE");
    profile = !profile.empty() ? profile : "default";
    std::string file = environment("AWS_SHARED_CREDENTIALS_FILE");
    file = !file.empty() ? file : environment("HOME") + "/.aws/credentials";
    if (readProfile(file, profile, settings.credentials)) {
        settings.credentialSource = "profile `" + profile + "` of " + file;
        return true;
    }
    error = "kinesis stream `" + settings.streamName +
            "`: no AWS credentials; set sink_config.aws_access_key_id and "
            "aws_secret_access_key (as references), AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
            "or a profile in " +
            file;
    return false;
}

} // namespace streamgen
