#include "diagnostic.h"

#include <algorithm>

namespace streamgen {

std::string Diagnostic::format(const std::string& file) const {
    std::string out = file;
    if (location.known()) {
        out += ':' + std::to_string(location.line) + ':' + std::to_string(location.column);
    }
    out += isError() ? ": error: " : ": warning: ";
    out += message;
    return out;
}

bool hasErrors(const Diagnostics& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.isError(); });
}

} // namespace streamgen
