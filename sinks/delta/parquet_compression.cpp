#include "sinks/delta/parquet_compression.h"

#include <snappy-c.h>
#include <stdexcept>
#include <zstd.h>

namespace streamgen::parquet {
namespace {

// Level 1 keeps zstd near snappy's speed while still compressing noticeably better; a sink that
// generates data is limited by its write speed, not by storage.
constexpr int kZstdLevel = 1;

ZSTD_CCtx* zstdContext(void* context) {
    return static_cast<ZSTD_CCtx*>(context);
}

} // namespace

PageCompressor::PageCompressor(Compression compression) : m_compression(compression) {
    if (m_compression == Compression::Zstd) {
        m_zstd = ZSTD_createCCtx();
        if (m_zstd == nullptr) {
            throw std::runtime_error("parquet: cannot create a zstd compression context");
        }
    }
}

PageCompressor::~PageCompressor() {
    ZSTD_freeCCtx(zstdContext(m_zstd));
}

int PageCompressor::codec() const {
    switch (m_compression) {
    case Compression::None:
        return 0;
    case Compression::Snappy:
        return 1;
    case Compression::Zstd:
        return 6;
    }
    return 0;
}

std::string_view PageCompressor::compress(std::string_view page) {
    switch (m_compression) {
    case Compression::None:
        return page;
    case Compression::Snappy: {
        size_t size = snappy_max_compressed_length(page.size());
        m_buffer.resize(size);
        if (snappy_compress(page.data(), page.size(), m_buffer.data(), &size) != SNAPPY_OK) {
            throw std::runtime_error("parquet: snappy compression failed");
        }
        return {m_buffer.data(), size};
    }
    case Compression::Zstd: {
        m_buffer.resize(ZSTD_compressBound(page.size()));
        const size_t size = ZSTD_compressCCtx(zstdContext(m_zstd), m_buffer.data(), m_buffer.size(),
                                              page.data(), page.size(), kZstdLevel);
        if (ZSTD_isError(size)) {
            throw std::runtime_error(std::string("parquet: zstd compression failed: ") +
                                     ZSTD_getErrorName(size));
        }
        return {m_buffer.data(), size};
    }
    }
    return page;
}

} // namespace streamgen::parquet
