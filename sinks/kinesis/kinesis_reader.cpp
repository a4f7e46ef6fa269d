#include "kinesis_reader.h"

#include "kinesis_client.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace streamgen {

namespace {

using Json = nlohmann::json;

/// GetRecords' largest page.
constexpr int kRecordsPerCall = 10000;
/// Throttled answers in a row before a call gives up: GetRecords allows 5 calls a second per
/// shard, so a busy stream throttles often, but not for minutes.
constexpr int kMostThrottledRounds = 60;

bool isThrottle(const std::string& type) {
    return type == "ProvisionedThroughputExceededException" || type == "LimitExceededException" ||
           type == "ThrottlingException";
}

/// Waits before retry `round` (1, 2, ...): 100 ms doubling up to 5 s. One reader calls one shard
/// at a time, so there is nobody to fall out of step with and no jitter.
void backoff(int round) {
    const int64_t ms = std::min<int64_t>(5000, int64_t{100} << std::min(round - 1, 6));
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

/// The message of an error answer, for the user ("Stream x under account y not found.").
std::string errorMessage(const KinesisClient::Response& response) {
    const Json json = Json::parse(response.body, nullptr, false);
    for (const char* name : {"message", "Message"}) {
        if (json.is_object() && json.contains(name) && json[name].is_string()) {
            return json[name].get<std::string>();
        }
    }
    return {};
}

/// `shardId-000000000003` is 3; a shard id without a number keeps its place in the listing.
int32_t shardNumber(const std::string& shardId, std::size_t position) {
    const auto dash = shardId.rfind('-');
    const char* begin = shardId.data() + (dash == std::string::npos ? 0 : dash + 1);
    const char* end = shardId.data() + shardId.size();
    int32_t number = 0;
    const auto [stop, problem] = std::from_chars(begin, end, number);
    if (problem != std::errc() || stop != end || begin == end) {
        return static_cast<int32_t>(position);
    }
    return number;
}

/// Base64 `text` into `out`; false when it is not base64.
bool decodeBase64(const std::string& text, std::string& out) {
    out.resize(3 * (text.size() / 4) + 3);
    const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(text.data()),
                                        static_cast<int>(text.size()));
    if (written < 0) {
        return false;
    }
    // EVP_DecodeBlock counts the bytes the padding stands for too.
    std::size_t size = static_cast<std::size_t>(written);
    for (auto it = text.rbegin(); it != text.rend() && *it == '=' && size > 0; ++it) {
        --size;
    }
    out.resize(size);
    return true;
}

/// Kinesis calls of one read, on one client, retried as the answers allow, failing with
/// messages that name stream and endpoint.
class Calls {
public:
    explicit Calls(const KinesisSettings& settings)
        : m_settings(settings), m_client(settings),
          m_where("kinesis stream `" + settings.streamName + "` at " + settings.endpoint) {}

