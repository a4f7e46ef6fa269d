#pragma once

// The value encodings of Parquet pages that the writer uses: PLAIN, the RLE/bit-packed hybrid
// (definition levels and dictionary indices) and the dictionary of a string column chunk.
// Everything appends to a std::string so that a page is built in one reusable buffer.

#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen::parquet {

static_assert(std::endian::native == std::endian::little,
              "PLAIN values are copied as they lie in memory, which assumes a little-endian host");

/// Appends `value` as 4 little-endian bytes.
void appendLe32(std::string& out, uint32_t value);

/// The bits needed for every value in 0..maxValue (0 for 0).
int bitWidthFor(uint64_t maxValue);

/// Appends `values` in the RLE/bit-packed hybrid encoding with `bitWidth` bits per value (1 to
/// 32), without a length prefix. Runs of at least 8 equal values become RLE runs; the rest is
/// bit-packed in groups of 8, the last group padded with zeros.
void appendRleBitPackedHybrid(std::span<const uint8_t> values, int bitWidth, std::string& out);
void appendRleBitPackedHybrid(std::span<const uint32_t> values, int bitWidth, std::string& out);

/// PLAIN encodings of present values. Integer-like columns keep their values as int64 and
/// Float columns as double; the narrowing to the column's physical width happens here.
void appendPlainBoolean(std::span<const int64_t> values, std::string& out);
void appendPlainInt32(std::span<const int64_t> values, std::string& out);
void appendPlainInt64(std::span<const int64_t> values, std::string& out);
void appendPlainFloat(std::span<const double> values, std::string& out);
void appendPlainDouble(std::span<const double> values, std::string& out);

/// Byte-array values laid end to end in `bytes`, value i ending at `ends[i]` (so starting at
/// `ends[i - 1]`, or 0 for the first).
struct ByteArrays {
    std::string_view bytes;
    std::span<const uint32_t> ends;

    std::size_t size() const { return ends.size(); }
    std::string_view operator[](std::size_t i) const {
        const uint32_t begin = i == 0 ? 0 : ends[i - 1];
        return bytes.substr(begin, ends[i] - begin);
    }
};

/// PLAIN byte arrays (4-byte length, then the bytes) of values [first, last).
void appendPlainByteArrays(const ByteArrays& values, std::size_t first, std::size_t last,
                           std::string& out);
void appendPlainByteArrays(std::span<const std::string_view> values, std::string& out);

/// The dictionary of one string column chunk: its distinct values in order of first appearance
/// and, per value, the index of its entry. Built once per chunk; its table and vectors keep
/// their capacity for the next chunk.
class StringDictionary {
public:
    /// Builds the dictionary of `values`; returns false (and stops early) as soon as it would
    /// exceed `maxEntries` entries or `maxBytes` bytes of PLAIN-encoded entries.
    bool build(const ByteArrays& values, std::size_t maxEntries, std::size_t maxBytes);

    std::span<const std::string_view> entries() const { return m_entries; }
    std::span<const uint32_t> indices() const { return m_indices; }
    /// Bytes of the entries once PLAIN-encoded.
    std::size_t plainSize() const { return m_plainSize; }

private:
    void resetTable(std::size_t slots);
    void grow();
    uint32_t insert(std::string_view value, uint64_t hash);

    std::vector<std::string_view> m_entries;
    std::vector<uint64_t> m_hashes;  ///< per entry, to rehash without rereading the bytes
    std::vector<uint32_t> m_slots;   ///< open addressing: entry index + 1, 0 when free
    std::vector<uint32_t> m_indices; ///< per value
    std::size_t m_plainSize = 0;
};

} // namespace streamgen::parquet
