#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace streamgen::cli {

/// Exit codes of `streamgen`.
enum ExitCode { kExitOk = 0, kExitRunFailed = 1, kExitBadInput = 2 };

/// What every command that reads a config takes.
struct CommonArgs {
    std::string config;
    std::vector<std::string> overrides; ///< --set
    std::optional<uint64_t> seed;
    std::optional<std::string> format; ///< --format: replaces serialization_format
};

/// `--sink` and `--out`: the sink a run (or its validation) uses instead of the config's.
struct SinkArgs {
    std::optional<std::string> type;
    std::optional<std::string> out;
};

struct RunArgs {
    CommonArgs common;
    SinkArgs sink;
    std::optional<uint64_t> count;
    std::optional<double> duration;
    std::optional<double> rate;
    int threads = 1;
    std::optional<std::string> report;
    std::optional<std::string> shard;
    bool progress = false;
};

struct ValidateArgs {
    CommonArgs common;
    SinkArgs sink;
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

struct SchemaArgs {
    CommonArgs common; ///< `--format` picks the schema's format (default: serialization_format)
};

struct SinksArgs {
    bool markdown = false;
};

int validateCommand(const ValidateArgs& args);
int previewCommand(const PreviewArgs& args);
int runCommand(const RunArgs& args);
int benchCommand(const BenchArgs& args);
int sinksCommand(const SinksArgs& args);
int schemaCommand(const SchemaArgs& args);

} // namespace streamgen::cli
