#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace streamgen {

/// A batch of serialized events laid end to end in one reusable buffer. Workers fill a batch,
/// hand it to the sink, then `clear()` it: capacity is kept, so steady-state generation does not
/// allocate.
class EventBatch {
public:
    /// Text formats end every payload with '\n' (so line-oriented sinks write `data()` as is);
    /// binary formats lay payloads end to end. Set once, before the first event.
    void setLineTerminated(bool terminated) { m_terminator = terminated ? 1 : 0; }
    bool lineTerminated() const { return m_terminator != 0; }

    /// Bytes of all payloads, each followed by its terminator if any.
    std::string_view data() const { return {m_buffer.data(), m_buffer.size()}; }
    std::size_t size() const { return m_types.size(); }
    bool empty() const { return m_types.empty(); }

    /// Payload of event i, without the trailing newline.
    std::string_view payload(std::size_t i) const {
        const uint32_t begin = i == 0 ? 0 : m_ends[i - 1];
        return {m_buffer.data() + begin, m_ends[i] - begin - m_terminator};
    }
    uint32_t typeIndex(std::size_t i) const { return m_types[i]; }
    uint64_t sequence(std::size_t i) const { return m_sequences[i]; }
    /// The plain text of the plan's key field for event i ("" when the plan has none or the
    /// value was null), written from the typed value whatever the format.
    std::string_view key(std::size_t i) const {
        return {m_keys.data() + m_keyBegin[i], m_keyLength[i]};
    }

    void clear() {
        m_buffer.clear();
        m_keys.clear();
        m_ends.clear();
        m_types.clear();
        m_sequences.clear();
        m_keyBegin.clear();
        m_keyLength.clear();
    }
    void reserve(std::size_t events, std::size_t bytes) {
        m_buffer.reserve(bytes);
        m_ends.reserve(events);
        m_types.reserve(events);
        m_sequences.reserve(events);
        m_keyBegin.reserve(events);
        m_keyLength.reserve(events);
    }

    /// The buffer encoders append to; `commit` closes the event that was appended.
    std::string& buffer() { return m_buffer; }
    /// Where keys are written; `commit` takes the key's offset and length in it.
    std::string& keyBuffer() { return m_keys; }
    void commit(uint32_t typeIndex, uint64_t sequence, uint32_t keyBegin = 0,
                uint32_t keyLength = 0) {
        if (m_terminator != 0) {
            m_buffer.push_back('\n');
        }
        m_ends.push_back(static_cast<uint32_t>(m_buffer.size()));
        m_types.push_back(typeIndex);
        m_sequences.push_back(sequence);
        m_keyBegin.push_back(keyBegin);
        m_keyLength.push_back(keyLength);
    }

private:
    std::string m_buffer;
    std::string m_keys;
    uint32_t m_terminator = 1;
    std::vector<uint32_t> m_ends;
    std::vector<uint32_t> m_types;
    std::vector<uint64_t> m_sequences;
    std::vector<uint32_t> m_keyBegin;
    std::vector<uint32_t> m_keyLength;
};

} // namespace streamgen
