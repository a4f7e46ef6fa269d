#pragma once

#include "config.h"

#include <string>
#include <vector>

namespace streamgen {

/// One problem found in a config. Rendered as `FILE:LINE:COLUMN: error: message`.
struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    SourceLocation location;
    std::string message;
    /// Dotted path of the offending key, e.g. `event_types[1].fields.amount.range`; lets the
    /// Studio map a problem to a table cell when there is no file position.
    std::string path;

    bool isError() const { return severity == Severity::Error; }
    /// `file:line:column: error: message`; the position is left out when unknown.
    std::string format(const std::string& file) const;
};

using Diagnostics = std::vector<Diagnostic>;

bool hasErrors(const Diagnostics& diagnostics);

} // namespace streamgen
