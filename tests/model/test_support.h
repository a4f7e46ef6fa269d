#pragma once

#include "model/config_io.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace streamgen::test {

inline std::filesystem::path sourcePath(const std::string& relative) {
    return std::filesystem::path(STREAMGEN_SOURCE_DIR) / relative;
}

inline std::vector<std::filesystem::path> exampleFiles() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(sourcePath("resources/examples"))) {
        if (entry.path().extension() == ".yaml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// All diagnostics rendered as text, for failure messages.
inline std::string render(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics) {
        out += d.format("config") + "  [" + d.path + "]\n";
    }
    return out;
}

/// The first error whose message contains `text`, or nullptr.
inline const Diagnostic* findError(const Diagnostics& diagnostics, const std::string& text) {
    for (const auto& d : diagnostics) {
        if (d.isError() && d.message.find(text) != std::string::npos) {
            return &d;
        }
    }
    return nullptr;
}

inline std::size_t errorCount(const Diagnostics& diagnostics) {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                  [](const Diagnostic& d) { return d.isError(); }));
}

} // namespace streamgen::test
