#pragma once

#include "engine/encoders/event_layout.h"
#include "model/diagnostic.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace streamgen::encoding {

/// Adds a located error about what a format cannot express.
void addError(Diagnostics& diagnostics, SourceLocation location, std::string path,
              std::string message);

/// Adds located errors for the field names a schema-based format (`format`: "avro",
/// "protobuf") cannot use: names that are not identifiers, at any depth, and at the top
/// (`nested` false) `event_type_id`, which the format writes itself.
void checkFieldNames(const std::vector<FieldLayout>& fields, const char* format,
                     Diagnostics& diagnostics, bool nested = false);

/// A name that Avro and Protobuf accept for a record, message or field: [A-Za-z_][A-Za-z0-9_]*.
bool isIdentifier(std::string_view name);

/// `text` with every character outside [A-Za-z0-9_] replaced by `_`, and `_` before a leading
/// digit: a record name for an event type id such as `user.purchase`.
std::string identifierFor(std::string_view text);

/// Writes `value` as a base-128 varint (Protobuf, and Avro after zigzag); returns the end.
inline char* writeVarint(char* out, uint64_t value) {
    while (value >= 0x80) {
        *out++ = static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    *out++ = static_cast<char>(value);
    return out;
}

inline void appendVarint(std::string& out, uint64_t value) {
    char buffer[10];
    // A (pointer, length) append: GCC 12 misreads the iterator-pair form as overlapping copies.
    out.append(buffer, static_cast<std::size_t>(writeVarint(buffer, value) - buffer));
}

/// Zigzag encoding of a signed integer (Avro int/long, Protobuf sint).
constexpr uint64_t zigzag(int64_t value) {
    return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}

/// Appends the little-endian bytes of a float or double (Avro and Protobuf agree on these).
template <typename T> inline void appendLittleEndian(std::string& out, T value) {
    static_assert(sizeof(T) == 4 || sizeof(T) == 8);
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    if constexpr (std::endian::native == std::endian::big) {
        std::reverse(bytes, bytes + sizeof(T));
    }
    out.append(bytes, sizeof(T));
}

} // namespace streamgen::encoding
