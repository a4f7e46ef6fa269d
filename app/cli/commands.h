#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace streamgen::cli {

/// Exit codes of `streamgen`.
enum ExitCode { kExitOk = 0, kExitRunFailed = 1, kExitBadInput = 2 };

struct CommonArgs {
    std::string config;
    std::vector<std::string> overrides; ///< --set
    std::optional<uint64_t> seed;
};

struct RunArgs {
    CommonArgs common;
    std::optional<uint64_t> count;
    std::optional<double> duration;
    std::optional<double> rate;
    int threads = 1;
    std::optional<std::string> sink;
    std::optional<std::string> out;
    std::optional<std::string> report;
    std::optional<std::string> shard;
    bool progress = false;
};

struct PreviewArgs {
    CommonArgs common;
    std::size_t count = 10;
    std::optional<std::string> type;
};

struct BenchArgs {
    CommonArgs common;
    double seconds = 3.0;
    int threads = 0; ///< 0 = every count from 1 to the number of cores
};

int validateCommand(const CommonArgs& args);
int previewCommand(const PreviewArgs& args);
int runCommand(const RunArgs& args);
int benchCommand(const BenchArgs& args);

} // namespace streamgen::cli
