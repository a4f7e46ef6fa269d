#pragma once

#include <string>
#include <string_view>

namespace streamgen {

/// Writes all of `data` to `fd`, retrying short writes and EINTR. Returns "" or the errno text.
std::string writeAll(int fd, std::string_view data);

/// The whole content of the file at `path`; throws std::runtime_error naming the path and the
/// reason when it cannot be read.
std::string readWholeFile(const std::string& path);

} // namespace streamgen
