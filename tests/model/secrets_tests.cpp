#include "model/secrets.h"

#include <cstdlib>
#include <gtest/gtest.h>

namespace streamgen {
namespace {

class SecretsTest : public ::testing::Test {
protected:
    void SetUp() override {
        setenv("STREAMGEN_TEST_TOKEN", "s3cr3t", 1);
        setenv("STREAMGEN_SECRET_my_scope_aws_key", "AKIA123", 1);
        unsetenv("STREAMGEN_TEST_MISSING");
        unsetenv("STREAMGEN_SECRET_other_scope_key");
    }
    void TearDown() override {
        unsetenv("STREAMGEN_TEST_TOKEN");
        unsetenv("STREAMGEN_SECRET_my_scope_aws_key");
    }
};

TEST_F(SecretsTest, RecognisesBothReferenceForms) {
    EXPECT_TRUE(isSecretReference("${STREAMGEN_TEST_TOKEN}"));
    EXPECT_TRUE(isSecretReference("{{secrets/my-scope/aws-key}}"));
    EXPECT_TRUE(isSecretReference("Bearer ${TOKEN}"));
    EXPECT_FALSE(isSecretReference("plain"));
    EXPECT_FALSE(isSecretReference("${}"));
    EXPECT_FALSE(isSecretReference("${1ABC}"));
    EXPECT_FALSE(isSecretReference("{{secrets/only-scope}}"));
    EXPECT_FALSE(isSecretReference("$TOKEN"));
}

TEST_F(SecretsTest, ResolvesEnvironmentVariables) {
    std::string error;
    EXPECT_EQ(resolveSecrets("${STREAMGEN_TEST_TOKEN}", &error), "s3cr3t");
    EXPECT_EQ(resolveSecrets("Bearer ${STREAMGEN_TEST_TOKEN}!", &error), "Bearer s3cr3t!");
    EXPECT_EQ(resolveSecrets("no reference", &error), "no reference");
}

TEST_F(SecretsTest, ResolvesDatabricksSecretsFromSanitisedVariableNames) {
    std::string error;
    EXPECT_EQ(resolveSecrets("{{secrets/my-scope/aws-key}}", &error), "AKIA123");
}

TEST_F(SecretsTest, MissingVariableIsNamedButNoValueIsLeaked) {
    std::string error;
    EXPECT_FALSE(resolveSecrets("${STREAMGEN_TEST_TOKEN}:${STREAMGEN_TEST_MISSING}", &error));
    EXPECT_NE(error.find("STREAMGEN_TEST_MISSING"), std::string::npos);
    EXPECT_EQ(error.find("s3cr3t"), std::string::npos);
    EXPECT_FALSE(resolveSecrets("{{secrets/other.scope/key}}", &error));
    EXPECT_NE(error.find("STREAMGEN_SECRET_other_scope_key"), std::string::npos);
}

TEST_F(SecretsTest, MaskingShowsReferencesAndHidesValues) {
    EXPECT_EQ(maskSecret("{{secrets/my-scope/aws-key}}"), "{{secrets/my-scope/aws-key}}");
    EXPECT_EQ(maskSecret("${STREAMGEN_TEST_TOKEN}"), "${STREAMGEN_TEST_TOKEN}");
    EXPECT_EQ(maskSecret("s3cr3t"), "\u2022\u2022\u2022\u2022");
    EXPECT_EQ(maskSecret("a-much-longer-secret-value").find("secret"), std::string::npos);
}

} // namespace
} // namespace streamgen
