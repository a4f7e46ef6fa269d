#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen {

/// A serialization format: how the typed values of an event become bytes. The list of formats
/// lives here once; the CLI's `--format` choices, the Studio's combo and validation read it.
enum class Format { Json, Csv, Avro, Protobuf };

/// Facts about one format, for choices, help texts and sinks that frame whole files.
struct FormatInfo {
    Format format;
    const char* name;        ///< as written in `serialization_format`
    const char* description; ///< one line, for help texts
    const char* extension;   ///< file name extension of a landing file, without the dot
    bool text;               ///< events are text lines (each payload followed by '\n')
};

/// Every format, in the order they are offered.
const std::vector<FormatInfo>& formats();
/// The canonical names of `formats()`.
const std::vector<std::string>& formatNames();
/// The format with this name (case-insensitive), or nullopt.
std::optional<Format> parseFormat(std::string_view name);
const FormatInfo& formatInfo(Format format);

} // namespace streamgen
