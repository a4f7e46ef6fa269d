#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace streamgen::aws {

/// Credentials of one AWS identity; `sessionToken` is set for temporary credentials.
struct Credentials {
    std::string accessKeyId;
    std::string secretAccessKey;
    std::string sessionToken;
};

/// One HTTP request to sign. `path` is already URI-encoded as it goes on the wire; `query` holds
/// the decoded parameters; `headers` must include `host` and `x-amz-date`.
struct SignedRequest {
    std::string method = "POST";
    std::string path = "/";
    std::vector<std::pair<std::string, std::string>> query;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string_view body;
};

/// AWS Signature Version 4, written on OpenSSL's SHA-256 and HMAC: Debian 12 packages no AWS SDK
/// for C++, and the algorithm is a few hashes over a canonical form of the request. Follows
/// AWS's "Create a signed AWS API request" and matches its published test suite.
class SigV4 {
public:
    SigV4(std::string region, std::string service)
        : m_region(std::move(region)), m_service(std::move(service)) {}

    /// The `Authorization` header value for `request` at `amzDate` ("20150830T123600Z").
    std::string authorization(const Credentials& credentials, const SignedRequest& request,
                              std::string_view amzDate) const;
    /// The canonical request and the string to sign, for tests and diagnostics.
    std::string canonicalRequest(const SignedRequest& request) const;
    std::string stringToSign(const SignedRequest& request, std::string_view amzDate) const;

private:
    std::string m_region;
    std::string m_service;
};

/// Lower-case hex of SHA-256 of `data`.
std::string sha256Hex(std::string_view data);
/// `x-amz-date` for a time in seconds since the epoch: "YYYYMMDDTHHMMSSZ".
std::string amzDate(long long epochSeconds);
/// RFC 3986 percent-encoding as SigV4 wants it (unreserved characters kept).
std::string uriEncode(std::string_view text);

} // namespace streamgen::aws
