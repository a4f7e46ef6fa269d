#include "kinesis_sink.h"

#include "engine/encoders/text_values.h"
#include "engine/hash.h"
#include "engine/json_writer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <thread>

namespace streamgen {

namespace {

constexpr std::size_t kMostRecords = 500;           // PutRecords' limit per request
constexpr std::size_t kMostRequestBytes = 5u << 20; // data and keys of one request
constexpr std::size_t kMostRecordBytes = 1u << 20;  // data and key of one record
constexpr std::size_t kMostKeyLength = 256;
constexpr int kMostThrottledRounds = 60;

const char* const kFatalErrors[] = {
    "ResourceNotFoundException",  "AccessDeniedException",    "UnrecognizedClientException",
    "InvalidSignatureException",  "IncompleteSignature",      "ExpiredTokenException",
    "MissingAuthenticationToken", "ValidationException",      "InvalidArgumentException",
    "SerializationException",     "KMSAccessDeniedException", "KMSDisabledException",
    "KMSNotFoundException",       "KMSInvalidStateException", "ResourceInUseException",
};

bool isFatal(const std::string& type) {
    return std::find(std::begin(kFatalErrors), std::end(kFatalErrors), type) !=
           std::end(kFatalErrors);
}

bool isThrottle(const std::string& type) {
    return type == "ProvisionedThroughputExceededException" || type == "LimitExceededException" ||
           type == "ThrottlingException";
}

void appendBase64(std::string& out, std::string_view data) {
    const std::size_t start = out.size();
    out.resize(start + 4 * ((data.size() + 2) / 3) + 1);
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + start),
                                        reinterpret_cast<const unsigned char*>(data.data()),
                                        static_cast<int>(data.size()));
    out.resize(start + static_cast<std::size_t>(written));
}

/// No key field (or a null key): a key drawn from the event number spreads records over the
/// shards and stays the same on every retry.
std::string_view drawnKey(uint64_t sequence, char (&out)[16]) {
    const uint64_t bits = hash::mix(sequence + hash::kGolden);
    for (int d = 0; d < 16; ++d) {
        out[d] = "0123456789abcdef"[(bits >> (4 * d)) & 0xF];
    }
    return {out, sizeof out};
}

/// Waits before retry round `round` (1, 2, ...): 100 ms doubling up to 5 s, times a random
/// factor in [0.5, 1) so that workers do not retry in step.
void backoff(int round, uint64_t seed) {
    const double base =
        std::min(5000.0, 100.0 * static_cast<double>(1ULL << std::min(round - 1, 10)));
    const double jitter = 0.5 + 0.5 * hash::unit(hash::mix(seed + static_cast<uint64_t>(round)));
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int64_t>(base * jitter)));
}

} // namespace

struct KinesisSink::Pending {
    uint32_t index = 0; ///< the event's place in the batch
    int attempts = 0;   ///< failures other than throttling so far
    int throttled = 0;
};

KinesisSink::KinesisSink(KinesisSettings settings) : m_settings(std::move(settings)) {}
KinesisSink::~KinesisSink() = default;

std::string KinesisSink::describe() const {
    return "kinesis:" + m_settings.streamName;
}

std::string KinesisSink::where() const {
    return "kinesis stream `" + m_settings.streamName + "` at " + m_settings.endpoint;
}

