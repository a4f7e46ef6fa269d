#pragma once

#include "sinks/delta/parquet_writer.h"

#include <string>
#include <string_view>

namespace streamgen::parquet {

/// Compresses page bodies with the codec of a file, reusing its output buffer and, for zstd, its
/// compression context across pages.
class PageCompressor {
public:
    explicit PageCompressor(Compression compression);
    ~PageCompressor();
    PageCompressor(const PageCompressor&) = delete;
    PageCompressor& operator=(const PageCompressor&) = delete;

    /// The codec number written in ColumnMetaData (UNCOMPRESSED 0, SNAPPY 1, ZSTD 6).
    int codec() const;
    /// The compressed form of `page`: `page` itself when uncompressed, else a view of an internal
    /// buffer that stays valid until the next call.
    std::string_view compress(std::string_view page);

private:
    Compression m_compression;
    std::string m_buffer;
    void* m_zstd = nullptr; ///< ZSTD_CCtx*, kept opaque so that the header needs no zstd.h
};

} // namespace streamgen::parquet
