#pragma once

#include <string>
#include <string_view>

namespace streamgen {

/// Writes all of `data` to `fd`, retrying short writes and EINTR. Returns "" or the errno text.
std::string writeAll(int fd, std::string_view data);

} // namespace streamgen
