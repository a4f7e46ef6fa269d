#include "kinesis_client.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <curl/curl.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace streamgen {

struct KinesisClient::Transfer {
    CURL* handle = nullptr;
    curl_slist* headers = nullptr;
    std::string body;
    Response response;
    char error[CURL_ERROR_SIZE] = {};
    bool closes = false; ///< the server said `Connection: close`
};

namespace {

/// Notes a `Connection: close` header: that connection is not kept for the next request.
std::size_t header(char* data, std::size_t size, std::size_t count, void* target) {
    std::string line(data, size * count);
    std::transform(line.begin(), line.end(), line.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (line.rfind("connection:", 0) == 0 && line.find("close") != std::string::npos) {
        *static_cast<bool*>(target) = true;
    }
    return size * count;
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

/// `host[:port]` of an endpoint URL, as the Host header and the signature have it.
std::string hostOf(const std::string& endpoint) {
    std::string host = endpoint;
    if (const auto scheme = host.find("://"); scheme != std::string::npos) {
        host.erase(0, scheme + 3);
    }
    return host.substr(0, host.find('/'));
}

long long nowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

std::string KinesisClient::Response::errorType() const {
    if (status < 400) {
        return {};
    }
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object() || !json.contains("__type") || !json["__type"].is_string()) {
        return "HTTP " + std::to_string(status);
    }
    const std::string type = json["__type"].get<std::string>();
    return type.substr(type.rfind('#') + 1);
}

KinesisClient::KinesisClient(const KinesisSettings& settings)
    : m_settings(settings), m_signer(settings.region, "kinesis"), m_host(hostOf(settings.endpoint)),
      m_multi(curl_multi_init()) {}

KinesisClient::~KinesisClient() {
    for (void* handle : m_handles) {
        curl_easy_cleanup(static_cast<CURL*>(handle));
    }
    curl_multi_cleanup(static_cast<CURLM*>(m_multi));
}

void KinesisClient::prepare(Transfer& transfer, const std::string& action,
                            const std::string& body) {
    const std::string date = aws::amzDate(nowSeconds());
    const std::string target = "Kinesis_20131202." + action;
    aws::SignedRequest request;
    request.headers = {{"host", m_host},
                       {"content-type", "application/x-amz-json-1.1"},
                       {"x-amz-date", date},
                       {"x-amz-target", target}};
    if (!m_settings.credentials.sessionToken.empty()) {
        request.headers.emplace_back("x-amz-security-token", m_settings.credentials.sessionToken);
    }
    request.body = body;
    const std::string authorization = m_signer.authorization(m_settings.credentials, request, date);
    for (const auto& [name, value] : request.headers) {
        if (name != "host") {
            transfer.headers = curl_slist_append(transfer.headers, (name + ": " + value).c_str());
        }
    }
    transfer.headers =
        curl_slist_append(transfer.headers, ("authorization: " + authorization).c_str());
    transfer.headers = curl_slist_append(transfer.headers, "expect:");
    CURL* handle = transfer.handle;
    curl_easy_setopt(handle, CURLOPT_URL, (m_settings.endpoint + "/").c_str());
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, transfer.headers);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer.response.body);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, header);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer.closes);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, transfer.error);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(m_settings.requestTimeoutMs));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
}

KinesisClient::Response KinesisClient::call(const std::string& action, const std::string& body) {
    return std::move(callAll(action, {body}).front());
}

std::vector<KinesisClient::Response>
KinesisClient::callAll(const std::string& action, const std::vector<std::string>& bodies) {
    while (m_handles.size() < bodies.size()) {
        m_handles.push_back(curl_easy_init());
    }
    std::vector<Transfer> transfers(bodies.size());
    auto* multi = static_cast<CURLM*>(m_multi);
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        transfers[i].handle = static_cast<CURL*>(m_handles[i]);
        prepare(transfers[i], action, bodies[i]);
        curl_multi_add_handle(multi, transfers[i].handle);
    }
    int running = 0;
    do {
        curl_multi_perform(multi, &running);
        if (running > 0) {
            curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
        }
    } while (running > 0);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
        if (message->msg != CURLMSG_DONE) {
            continue;
        }
        for (Transfer& transfer : transfers) {
            if (transfer.handle == message->easy_handle && message->data.result != CURLE_OK) {
                transfer.response.transport = transfer.error[0] != '\0'
                                                  ? transfer.error
                                                  : curl_easy_strerror(message->data.result);
            }
        }
    }
    std::vector<Response> responses;
    std::size_t answered = 0;
    for (Transfer& transfer : transfers) {
        if (transfer.response.transport.empty()) {
            curl_easy_getinfo(transfer.handle, CURLINFO_RESPONSE_CODE, &transfer.response.status);
            answered += transfer.closes ? 0 : 1;
        }
        long connects = 0;
        curl_easy_getinfo(transfer.handle, CURLINFO_NUM_CONNECTS, &connects);
        transfer.response.mayBeResent = connects > 0;
        curl_multi_remove_handle(multi, transfer.handle);
        curl_slist_free_all(transfer.headers);
        responses.push_back(std::move(transfer.response));
    }
    // A request on a new connection while kept ones were open may be libcurl's own resend
    // after one of them closed unanswered: counted as such, erring on the safe side.
    if (m_keptConnections == 0) {
        for (Response& response : responses) {
            response.mayBeResent = false;
        }
    }
    m_keptConnections = answered;
    return responses;
}

} // namespace streamgen
