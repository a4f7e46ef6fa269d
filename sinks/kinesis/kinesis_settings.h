#pragma once

#include "aws_sigv4.h"
#include "model/config.h"

#include <cstdint>
#include <string>

namespace streamgen {

/// The `kinesis` sink's options as the sink uses them, credentials resolved.
struct KinesisSettings {
    std::string streamName;
    std::string region = "us-east-1";
    std::string endpoint; ///< `endpoint_url`, else https://kinesis.<region>.amazonaws.com
    std::string keyField; ///< `partition_key_field`; "" = a key drawn from the event number
    bool createStream = false;
    bool autoShards = false; ///< `auto_shard_calculation`: plan the shards from rate and size
    int64_t shardCount = 1;  ///< for a stream the sink creates
    int64_t maxRetries = 8;  ///< attempts after the first, for errors other than throttling
    int64_t requestTimeoutMs = 30000;
    aws::Credentials credentials;
    std::string credentialSource; ///< where they came from, for messages (never the values)
};

/// Reads the sink section; false with `error` set when an option or the credentials are
/// unusable. Credentials come from `aws_access_key_id` / `aws_secret_access_key` (references),
/// else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, else the `profile` (or AWS_PROFILE, or
/// "default") of the shared credentials file (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials).
bool readKinesisSettings(const SinkConfig& config, KinesisSettings& settings, std::string& error);

/// The credentials part of readKinesisSettings, which the preflight runs too: a run must not
/// start to find none. `settings.streamName` names the stream in the message.
bool readKinesisCredentials(const OptionNode& options, KinesisSettings& settings,
                            std::string& error);

} // namespace streamgen
