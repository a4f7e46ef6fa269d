// The `kinesis` sink: dblstreamgen's only sink, with its keys as they are.
#include "kinesis_reader.h"
#include "kinesis_sink.h"
#include "sinks/sink_check.h"
#include "sinks/sink_descriptors.h"

#include <regex>

namespace streamgen {

namespace {

void checkStreamName(SinkCheck& check) {
    const auto name = check.literal("stream_name");
    static const std::regex valid("[a-zA-Z0-9_.-]{1,128}");
    if (name && !std::regex_match(*name, valid)) {
        check.error("stream_name", "sink_config.stream_name: a Kinesis stream name has 1 to 128 "
                                   "letters, digits, `_`, `.` or `-`; got `" +
                                       *name + "`");
    }
}

void checkEndpoint(SinkCheck& check) {
    const auto url = check.literal("endpoint_url");
    if (url && url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) {
        check.error("endpoint_url",
                    "sink_config.endpoint_url: expected an http:// or https:// URL, got `" + *url +
                        "`");
    }
    const auto region = check.literal("region");
    static const std::regex regionName("[a-z]{2}(-[a-z]+)+-[0-9]+");
    if (region && !std::regex_match(*region, regionName)) {
        check.error("region",
                    "sink_config.region: expected an AWS region such as us-east-1, got `" +
                        *region + "`");
    }
}

/// Without key options the credentials come from the environment or a profile: whether there
/// are any is known now, not only when the run starts. (Key options given as references are
/// resolved by the generic check.)
void checkCredentials(SinkCheck& check) {
    if (check.option("aws_access_key_id") != nullptr &&
        check.option("aws_secret_access_key") != nullptr) {
        return;
    }
    KinesisSettings settings;
    settings.streamName = check.literal("stream_name").value_or("");
    std::string error;
    if (!readKinesisCredentials(check.sink().options, settings, error)) {
        check.error("aws_access_key_id", error);
    }
}

} // namespace

SinkDescriptor kinesisSinkDescriptor() {
    SinkDescriptor sink;
    sink.name = "kinesis";
    sink.description = "Amazon Kinesis Data Streams (PutRecords): one record per event, "
                       "delivered when Kinesis gives it a sequence number";
    sink.options = {
        {"stream_name", OptionType::String, "", true, false, "The data stream to put into", {}},
        {"region", OptionType::String, "us-east-1", false, false, "AWS region of the stream", {}},
        {"endpoint_url",
         OptionType::String,
         "",
         false,
         false,
         "Another endpoint than AWS's (a local emulator, LocalStack): http(s)://host:port",
         {}},
        {"partition_key_field",
         OptionType::String,
         "",
         false,
         false,
         "Field whose value becomes the partition key; absent = a key from the event number",
         {}},
        {"auto_shard_calculation",
         OptionType::Boolean,
         "false",
         false,
         false,
         "Plan the shards from the rate and the events' size; warn when the stream has fewer",
         {}},
        {"shard_count",
         OptionType::Integer,
         "1",
         false,
         false,
         "Shards of a stream the sink creates, without auto_shard_calculation",
         {}},
        {"create_stream",
         OptionType::Boolean,
         "false",
         false,
         false,
         "Create the stream when it does not exist",
         {}},
        {"aws_access_key_id",
         OptionType::String,
         "",
         false,
         true,
         "Access key id; else AWS_ACCESS_KEY_ID or the profile",
         {}},
        {"aws_secret_access_key", OptionType::String, "", false, true, "Secret access key", {}},
        {"aws_session_token",
         OptionType::String,
         "",
         false,
         true,
         "Session token of temporary credentials",
         {}},
        {"profile",
         OptionType::String,
         "",
         false,
         false,
         "Profile of ~/.aws/credentials; else AWS_PROFILE or `default`",
         {}},
        {"max_retries",
         OptionType::Integer,
         "8",
         false,
         false,
         "Resends of a failed record before it counts failed (throttling aside)",
         {}},
        {"request_timeout_ms",
         OptionType::Integer,
         "30000",
         false,
         false,
         "How long one PutRecords request may take",
         {}},
    };
    sink.check = [](SinkCheck& check) {
        checkStreamName(check);
        checkEndpoint(check);
        checkCredentials(check);
        checkKeyField(check, "partition_key_field",
                      "every record gets a partition key drawn from its event number");
    };
    sink.create = [](const SinkConfig& config) {
        SinkCreation result;
        KinesisSettings settings;
        if (readKinesisSettings(config, settings, result.error)) {
            result.sink = std::make_unique<KinesisSink>(std::move(settings));
        }
        return result;
    };
    sink.reader = makeKinesisRecordSource;
    return sink;
}

} // namespace streamgen
