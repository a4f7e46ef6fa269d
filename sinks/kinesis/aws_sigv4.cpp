#include "aws_sigv4.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace streamgen::aws {

namespace {

std::string hex(const unsigned char* data, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(size * 2, '0');
    for (std::size_t i = 0; i < size; ++i) {
        out[2 * i] = kDigits[data[i] >> 4];
        out[2 * i + 1] = kDigits[data[i] & 0xF];
    }
    return out;
}

std::string hmac(std::string_view key, std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length);
    return {reinterpret_cast<const char*>(digest), length};
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// Header values are trimmed and inner runs of spaces become one.
std::string trimmed(std::string_view value) {
    std::string out;
    bool space = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out.push_back(' ');
            space = false;
        }
        out.push_back(c);
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> canonicalHeaders(const SignedRequest& request) {
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& [name, value] : request.headers) {
        headers.emplace_back(lower(name), trimmed(value));
    }
    std::sort(headers.begin(), headers.end());
    return headers;
}

std::string signedHeaderNames(const std::vector<std::pair<std::string, std::string>>& headers) {
    std::string names;
    for (const auto& header : headers) {
        names += (names.empty() ? "" : ";") + header.first;
    }
    return names;
}

std::string dateOf(std::string_view amzDate) {
    return std::string(amzDate.substr(0, 8));
}

} // namespace

std::string sha256Hex(std::string_view data) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
    return hex(digest, sizeof digest);
}

std::string amzDate(long long epochSeconds) {
    const std::time_t time = static_cast<std::time_t>(epochSeconds);
    std::tm utc{};
    gmtime_r(&time, &utc);
    char text[20];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

std::string uriEncode(std::string_view text) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kDigits[byte >> 4]);
            out.push_back(kDigits[byte & 0xF]);
        }
    }
    return out;
}

std::string SigV4::canonicalRequest(const SignedRequest& request) const {
    std::vector<std::pair<std::string, std::string>> query;
    for (const auto& [name, value] : request.query) {
        query.emplace_back(uriEncode(name), uriEncode(value));
    }
    std::sort(query.begin(), query.end());
    std::string queryText;
    for (const auto& [name, value] : query) {
        queryText += (queryText.empty() ? "" : "&") + name + "=" + value;
    }
    const auto headers = canonicalHeaders(request);
    std::string headerText;
    for (const auto& [name, value] : headers) {
        headerText += name + ":" + value + "\n";
    }
    return request.method + "\n" + request.path + "\n" + queryText + "\n" + headerText + "\n" +
           signedHeaderNames(headers) + "\n" + sha256Hex(request.body);
}

std::string SigV4::stringToSign(const SignedRequest& request, std::string_view amzDate) const {
    return "AWS4-HMAC-SHA256\n" + std::string(amzDate) + "\n" + dateOf(amzDate) + "/" + m_region +
           "/" + m_service + "/aws4_request\n" + sha256Hex(canonicalRequest(request));
}

std::string SigV4::authorization(const Credentials& credentials, const SignedRequest& request,
                                 std::string_view amzDate) const {
    const std::string date = dateOf(amzDate);
    const std::string key =
        hmac(hmac(hmac(hmac("AWS4" + credentials.secretAccessKey, date), m_region), m_service),
             "aws4_request");
    const std::string signature = hmac(key, stringToSign(request, amzDate));
    return "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + "/" + date + "/" + m_region +
           "/" + m_service +
           "/aws4_request, SignedHeaders=" + signedHeaderNames(canonicalHeaders(request)) +
           ", Signature=" +
           hex(reinterpret_cast<const unsigned char*>(signature.data()), signature.size());
}

} // namespace streamgen::aws
