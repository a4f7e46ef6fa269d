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

struct VerifyArgs {
    CommonArgs common;
    SinkArgs sink; ///< `--from` and `--out`: where to read, when not the config's sink
    std::optional<std::string> runReport;
    std::optional<uint64_t> count;
    uint64_t first = 0;
    std::optional<std::string> shard;
    std::vector<std::string> renames; ///< --map NEW=OLD
    bool presentOnly = false;
    std::optional<std::string> report;
    std::size_t show = 10;
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
int verifyCommand(const VerifyArgs& args);
/// Parses `I/N` with 0 <= I < N.
bool parseShard(const std::string& text, uint32_t& index, uint32_t& count);

} // namespace streamgen::cli
