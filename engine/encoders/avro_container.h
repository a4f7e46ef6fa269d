#pragma once

#include "engine/encoders/file_framer.h"

#include <cstdint>
#include <memory>
#include <string>

namespace streamgen {

/// Frames Avro bodies as an Object Container File (Avro 1.11 spec, "Object Container Files"):
/// header with the schema and codec `deflate`, then one block per batch. Written here rather
/// than with avro-c's file writer because the sinks own their file descriptors (hidden temporary
/// names, fsync, rename) and stdout shares the same framing.
class AvroContainerFramer final : public FileFramer {
public:
    /// `schema` is the file schema: the union of the event types' records, in type order.
    explicit AvroContainerFramer(std::string schema);
    ~AvroContainerFramer() override;

    void begin(std::string& out) override;
    void append(const EventBatch& batch, std::size_t from, std::size_t to,
                std::string& out) override;

private:
    struct Deflater;
    std::string m_schema;
    char m_sync[16];
    std::string m_block;      ///< uncompressed data of the block being framed, reused
    std::string m_compressed; ///< its deflated form, reused
    std::unique_ptr<Deflater> m_deflater;
};

} // namespace streamgen
