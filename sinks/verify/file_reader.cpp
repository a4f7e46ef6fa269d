#include "file_reader.h"

#include "sinks/fd_io.h"
#include "sinks/sink_descriptor.h"
#include "sinks/sink_options.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace streamgen {

namespace fs = std::filesystem;

namespace {

/// The end of the record starting at `begin`: the next line break, or for CSV the next one
/// outside quotes (a quoted cell may hold line breaks).
std::size_t recordEnd(const std::string& bytes, std::size_t begin, bool csv) {
    if (!csv) {
        const std::size_t end = bytes.find('\n', begin);
        return end == std::string::npos ? bytes.size() : end;
    }
    bool quoted = false;
    for (std::size_t i = begin; i < bytes.size(); ++i) {
        if (bytes[i] == '"') {
            quoted = !quoted;
        } else if (bytes[i] == '\n' && !quoted) {
            return i;
        }
    }
    return bytes.size();
}

} // namespace

FileRecordSource::FileRecordSource(std::string folder, const Plan& plan)
    : m_folder(std::move(folder)),
      m_extension(std::string(".") + formatInfo(plan.format()).extension),
      m_header(plan.format() == Format::Csv) {
    if (!formatInfo(plan.format()).text) {
        throw std::runtime_error(std::string("verify reads landing files of text formats (json, "
                                             "csv); these are ") +
                                 formatInfo(plan.format()).name);
    }
}

std::string FileRecordSource::describe() const {
    return "file:" + m_folder;
}

void FileRecordSource::read(const std::function<void(const ReceivedRecord&)>& each) {
    std::error_code error;
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(m_folder, error)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name[0] != '.' && name.ends_with(m_extension)) {
            files.push_back(entry.path());
        }
    }
    if (error) {
        throw std::runtime_error("cannot read the folder " + m_folder + ": " + error.message());
    }
    std::sort(files.begin(), files.end());
    std::string origin;
    for (const fs::path& path : files) {
        const std::string bytes = readWholeFile(path.string());
        // A landing file is renamed into place once complete: its time is its records' arrival.
        std::error_code timeError;
        const auto written = fs::last_write_time(path, timeError);
        std::optional<int64_t> arrivedMs;
        if (!timeError) {
            const auto system = std::chrono::file_clock::to_sys(written);
            arrivedMs =
                std::chrono::duration_cast<std::chrono::milliseconds>(system.time_since_epoch())
                    .count();
        }
        const std::string name = path.filename().string();
        std::size_t begin = 0;
        uint64_t line = 0;
        while (begin < bytes.size()) {
            const std::size_t end = recordEnd(bytes, begin, m_header);
            ++line;
            if (!(m_header && line == 1) && end > begin) {
                origin.assign(name).push_back(':');
                char digits[24];
                origin.append(digits, std::to_chars(digits, digits + sizeof digits, line).ptr);
                ReceivedRecord record;
                record.payload = std::string_view(bytes).substr(begin, end - begin);
                record.origin = origin;
                record.arrivedMs = arrivedMs;
                each(record);
            }
            begin = end + 1;
        }
    }
}

std::unique_ptr<RecordSource> makeFileRecordSource(const SinkConfig& sink, const Plan& plan,
                                                   std::string& error) {
    const auto folder = sinkOption(sink.options, std::string(kFolderOption), error);
    if (!error.empty()) {
        return nullptr;
    }
    if (!folder || folder->empty()) {
        error = "the file sink's folder is not set: set sink_config.path or pass --out DIR";
        return nullptr;
    }
    try {
        return std::make_unique<FileRecordSource>(*folder, plan);
    } catch (const std::exception& problem) {
        error = problem.what();
        return nullptr;
    }
}

} // namespace streamgen
