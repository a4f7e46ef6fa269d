#include "avro_container.h"

#include "engine/encoders/avro_encoder.h"
#include "engine/encoders/encoder_support.h"
#include "engine/hash.h"

#include <cstring>
#include <stdexcept>
#include <zlib.h>

namespace streamgen {

/// A raw-deflate (RFC 1951, as the Avro deflate codec requires) compressor, reset per block.
struct AvroContainerFramer::Deflater {
    z_stream stream{};
    Deflater() {
        // Level 1: the container is written at generation speed; ratios differ little on
        // generated data.
        if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            throw std::runtime_error("avro: cannot initialise deflate");
        }
    }
    ~Deflater() { deflateEnd(&stream); }

    /// Appends the compressed form of `input` to `out`.
    void compress(const std::string& input, std::string& out) {
        deflateReset(&stream);
        const std::size_t start = out.size();
        const uLong bound = deflateBound(&stream, static_cast<uLong>(input.size()));
        out.resize(start + bound);
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
        stream.avail_in = static_cast<uInt>(input.size());
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + start);
        stream.avail_out = static_cast<uInt>(bound);
        if (deflate(&stream, Z_FINISH) != Z_STREAM_END) {
            throw std::runtime_error("avro: deflate failed");
        }
        out.resize(start + (bound - stream.avail_out));
    }
};

AvroContainerFramer::AvroContainerFramer(std::string schema)
    : m_schema(std::move(schema)), m_deflater(std::make_unique<Deflater>()) {
    // The sync marker only has to be unlikely inside the data; deriving it from the schema keeps
    // the bytes of a run reproducible.
    const uint64_t a = hash::mix(hash::ofString(m_schema));
    const uint64_t b = hash::mix(a ^ hash::kGolden);
    std::memcpy(m_sync, &a, 8);
    std::memcpy(m_sync + 8, &b, 8);
}

AvroContainerFramer::~AvroContainerFramer() = default;

void AvroContainerFramer::begin(std::string& out) {
    out.append("Obj\x01", 4);
    encoding::appendVarint(out, encoding::zigzag(2)); // metadata: one block of two entries
    AvroEncoder::appendString("avro.schema", out);
    AvroEncoder::appendString(m_schema, out);
    AvroEncoder::appendString("avro.codec", out);
    AvroEncoder::appendString("deflate", out);
    out.push_back('\0'); // end of the metadata map
    out.append(m_sync, sizeof m_sync);
}

void AvroContainerFramer::append(const EventBatch& batch, std::size_t from, std::size_t to,
                                 std::string& out) {
    if (from >= to) {
        return;
    }
    m_block.clear();
    for (std::size_t i = from; i < to; ++i) {
        // The file schema is the union of the records: each datum starts with its branch.
        encoding::appendVarint(m_block, encoding::zigzag(batch.typeIndex(i)));
        m_block.append(batch.payload(i));
    }
    encoding::appendVarint(out, encoding::zigzag(static_cast<int64_t>(to - from)));
    std::string& compressed = m_compressed;
    compressed.clear();
    m_deflater->compress(m_block, compressed);
    encoding::appendVarint(out, encoding::zigzag(static_cast<int64_t>(compressed.size())));
    out.append(compressed);
    out.append(m_sync, sizeof m_sync);
}

} // namespace streamgen