    /// The answer to `action`, waiting out throttling and resending after transport and server
    /// errors (up to `max_retries` times; not on the first call, where they mean the endpoint
    /// is wrong). Null when the error is `tolerated`; throws on any other.
    std::optional<Json> call(const std::string& action, const Json& body,
                             const std::string& tolerated = {}) {
        const std::string text = body.dump();
        int throttled = 0;
        int failed = 0;
        for (;;) {
            const KinesisClient::Response response = m_client.call(action, text);
            if (response.status == 0 || response.status >= 500) {
                const std::string cause = response.status == 0
                                              ? "cannot reach the endpoint: " + response.transport
                                              : response.errorType() + " " + errorMessage(response);
                if (!m_answered || failed >= m_settings.maxRetries) {
                    throw std::runtime_error(m_where + ": " + action + ": " + cause);
                }
                backoff(++failed);
                continue;
            }
            m_answered = true;
            const std::string error = response.errorType();
            if (error.empty()) {
                Json json = Json::parse(response.body, nullptr, false);
                if (!json.is_object()) {
                    throw std::runtime_error(m_where + ": " + action + ": the answer is not JSON");
                }
                return json;
            }
            if (!tolerated.empty() && error == tolerated) {
                return std::nullopt;
            }
            if (isThrottle(error) && throttled < kMostThrottledRounds) {
                backoff(++throttled);
                continue;
            }
            if (error == "ResourceNotFoundException") {
                throw std::runtime_error(m_where + " does not exist (region " + m_settings.region +
                                         "): " + errorMessage(response));
            }
            throw std::runtime_error(m_where + ": " + action + ": " + error + " " +
                                     errorMessage(response) + " (credentials from " +
                                     m_settings.credentialSource + ")");
        }
    }

private:
    const KinesisSettings& m_settings;
    KinesisClient m_client;
    std::string m_where;
    bool m_answered = false; ///< the endpoint answered once: later transport errors are transient
};

/// Every shard id of the stream, in the order ListShards gives them (parents before children).
std::vector<std::string> listShards(Calls& calls, const std::string& stream) {
    std::vector<std::string> shards;
    Json body = {{"StreamName", stream}};
    for (;;) {
        const Json page = *calls.call("ListShards", body);
        if (const auto list = page.find("Shards"); list != page.end() && list->is_array()) {
            for (const Json& shard : *list) {
                shards.push_back(shard.value("ShardId", ""));
            }
        }
        const auto next = page.find("NextToken");
        if (next == page.end() || !next->is_string()) {
            return shards;
        }
        // A page after the first names the listing by its token only.
        body = {{"NextToken", next->get<std::string>()}};
    }
}

std::string shardIterator(Calls& calls, const std::string& stream, const std::string& shardId,
                          const std::string& afterSequence) {
    Json body = {{"StreamName", stream}, {"ShardId", shardId}};
    if (afterSequence.empty()) {
        body["ShardIteratorType"] = "TRIM_HORIZON";
    } else {
        body["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER";
        body["StartingSequenceNumber"] = afterSequence;
    }
    const Json answer = *calls.call("GetShardIterator", body);
    const auto iterator = answer.find("ShardIterator");
    return iterator != answer.end() && iterator->is_string() ? iterator->get<std::string>() : "";
}

} // namespace

KinesisRecordSource::KinesisRecordSource(KinesisSettings settings)
    : m_settings(std::move(settings)) {}

std::string KinesisRecordSource::describe() const {
    return "kinesis:" + m_settings.streamName + "@" + m_settings.endpoint;
}

void KinesisRecordSource::read(const std::function<void(const ReceivedRecord&)>& each) {
    Calls calls(m_settings);
    const std::string& stream = m_settings.streamName;
    const std::vector<std::string> shards = listShards(calls, stream);
    std::string payload;
    std::string origin;
    for (std::size_t position = 0; position < shards.size(); ++position) {
        const std::string& shardId = shards[position];
        const int32_t partition = shardNumber(shardId, position);
        std::string lastSequence;
        std::string iterator = shardIterator(calls, stream, shardId, lastSequence);
        while (!iterator.empty()) {
            const std::optional<Json> page =
                calls.call("GetRecords", {{"ShardIterator", iterator}, {"Limit", kRecordsPerCall}},
                           "ExpiredIteratorException");
            if (!page) {
                // Iterators last 5 minutes: a slow callback may outlive one. Resume after the
                // last record read rather than from the start, which would read records twice.
                iterator = shardIterator(calls, stream, shardId, lastSequence);
                continue;
            }
            const auto records = page->find("Records");
            const bool empty = records == page->end() || !records->is_array() || records->empty();
            if (!empty) {
                for (const Json& entry : *records) {
                    const auto data = entry.find("Data");
                    if (data == entry.end() || !data->is_string() ||
                        !decodeBase64(data->get_ref<const std::string&>(), payload)) {
                        throw std::runtime_error("kinesis stream `" + stream + "` at " +
                                                 m_settings.endpoint + ": a record of " + shardId +
                                                 " has no base64 Data");
                    }
                    lastSequence = entry.value("SequenceNumber", "");
                    origin.assign(shardId).append("@").append(lastSequence);
                    const std::string key = entry.value("PartitionKey", "");
                    ReceivedRecord record;
                    record.payload = payload;
                    record.key = key;
                    record.partition = partition;
                    record.origin = origin;
                    const auto arrived = entry.find("ApproximateArrivalTimestamp");
                    if (arrived != entry.end() && arrived->is_number()) {
                        record.arrivedMs = std::llround(arrived->get<double>() * 1000.0);
                    }
                    each(record);
                }
            }
            const auto next = page->find("NextShardIterator");
            // No next iterator: the shard is closed (resharded) and read to its end.
            iterator = next != page->end() && next->is_string() ? next->get<std::string>() : "";
            const auto behind = page->find("MillisBehindLatest");
            const bool caughtUp =
                behind == page->end() || !behind->is_number() || behind->get<int64_t>() == 0;
            if (empty && caughtUp) {
                break;
            }
        }
    }
}

std::unique_ptr<RecordSource> makeKinesisRecordSource(const SinkConfig& sink, const Plan&,
                                                      std::string& error) {
    KinesisSettings settings;
    if (!readKinesisSettings(sink, settings, error)) {
        return nullptr;
    }
    return std::make_unique<KinesisRecordSource>(std::move(settings));
}

} // namespace streamgen
