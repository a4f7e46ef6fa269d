#include "sinks/delta/thrift_compact.h"

#include <cassert>

namespace streamgen::parquet::thrift {

void writeVarint(std::string& out, uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

void CompactWriter::beginStruct() {
    m_lastFieldIds.push_back(0);
}

void CompactWriter::structField(int16_t id) {
    fieldHeader(id, CompactType::Struct);
    beginStruct();
}

void CompactWriter::endStruct() {
    assert(!m_lastFieldIds.empty());
    m_out.push_back('\0');
    m_lastFieldIds.pop_back();
}

void CompactWriter::boolField(int16_t id, bool value) {
    // The compact protocol folds a boolean field's value into its type nibble.
    fieldHeader(id, value ? CompactType::BooleanTrue : CompactType::BooleanFalse);
}

void CompactWriter::i32Field(int16_t id, int32_t value) {
    fieldHeader(id, CompactType::I32);
    i32(value);
}

void CompactWriter::i64Field(int16_t id, int64_t value) {
    fieldHeader(id, CompactType::I64);
    i64(value);
}

void CompactWriter::binaryField(int16_t id, std::string_view value) {
    fieldHeader(id, CompactType::Binary);
    binary(value);
}

void CompactWriter::listField(int16_t id, CompactType elementType, std::size_t size) {
    fieldHeader(id, CompactType::List);
    const auto type = static_cast<uint8_t>(elementType);
    if (size < 15) {
        m_out.push_back(static_cast<char>((size << 4) | type));
    } else {
        m_out.push_back(static_cast<char>(0xf0 | type));
        writeVarint(m_out, size);
    }
}

void CompactWriter::i32(int32_t value) {
    writeVarint(m_out, zigzag(value));
}

void CompactWriter::i64(int64_t value) {
    writeVarint(m_out, zigzag(value));
}

void CompactWriter::binary(std::string_view value) {
    writeVarint(m_out, value.size());
    m_out.append(value);
}

void CompactWriter::fieldHeader(int16_t id, CompactType type) {
    assert(!m_lastFieldIds.empty());
    int16_t& last = m_lastFieldIds.back();
    assert(id > last);
    const int delta = id - last;
    if (delta > 0 && delta <= 15) {
        m_out.push_back(static_cast<char>((delta << 4) | static_cast<uint8_t>(type)));
    } else {
        // Too far from the previous field for the short form: the id follows as a zigzag i16.
        m_out.push_back(static_cast<char>(type));
        writeVarint(m_out, zigzag(id));
    }
    last = id;
}

} // namespace streamgen::parquet::thrift
