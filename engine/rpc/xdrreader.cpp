#include "xdrreader.h"

#include <algorithm>

namespace pollscope {

XdrReader::XdrReader(std::span<const uint8_t> data)
    : m_data(data)
{
}

void XdrReader::fail(std::string message)
{
    if (ok())
        m_error = std::move(message);
}

bool XdrReader::needFailed(size_t bytes)
{
    if (ok())
        fail("truncated: need " + std::to_string(bytes) + " bytes at offset " + std::to_string(m_offset)
             + ", have " + std::to_string(remaining()));
    return false;
}

uint64_t XdrReader::readU64()
{
    if (!need(8))
        return 0;
    const uint64_t high = takeU32();
    return high << 32 | takeU32();
}

int64_t XdrReader::readI64()
{
    return static_cast<int64_t>(readU64());
}

bool XdrReader::readBool()
{
    if (!need(4))
        return false;
    const size_t at = m_offset;
    const uint32_t value = takeU32();
    if (value > 1) {
        m_offset = at;
        fail("bool value " + std::to_string(value) + " at offset " + std::to_string(at)
             + " is neither 0 nor 1");
        return false;
    }
    return value == 1;
}

void XdrReader::readFixedOpaque(std::span<uint8_t> out)
{
    if (!need(out.size() + xdrPadding(out.size()))) {
        std::fill(out.begin(), out.end(), uint8_t(0));
        return;
    }
    std::copy_n(m_data.data() + m_offset, out.size(), out.data());
    m_offset += out.size() + xdrPadding(out.size());
}

std::string XdrReader::readString(uint32_t maxLength)
{
    if (!need(4))
        return {};
    const size_t at = m_offset;
    const uint32_t length = takeU32();
    if (length > maxLength) {
        m_offset = at;
        fail("string length " + std::to_string(length) + " exceeds maximum " + std::to_string(maxLength));
        return {};
    }
    // Checked before the string is built, so the allocation is bounded by the data.
    if (!need(size_t(length) + xdrPadding(length))) {
        m_offset = at;
        return {};
    }
    std::string text(reinterpret_cast<const char *>(m_data.data() + m_offset), length);
    m_offset += size_t(length) + xdrPadding(length);
    return text;
}

bool XdrReader::readOptionalTag()
{
    if (!need(4))
        return false;
    const size_t at = m_offset;
    const uint32_t tag = takeU32();
    if (tag > 1) {
        m_offset = at;
        fail("optional discriminant " + std::to_string(tag) + " at offset " + std::to_string(at)
             + " is neither 0 nor 1");
        return false;
    }
    return tag == 1;
}

std::optional<std::string> XdrReader::readOptionalString(uint32_t maxLength)
{
    if (!readOptionalTag())
        return std::nullopt;
    std::string text = readString(maxLength);
    if (!ok())
        return std::nullopt;
    return text;
}

uint32_t XdrReader::readArrayCount(uint32_t maxCount, size_t minElementSize)
{
    if (!need(4))
        return 0;
    const size_t at = m_offset;
    const uint32_t count = takeU32();
    if (count > maxCount) {
        m_offset = at;
        fail("array count " + std::to_string(count) + " exceeds maximum " + std::to_string(maxCount));
        return 0;
    }
    // count < 2^32 and minElementSize is a small struct size: no overflow in size_t.
    const size_t atLeast = size_t(count) * minElementSize;
    const size_t left = remaining();
    if (atLeast > left) {
        m_offset = at;
        fail("array count " + std::to_string(count) + " needs at least " + std::to_string(atLeast)
             + " bytes at offset " + std::to_string(at + 4) + ", have " + std::to_string(left));
        return 0;
    }
    return count;
}

} // namespace pollscope
