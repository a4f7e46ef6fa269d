#include "sinks/delta/parquet_encoding.h"

#include "sinks/delta/thrift_compact.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <functional>

namespace streamgen::parquet {
namespace {

// Shorter runs cost more as RLE runs (a header each) than bit-packed.
constexpr std::size_t kMinRepeat = 8;

/// Grows `out` by `size` bytes and returns where they start, so that loops write through a
/// pointer instead of growing the string value by value.
char* extend(std::string& out, std::size_t size) {
    const std::size_t offset = out.size();
    out.resize(offset + size);
    return out.data() + offset;
}

template <typename T>
void appendBitPacked(const T* values, std::size_t count, int bitWidth, std::string& out) {
    const std::size_t groups = (count + 7) / 8;
    thrift::writeVarint(out, (groups << 1) | 1);
    char* dst = extend(out, groups * static_cast<std::size_t>(bitWidth));
    uint64_t pending = 0;
    int pendingBits = 0;
    // The last group is padded with zeros: readers know the value count and ignore them.
    for (std::size_t i = 0; i < groups * 8; ++i) {
        const uint64_t value = i < count ? static_cast<uint64_t>(values[i]) : 0;
        pending |= value << pendingBits;
        pendingBits += bitWidth;
        while (pendingBits >= 8) {
            *dst++ = static_cast<char>(pending & 0xff);
            pending >>= 8;
            pendingBits -= 8;
        }
    }
}

template <typename T>
void appendRepeated(T value, std::size_t count, int bitWidth, std::string& out) {
    thrift::writeVarint(out, count << 1);
    uint64_t bits = static_cast<uint64_t>(value);
    for (int byte = 0; byte < (bitWidth + 7) / 8; ++byte) {
        out.push_back(static_cast<char>(bits & 0xff));
        bits >>= 8;
    }
}

template <typename T> void appendHybrid(std::span<const T> values, int bitWidth, std::string& out) {
    assert(bitWidth >= 1 && bitWidth <= 32);
    const std::size_t count = values.size();
    std::size_t literalStart = 0;
    std::size_t i = 0;
    while (i < count) {
        const T value = values[i];
        std::size_t run = 1;
        while (i + run < count && values[i + run] == value) {
            ++run;
        }
        // A bit-packed run must hold a multiple of 8 values unless it ends the data, so the
        // pending literals borrow the head of the run to fill their last group.
        const std::size_t pending = i - literalStart;
        const std::size_t borrow = (8 - pending % 8) % 8;
        if (run < kMinRepeat + borrow) {
            i += run;
            continue;
        }
        if (pending + borrow > 0) {
            appendBitPacked(values.data() + literalStart, pending + borrow, bitWidth, out);
        }
        appendRepeated(value, run - borrow, bitWidth, out);
        i += run;
        literalStart = i;
    }
    if (literalStart < count) {
        appendBitPacked(values.data() + literalStart, count - literalStart, bitWidth, out);
    }
}

} // namespace

void appendLe32(std::string& out, uint32_t value) {
    std::memcpy(extend(out, 4), &value, 4);
}

int bitWidthFor(uint64_t maxValue) {
    return static_cast<int>(std::bit_width(maxValue));
}

void appendRleBitPackedHybrid(std::span<const uint8_t> values, int bitWidth, std::string& out) {
    appendHybrid(values, bitWidth, out);
}

void appendRleBitPackedHybrid(std::span<const uint32_t> values, int bitWidth, std::string& out) {
    appendHybrid(values, bitWidth, out);
}

void appendPlainBoolean(std::span<const int64_t> values, std::string& out) {
    char* dst = extend(out, (values.size() + 7) / 8);
    for (std::size_t first = 0; first < values.size(); first += 8) {
        const std::size_t count = std::min<std::size_t>(8, values.size() - first);
        unsigned byte = 0;
        for (std::size_t bit = 0; bit < count; ++bit) {
            byte |= (values[first + bit] != 0 ? 1u : 0u) << bit;
        }
        *dst++ = static_cast<char>(byte);
    }
}

void appendPlainInt32(std::span<const int64_t> values, std::string& out) {
    char* dst = extend(out, values.size() * 4);
    for (const int64_t value : values) {
        const auto narrow = static_cast<int32_t>(value);
        std::memcpy(dst, &narrow, 4);
        dst += 4;
    }
}

void appendPlainInt64(std::span<const int64_t> values, std::string& out) {
    std::memcpy(extend(out, values.size_bytes()), values.data(), values.size_bytes());
}

void appendPlainFloat(std::span<const double> values, std::string& out) {
    char* dst = extend(out, values.size() * 4);
    for (const double value : values) {
        const auto narrow = static_cast<float>(value);
        std::memcpy(dst, &narrow, 4);
        dst += 4;
    }
}

void appendPlainDouble(std::span<const double> values, std::string& out) {
    std::memcpy(extend(out, values.size_bytes()), values.data(), values.size_bytes());
}

void appendPlainByteArrays(const ByteArrays& values, std::size_t first, std::size_t last,
                           std::string& out) {
    if (first == last) {
        return;
    }
    const uint32_t begin = first == 0 ? 0 : values.ends[first - 1];
    const std::size_t dataBytes = values.ends[last - 1] - begin;
    char* dst = extend(out, dataBytes + 4 * (last - first));
    const char* src = values.bytes.data() + begin;
    uint32_t previousEnd = begin;
    for (std::size_t i = first; i < last; ++i) {
        const uint32_t length = values.ends[i] - previousEnd;
        std::memcpy(dst, &length, 4);
        std::memcpy(dst + 4, src, length);
        dst += 4 + length;
        src += length;
        previousEnd = values.ends[i];
    }
}

void appendPlainByteArrays(std::span<const std::string_view> values, std::string& out) {
    for (const std::string_view value : values) {
        appendLe32(out, static_cast<uint32_t>(value.size()));
        out.append(value);
    }
}

bool StringDictionary::build(const ByteArrays& values, std::size_t maxEntries,
                             std::size_t maxBytes) {
    m_entries.clear();
    m_hashes.clear();
    m_indices.resize(values.size());
    m_plainSize = 0;
    resetTable(m_slots.empty() ? 1024 : m_slots.size());
    const std::hash<std::string_view> hasher;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string_view value = values[i];
        const uint32_t index = insert(value, hasher(value));
        if (m_entries.size() > maxEntries || m_plainSize > maxBytes) {
            return false;
        }
        m_indices[i] = index;
    }
    return true;
}

void StringDictionary::resetTable(std::size_t slots) {
    m_slots.assign(slots, 0);
}

void StringDictionary::grow() {
    resetTable(m_slots.size() * 2);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t entry = 0; entry < m_entries.size(); ++entry) {
        std::size_t slot = m_hashes[entry] & mask;
        while (m_slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        m_slots[slot] = static_cast<uint32_t>(entry + 1);
    }
}

uint32_t StringDictionary::insert(std::string_view value, uint64_t hash) {
    const std::size_t mask = m_slots.size() - 1;
    std::size_t slot = hash & mask;
    while (m_slots[slot] != 0) {
        const uint32_t entry = m_slots[slot] - 1;
        if (m_hashes[entry] == hash && m_entries[entry] == value) {
            return entry;
        }
        slot = (slot + 1) & mask;
    }
    const auto entry = static_cast<uint32_t>(m_entries.size());
    m_entries.push_back(value);
    m_hashes.push_back(hash);
    m_plainSize += 4 + value.size();
    m_slots[slot] = entry + 1;
    // Half full at most keeps the probe sequences short.
    if (m_entries.size() * 2 > m_slots.size()) {
        grow();
    }
    return entry;
}

} // namespace streamgen::parquet
