#include "schema_registry.h"

#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

namespace streamgen {

namespace {

size_t collect(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

/// Subjects may hold any character; in a URL path they are percent-encoded.
std::string escapePath(CURL* curl, const std::string& text) {
    char* escaped = curl_easy_escape(curl, text.c_str(), static_cast<int>(text.size()));
    std::string out = escaped != nullptr ? escaped : text;
    curl_free(escaped);
    return out;
}

/// The registry's own words for a refusal: Confluent answers `{"error_code", "message"}`.
std::string refusalText(long status, const std::string& body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_object() && json.contains("message") && json["message"].is_string()) {
        return "HTTP " + std::to_string(status) + ": " + json["message"].get<std::string>();
    }
    return "HTTP " + std::to_string(status) + (body.empty() ? "" : ": " + body.substr(0, 200));
}

} // namespace

std::string SchemaRegistrySettings::subjectFor(const std::string& topic,
                                               const std::string& recordName) const {
    if (subjectStrategy == "record") {
        return recordName;
    }
    if (subjectStrategy == "topic_record") {
        return topic + "-" + recordName;
    }
    return topic + "-value";
}

SchemaRegistration registerSchema(const SchemaRegistrySettings& registry,
                                  const std::string& subject, const std::string& schema,
                                  const std::string& schemaType, long timeoutMs) {
    static std::once_flag globalInit;
    std::call_once(globalInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    SchemaRegistration result;
    const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                                   &curl_easy_cleanup);
    if (!curl) {
        result.error = "schema registry: cannot start an HTTP client";
        return result;
    }
    std::string base = registry.url;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    const std::string url = base + "/subjects/" + escapePath(curl.get(), subject) + "/versions";
    nlohmann::json request = {{"schema", schema}};
    if (schemaType != "AVRO") {
        request["schemaType"] = schemaType;
    }
    const std::string body = request.dump();
    std::string response;
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/vnd.schemaregistry.v1+json");
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, timeoutMs);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    if (!registry.username.empty()) {
        curl_easy_setopt(curl.get(), CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(curl.get(), CURLOPT_USERNAME, registry.username.c_str());
        curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, registry.password.c_str());
    }
    const CURLcode code = curl_easy_perform(curl.get());
    curl_slist_free_all(headers);
    const std::string where = "schema registry " + base + ", subject `" + subject + "`: ";
    if (code != CURLE_OK) {
        result.error = where + curl_easy_strerror(code);
        return result;
    }
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300) {
        result.error = where + "the schema was refused (" + refusalText(status, response) + ")";
        return result;
    }
    const auto json = nlohmann::json::parse(response, nullptr, false);
    if (!json.is_object() || !json.contains("id") || !json["id"].is_number_integer() ||
        json["id"].get<int64_t>() < 0 || json["id"].get<int64_t>() > INT32_MAX) {
        result.error = where + "the answer has no schema id: " + response.substr(0, 200);
        return result;
    }
    result.id = json["id"].get<int32_t>();
    return result;
}

std::string wireHeader(int32_t schemaId) {
    const auto id = static_cast<uint32_t>(schemaId);
    return {'\0', static_cast<char>(id >> 24), static_cast<char>(id >> 16),
            static_cast<char>(id >> 8), static_cast<char>(id)};
}

} // namespace streamgen
