#include "sinks/kinesis/aws_sigv4.h"

#include <gtest/gtest.h>

namespace streamgen::aws {
namespace {

// AWS's Signature Version 4 test suite: its example credentials, date, region and service.
const Credentials kExample{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
constexpr const char* kDate = "20150830T123600Z";

SignedRequest suiteRequest(std::string method, std::string path,
                           std::vector<std::pair<std::string, std::string>> query = {}) {
    SignedRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.query = std::move(query);
    request.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", kDate}};
    return request;
}

std::string signatureOf(const std::string& authorization) {
    return authorization.substr(authorization.rfind('=') + 1);
}

TEST(SigV4, GetVanillaMatchesTheTestSuite) {
    const SigV4 signer("us-east-1", "service");
    const std::string authorization =
        signer.authorization(kExample, suiteRequest("GET", "/"), kDate);
    EXPECT_EQ(authorization,
              "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
              "SignedHeaders=host;x-amz-date, "
              "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4, QueryParametersAreSortedAsTheTestSuiteSays) {
    const SigV4 signer("us-east-1", "service");
    const auto request = suiteRequest("GET", "/", {{"Param2", "value2"}, {"Param1", "value1"}});
    EXPECT_EQ(signatureOf(signer.authorization(kExample, request, kDate)),
              "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4, PostVanillaMatchesTheTestSuite) {
    const SigV4 signer("us-east-1", "service");
    EXPECT_EQ(signatureOf(signer.authorization(kExample, suiteRequest("POST", "/"), kDate)),
              "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST(SigV4, Utf8PathsMatchTheTestSuite) {
    const SigV4 signer("us-east-1", "service");
    EXPECT_EQ(signatureOf(signer.authorization(kExample, suiteRequest("GET", "/%E1%88%B4"), kDate)),
              "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
}

TEST(SigV4, CanonicalRequestHashesTheBodyAndListsSignedHeaders) {
    const SigV4 signer("us-east-1", "kinesis");
    SignedRequest request = suiteRequest("POST", "/");
    request.headers.emplace_back("X-Amz-Target", "  Kinesis_20131202.PutRecords ");
    request.body = "{}";
    const std::string canonical = signer.canonicalRequest(request);
    EXPECT_NE(canonical.find("x-amz-target:Kinesis_20131202.PutRecords\n"), std::string::npos);
    EXPECT_NE(canonical.find("\nhost;x-amz-date;x-amz-target\n"), std::string::npos);
    EXPECT_EQ(canonical.substr(canonical.rfind('\n') + 1), sha256Hex("{}"));
}

TEST(SigV4, DatesAreWrittenInUtc) {
    EXPECT_EQ(amzDate(1440938160), kDate);
    EXPECT_EQ(uriEncode("a b/~"), "a%20b%2F~");
}

} // namespace
} // namespace streamgen::aws
