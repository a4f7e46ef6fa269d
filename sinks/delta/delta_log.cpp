#include "delta_log.h"

#include "engine/encoders/text_values.h"
#include "sinks/fd_io.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace streamgen {

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

/// The versions of the JSON commits in `_delta_log`, ascending.
std::vector<int64_t> commitVersions(const fs::path& log) {
    std::vector<int64_t> versions;
    for (const fs::directory_entry& entry : fs::directory_iterator(log)) {
        const std::string name = entry.path().filename().string();
        if (name.size() == 25 && name.ends_with(".json") &&
            std::all_of(name.begin(), name.begin() + 20,
                        [](char c) { return c >= '0' && c <= '9'; })) {
            versions.push_back(std::stoll(name.substr(0, 20)));
        }
    }
    std::sort(versions.begin(), versions.end());
    return versions;
}

void applyAction(const Json& action, DeltaTableState& state) {
    if (const auto it = action.find("protocol"); it != action.end()) {
        state.minReaderVersion = it->value("minReaderVersion", 0);
        state.minWriterVersion = it->value("minWriterVersion", 0);
    } else if (const auto meta = action.find("metaData"); meta != action.end()) {
        state.tableId = meta->value("id", "");
        state.schemaString = meta->value("schemaString", "");
        state.partitionColumns = meta->value("partitionColumns", std::vector<std::string>{});
    } else if (const auto txn = action.find("txn"); txn != action.end()) {
        state.transactions[txn->at("appId").get<std::string>()] = txn->at("version").get<int64_t>();
    } else if (const auto info = action.find("commitInfo"); info != action.end()) {
        if (const auto own = info->find("streamgen"); own != info->end() && own->is_object()) {
            state.beyond[own->at("appId").get<std::string>()] = own->value("beyond", IndexRanges{});
        }
    } else if (const auto add = action.find("add"); add != action.end()) {
        state.files.push_back(add->at("path").get<std::string>());
    } else if (const auto remove = action.find("remove"); remove != action.end()) {
        const std::string path = remove->at("path").get<std::string>();
        std::erase(state.files, path);
    }
}

} // namespace

fs::path deltaCommitPath(const fs::path& table, int64_t version) {
    char name[32];
    std::snprintf(name, sizeof name, "%020lld.json", static_cast<long long>(version));
    return table / "_delta_log" / name;
}

void applyDeltaCommit(const std::string& actions, DeltaTableState& state) {
    std::istringstream lines(actions);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty()) {
            applyAction(Json::parse(line), state);
        }
    }
}

DeltaTableState readDeltaLog(const fs::path& table) {
    DeltaTableState state;
    const fs::path log = table / "_delta_log";
    if (!fs::is_directory(log)) {
        return state;
    }
    const std::vector<int64_t> versions = commitVersions(log);
    if (versions.empty()) {
        if (fs::exists(log / "_last_checkpoint")) {
            throw std::runtime_error(log.string() + " holds only a checkpoint; StreamGen replays "
                                                    "JSON commits and cannot append to it");
        }
        return state;
    }
    if (versions.front() != 0) {
        throw std::runtime_error(log.string() + ": the commits before version " +
                                 std::to_string(versions.front()) +
                                 " were folded into a checkpoint, which StreamGen does not read");
    }
    for (std::size_t i = 0; i < versions.size(); ++i) {
        if (versions[i] != static_cast<int64_t>(i)) {
            throw std::runtime_error(log.string() + ": version " + std::to_string(i) +
                                     " is missing from the log");
        }
        const fs::path path = deltaCommitPath(table, versions[i]);
        try {
            applyDeltaCommit(readWholeFile(path.string()), state);
        } catch (const Json::exception& error) {
            throw std::runtime_error(path.string() + ": not a Delta commit (" + error.what() + ")");
        }
        state.version = versions[i];
    }
    return state;
}

bool writeDeltaCommit(const fs::path& table, int64_t version, const std::string& actions) {
    const fs::path target = deltaCommitPath(table, version);
    std::string asideName(1, '.');
    asideName.append(target.filename().string())
        .append(".")
        .append(std::to_string(std::random_device{}()))
        .append(".tmp");
    const fs::path aside = target.parent_path() / asideName;
    const int fd = ::open(aside.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw std::runtime_error("cannot write " + aside.string() + ": " + std::strerror(errno));
    }
    std::size_t written = 0;
    while (written < actions.size()) {
        const ssize_t n = ::write(fd, actions.data() + written, actions.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const std::string reason = std::strerror(errno);
            ::close(fd);
            ::unlink(aside.c_str());
            throw std::runtime_error("cannot write " + aside.string() + ": " + reason);
        }
        written += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) {
        ::unlink(aside.c_str());
        throw std::runtime_error("cannot sync " + aside.string() + ": " + std::strerror(errno));
    }
    // link() fails with EEXIST when the version is taken: the exclusive step of the commit.
    const int linked = ::link(aside.c_str(), target.c_str());
    const int linkError = errno;
    ::unlink(aside.c_str());
    if (linked == 0) {
        return true;
    }
    if (linkError == EEXIST) {
        return false;
    }
    throw std::runtime_error("cannot create " + target.string() + ": " + std::strerror(linkError));
}

std::string randomUuid() {
    static thread_local std::mt19937_64 random(
        (static_cast<uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}());
    // The version (4) and variant (10) bits, as RFC 4122 sets them for random UUIDs.
    const uint64_t high = (random() & ~0xF000ULL) | 0x4000ULL;
    const uint64_t low = (random() & ~(3ULL << 62)) | (2ULL << 62);
    char text[36];
    text::writeUuid(text, high, low);
    return std::string(text, sizeof text);
}

const char* sparkTypeName(parquet::ColumnType type) {
    switch (type) {
    case parquet::ColumnType::Boolean:
        return "boolean";
    case parquet::ColumnType::Int32:
        return "integer";
    case parquet::ColumnType::Int64:
        return "long";
    case parquet::ColumnType::Float:
        return "float";
    case parquet::ColumnType::Double:
        return "double";
    case parquet::ColumnType::String:
        return "string";
    case parquet::ColumnType::Date:
        return "date";
    case parquet::ColumnType::TimestampMicros:
        return "timestamp";
    }
    return "string";
}

std::string sparkSchemaString(const std::vector<parquet::Column>& columns) {
    // In Spark's key order, so that the string reads as Spark writes it.
    nlohmann::ordered_json fields = nlohmann::ordered_json::array();
    for (const parquet::Column& column : columns) {
        fields.push_back({{"name", column.name},
                          {"type", sparkTypeName(column.type)},
                          {"nullable", column.nullable},
                          {"metadata", nlohmann::ordered_json::object()}});
    }
    return nlohmann::ordered_json{{"type", "struct"}, {"fields", fields}}.dump();
}

} // namespace streamgen
