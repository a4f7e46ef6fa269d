#pragma once

#include "engine/event_batch.h"

#include <cstddef>
#include <string>

namespace streamgen {

/// Turns encoded events into the bytes of one file (or of one stdout stream) of a format: a CSV
/// header line, an Avro Object Container File, length-delimited Protobuf messages. A framer
/// belongs to one file of one worker and may keep state (e.g. a compressor); it is called once
/// per batch, never per event.
class FileFramer {
public:
    virtual ~FileFramer() = default;
    /// Appends the bytes that open a file.
    virtual void begin(std::string& out) { (void)out; }
    /// Appends events [from, to) of `batch` as the file holds them.
    virtual void append(const EventBatch& batch, std::size_t from, std::size_t to,
                        std::string& out) = 0;
    /// Appends the bytes that close a file.
    virtual void end(std::string& out) { (void)out; }
    /// The file holds the batch's bytes unchanged (text formats), so a sink may write them
    /// straight from the batch instead of calling `append`.
    virtual bool passthrough() const { return false; }
};

/// The framer of text formats whose files are the payload lines as they are, after an optional
/// header line.
class LineFramer final : public FileFramer {
public:
    explicit LineFramer(std::string header = {}) : m_header(std::move(header)) {}
    void begin(std::string& out) override { out.append(m_header); }
    void append(const EventBatch& batch, std::size_t from, std::size_t to,
                std::string& out) override;
    bool passthrough() const override { return true; }

private:
    std::string m_header;
};

} // namespace streamgen
