#include "test_support.h"

#include "sinks/preflight.h"

#include <chrono>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace streamgen {
namespace {

struct CorpusEntry {
    std::string file;
    std::string position;
    std::string message;
};

std::vector<CorpusEntry> readExpectations() {
    std::vector<CorpusEntry> entries;
    std::ifstream in(test::sourcePath("tests/model/corpus/expected.tsv"));
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        CorpusEntry entry;
        std::getline(fields, entry.file, '\t');
        std::getline(fields, entry.position, '\t');
        std::getline(fields, entry.message);
        entries.push_back(entry);
    }
    return entries;
}

TEST(CorpusTest, HasAtLeastThirtyFiveBrokenConfigsEachListedOnce) {
    const auto entries = readExpectations();
    EXPECT_GE(entries.size(), 35u);
    std::size_t yamlFiles = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(test::sourcePath("tests/model/corpus"))) {
        yamlFiles += entry.path().extension() == ".yaml" ? 1 : 0;
    }
    EXPECT_EQ(yamlFiles, entries.size());
}

TEST(CorpusTest, EveryBrokenConfigReportsTheExpectedErrorAtItsPosition) {
    for (const auto& entry : readExpectations()) {
        SCOPED_TRACE(entry.file);
        const auto path = test::sourcePath("tests/model/corpus/" + entry.file);
        ASSERT_TRUE(std::filesystem::exists(path));
        const auto start = std::chrono::steady_clock::now();
        // What `streamgen validate` reports: the reader's problems, then the preflight's (the
        // serialization format, the sink).
        const PreflightResult result = preflight(loadConfigFile(path.string()));
        EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
        EXPECT_FALSE(result.ok());
        bool found = false;
        for (const auto& d : result.diagnostics) {
            const std::string formatted = d.format(entry.file);
            found =
                found || (d.isError() &&
                          formatted.find(":" + entry.position + ": error: ") != std::string::npos &&
                          d.message.find(entry.message) != std::string::npos);
        }
        EXPECT_TRUE(found) << "expected " << entry.position << " `" << entry.message << "`, got:\n"
                           << test::render(result.diagnostics);
    }
}

} // namespace
} // namespace streamgen