KinesisSink::ConnectionCheck KinesisSink::checkConnection(const KinesisSettings& settings) {
    KinesisClient client(settings);
    const std::string where =
        "kinesis stream `" + settings.streamName + "` at " + settings.endpoint;
    const std::string name = nlohmann::json{{"StreamName", settings.streamName}}.dump();
    KinesisClient::Response response = client.call("DescribeStreamSummary", name);
    if (response.status == 0) {
        return {false, where + ": cannot reach the endpoint: " + response.transport};
    }
    const std::string error = response.errorType();
    if (error == "ResourceNotFoundException" && settings.createStream) {
        const std::string create = nlohmann::json{
            {"StreamName", settings.streamName},
            {"ShardCount",
             settings.shardCount}}.dump();
        response = client.call("CreateStream", create);
        if (!response.errorType().empty()) {
            return {false, where + ": cannot create the stream: " + response.errorType()};
        }
        for (int i = 0; i < 600; ++i) {
            response = client.call("DescribeStreamSummary", name);
            const auto json = nlohmann::json::parse(response.body, nullptr, false);
            if (json.is_object() &&
                json.value("/StreamDescriptionSummary/StreamStatus"_json_pointer, "") == "ACTIVE") {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    } else if (error == "ResourceNotFoundException") {
        return {false, where + " does not exist (region " + settings.region +
                           "); create it, or set create_stream: true"};
    } else if (!error.empty()) {
        return {false,
                where + ": " + error + " (credentials from " + settings.credentialSource + ")"};
    }
    const auto json = nlohmann::json::parse(response.body, nullptr, false);
    const int64_t shards =
        json.is_object() ? json.value("/StreamDescriptionSummary/OpenShardCount"_json_pointer, 0)
                         : 0;
    return {true, where + ": " + std::to_string(shards) + " open shard" + (shards == 1 ? "" : "s"),
            shards};
}

int64_t KinesisSink::plannedShards(double rate, double averageBytes) {
    const double byRecords = std::ceil(rate / 1000.0);
    const double byBytes = std::ceil(rate * averageBytes / static_cast<double>(1u << 20));
    return std::max<int64_t>(1, static_cast<int64_t>(std::max(byRecords, byBytes)));
}

namespace {

/// The mean size of the plan's first 1,000 events, as a run renders them.
double averageEventBytes(const Plan& plan) {
    constexpr std::size_t kSample = 1000;
    EventBatch batch;
    std::vector<uint64_t> counts(plan.typeCount());
    std::vector<uint64_t> bytes(plan.typeCount());
    plan.renderBatch(plan.typeSelector(plan.initialWeights()), 0, 1, kSample, batch, counts.data(),
                     bytes.data(), false);
    uint64_t total = 0;
    for (const uint64_t b : bytes) {
        total += b;
    }
    return static_cast<double>(total) / static_cast<double>(kSample);
}

} // namespace

void KinesisSink::open(const SinkContext& context) {
    m_listener = context.listener;
    int64_t planned = 0;
    double averageBytes = 0.0;
    if (m_settings.autoShards && context.plan != nullptr && context.rate > 0.0) {
        averageBytes = averageEventBytes(*context.plan);
        planned = plannedShards(context.rate, averageBytes);
        m_settings.shardCount = planned; // for a stream created now
    }
    const ConnectionCheck check = checkConnection(m_settings);
    if (!check.ok) {
        throw SinkError(check.message);
    }
    if (planned > 0 && m_listener != nullptr) {
        char size[32];
        std::snprintf(size, sizeof size, "%.0f", averageBytes);
        m_listener->warning(
            where() + ": shard plan: " + std::to_string(static_cast<int64_t>(context.rate)) +
            " events/s of ~" + size + " bytes need " + std::to_string(planned) +
            " shard(s) at 1,000 records/s and 1 MiB/s each; the stream has " +
            std::to_string(check.openShards) +
            (planned > check.openShards ? ": expect throttling, which slows the run" : ""));
    }
    for (int i = 0; i < context.workers; ++i) {
        m_clients.push_back(std::make_unique<KinesisClient>(m_settings));
    }
}

void KinesisSink::write(int worker, const EventBatch& batch) {
    std::vector<Pending> pending;
    pending.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const std::size_t key = m_settings.keyField.empty() ? 16 : batch.key(i).size();
        if (batch.payload(i).size() + key > kMostRecordBytes) {
            if (m_tooLarge.fetch_add(1) == 0 && m_listener != nullptr) {
                m_listener->warning(where() + ": a record over 1 MiB cannot be put; such records "
                                              "are counted failed");
            }
            if (m_listener != nullptr) {
                m_listener->failed(batch.typeIndex(i), 1);
            }
            continue;
        }
        pending.push_back({static_cast<uint32_t>(i)});
    }
    putAll(*m_clients.at(static_cast<std::size_t>(worker)), batch, pending);
}

void KinesisSink::putAll(KinesisClient& client, const EventBatch& batch,
                         std::vector<Pending>& pending) {
    std::vector<std::string> bodies;
    std::vector<std::pair<std::size_t, std::size_t>> ranges; ///< pending [first, last) per body
    std::vector<Pending> next;
    std::string stream;
    json::appendQuoted(stream, m_settings.streamName);
    for (int round = 0; !pending.empty(); ++round) {
        if (round > 0) {
            backoff(round, batch.sequence(0) ^ static_cast<uint64_t>(round));
        }
        bodies.clear();
        ranges.clear();
        std::size_t bytes = kMostRequestBytes;
        for (std::size_t p = 0; p < pending.size(); ++p) {
            const uint32_t i = pending[p].index;
            const std::string_view payload = batch.payload(i);
            std::string_view key = m_settings.keyField.empty() ? std::string_view() : batch.key(i);
            char drawn[16];
            if (key.empty()) {
                key = drawnKey(batch.sequence(i), drawn);
            }
            key = key.substr(0, kMostKeyLength);
            const std::size_t size = payload.size() + key.size();
            if (bytes + size > kMostRequestBytes ||
                p - (ranges.empty() ? 0 : ranges.back().first) >= kMostRecords) {
                if (!bodies.empty()) {
                    bodies.back() += "]}";
                    ranges.back().second = p;
                }
                bodies.emplace_back("{\"StreamName\":" + stream + ",\"Records\":[");
                ranges.emplace_back(p, p);
                bytes = 0;
            } else {
                bodies.back().push_back(',');
            }
            bytes += size;
            std::string& body = bodies.back();
            body += "{\"Data\":\"";
            appendBase64(body, payload);
            body += "\",\"PartitionKey\":";
            json::appendQuoted(body, key);
            body.push_back('}');
        }
        bodies.back() += "]}";
        ranges.back().second = pending.size();

        const std::vector<KinesisClient::Response> responses = client.callAll("PutRecords", bodies);
        next.clear();
        std::vector<std::pair<uint64_t, uint64_t>> delivered; ///< events and bytes by type
        const auto countDelivered = [&](uint32_t index) {
            const uint32_t type = batch.typeIndex(index);
            if (type >= delivered.size()) {
                delivered.resize(type + 1);
            }
            ++delivered[type].first;
            delivered[type].second += batch.payload(index).size();
        };
        const auto retry = [&](Pending entry, bool throttled) {
            if (throttled ? ++entry.throttled > kMostThrottledRounds
                          : ++entry.attempts > m_settings.maxRetries) {
                m_listener->failed(batch.typeIndex(entry.index), 1);
            } else {
                next.push_back(entry);
            }
        };
        std::string fatal;
        for (std::size_t r = 0; r < responses.size(); ++r) {
            const KinesisClient::Response& response = responses[r];
            const auto [first, last] = ranges[r];
            const std::string error = response.errorType();
            if (response.mayBeResent) {
                m_possibleDuplicates += last - first;
            }
            if (response.status == 200) {
                const auto json = nlohmann::json::parse(response.body, nullptr, false);
                const auto records = json.is_object() ? json.find("Records") : json.end();
                if (records == json.end() || !records->is_array() ||
                    records->size() != last - first) {
                    // An answer that cannot be read: the records' fate is unknown.
                    m_possibleDuplicates += last - first;
                    for (std::size_t p = first; p < last; ++p) {
                        retry(pending[p], false);
                    }
                    continue;
                }
                for (std::size_t p = first; p < last; ++p) {
                    const auto& entry = (*records)[p - first];
                    if (entry.contains("SequenceNumber")) {
                        countDelivered(pending[p].index);
                    } else {
                        retry(pending[p], isThrottle(entry.value("ErrorCode", "")));
                    }
                }
            } else if (isFatal(error)) {
                fatal = where() + ": " + error + " (credentials from " +
                        m_settings.credentialSource + ")";
                for (std::size_t p = first; p < last; ++p) {
                    m_listener->failed(batch.typeIndex(pending[p].index), 1);
                }
            } else {
                // No answer, a server error or throttling of the whole request: all again.
                if (response.status == 0 || response.status >= 500) {
                    m_possibleDuplicates += last - first;
                }
                for (std::size_t p = first; p < last; ++p) {
                    retry(pending[p], isThrottle(error));
                }
            }
        }
        for (uint32_t type = 0; type < delivered.size(); ++type) {
            if (delivered[type].first != 0) {
                m_listener->delivered(type, delivered[type].first, delivered[type].second);
            }
        }
        if (!fatal.empty()) {
            for (const Pending& entry : next) {
                m_listener->failed(batch.typeIndex(entry.index), 1);
            }
            m_listener->fatal(fatal);
            throw SinkError(fatal);
        }
        pending.swap(next);
    }
}

std::vector<double> KinesisSink::shardShares(const Plan& plan, const std::string& keyField,
                                             int shards, std::size_t events) {
    std::vector<double> shares(static_cast<std::size_t>(std::max(shards, 1)), 0.0);
    const TypeSelector types = plan.typeSelector(plan.initialWeights());
    if (types.empty() || events == 0) {
        return shares;
    }
    std::string text;
    for (uint64_t k = 0; k < events; ++k) {
        const uint32_t type = types.pick(k);
        text.clear();
        const std::vector<std::string>& names = plan.fieldNames(type);
        const auto field = std::find(names.begin(), names.end(), keyField);
        if (field != names.end()) {
            text::appendPlain(
                text, plan.values(k, type)[static_cast<std::size_t>(field - names.begin())]);
        }
        char drawn[16];
        const std::string_view key = text.empty() ? drawnKey(k, drawn) : std::string_view(text);
        unsigned char digest[MD5_DIGEST_LENGTH];
        EVP_Digest(key.data(), key.size(), digest, nullptr, EVP_md5(), nullptr);
        uint64_t top = 0;
        for (int b = 0; b < 8; ++b) {
            top = (top << 8) | digest[b];
        }
        shares[hash::below(top, shares.size())] += 1.0;
    }
    for (double& share : shares) {
        share /= static_cast<double>(events);
    }
    return shares;
}

FlushResult KinesisSink::close(std::chrono::milliseconds) {
    FlushResult result;
    if (const uint64_t duplicates = m_possibleDuplicates.load();
        duplicates > 0 && m_listener != nullptr) {
        m_listener->warning(where() + ": " + std::to_string(duplicates) +
                            " records went out again after a request whose outcome is unknown "
                            "(no answer, or a connection reopened under it); Kinesis may hold "
                            "some of them twice");
    }
    m_clients.clear();
    return result;
}

} // namespace streamgen
