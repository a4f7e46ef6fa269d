#pragma once

#include "kinesis_settings.h"

#include <string>
#include <vector>

namespace streamgen {

/// Kinesis Data Streams' JSON API over HTTP(S) with libcurl, each request signed with SigV4.
/// One client per worker: it keeps its connections open between requests.
class KinesisClient {
public:
    struct Response {
        long status = 0; ///< HTTP status; 0 when no response came
        std::string body;
        std::string transport; ///< libcurl's message when no response came
        /// libcurl may have sent the request twice: it resends a request by itself once when a
        /// kept-alive connection closes before any answer, and the server may have acted on
        /// the first. Seen as a new connection while kept ones were open.
        bool mayBeResent = false;
        /// The error's `__type` without its namespace ("ResourceNotFoundException"), or "".
        std::string errorType() const;
    };

    explicit KinesisClient(const KinesisSettings& settings);
    ~KinesisClient();
    KinesisClient(const KinesisClient&) = delete;
    KinesisClient& operator=(const KinesisClient&) = delete;

    /// Calls `action` ("DescribeStreamSummary") with a JSON `body`.
    Response call(const std::string& action, const std::string& body);
    /// Calls `action` with each of `bodies`, all in flight at once; one response per body.
    std::vector<Response> callAll(const std::string& action,
                                  const std::vector<std::string>& bodies);

private:
    struct Transfer;
    void prepare(Transfer& transfer, const std::string& action, const std::string& body);

    const KinesisSettings& m_settings;
    aws::SigV4 m_signer;
    std::string m_host;
    std::vector<void*> m_handles;      ///< reusable CURL easy handles, one per request in flight
    std::size_t m_keptConnections = 0; ///< connections the last requests left open
    void* m_multi = nullptr;
};

} // namespace streamgen
