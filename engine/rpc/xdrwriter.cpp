#include "xdrwriter.h"

#include "xdrreader.h"

namespace pollscope {

void XdrWriter::writeU32(uint32_t value)
{
    // One resize instead of four push_backs: every field of every reply comes here.
    const size_t at = m_bytes.size();
    m_bytes.resize(at + 4);
    m_bytes[at] = uint8_t(value >> 24);
    m_bytes[at + 1] = uint8_t(value >> 16);
    m_bytes[at + 2] = uint8_t(value >> 8);
    m_bytes[at + 3] = uint8_t(value);
}

void XdrWriter::writeI32(int32_t value)
{
    writeU32(static_cast<uint32_t>(value));
}

void XdrWriter::writeU64(uint64_t value)
{
    writeU32(uint32_t(value >> 32));
    writeU32(uint32_t(value));
}

void XdrWriter::writeI64(int64_t value)
{
    writeU64(static_cast<uint64_t>(value));
}

void XdrWriter::writeBool(bool value)
{
    writeU32(value ? 1 : 0);
}

void XdrWriter::writeFixedOpaque(std::span<const uint8_t> bytes)
{
    m_bytes.insert(m_bytes.end(), bytes.begin(), bytes.end());
    m_bytes.insert(m_bytes.end(), xdrPadding(bytes.size()), uint8_t(0));
}

void XdrWriter::writeString(std::string_view text)
{
    writeU32(static_cast<uint32_t>(text.size()));
    writeFixedOpaque(std::span(reinterpret_cast<const uint8_t *>(text.data()), text.size()));
}

void XdrWriter::writeOptionalTag(bool present)
{
    writeU32(present ? 1 : 0);
}

void XdrWriter::writeOptionalString(const std::optional<std::string> &text)
{
    writeOptionalTag(text.has_value());
    if (text)
        writeString(*text);
}

void XdrWriter::writeRaw(std::span<const uint8_t> bytes)
{
    m_bytes.insert(m_bytes.end(), bytes.begin(), bytes.end());
}

} // namespace pollscope
