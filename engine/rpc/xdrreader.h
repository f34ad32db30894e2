// Bounds-checked decoding of RFC 4506 XDR, the encoding of every libvirt RPC message.
//
// Every read checks the bytes left before it touches the buffer. The first failure
// is sticky: it records a message, and that read and every later one return a
// default value without moving, so a caller decodes a whole struct and checks ok()
// once at the end. No input can make a read leave the buffer or allocate more than
// the buffer could hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace pollscope {

class XdrReader
{
public:
    explicit XdrReader(std::span<const uint8_t> data);

    // Inline: every header field of every message is read through these.
    uint32_t readU32() { return need(4) ? takeU32() : 0; }
    int32_t readI32() { return static_cast<int32_t>(readU32()); }
    uint64_t readU64(); // unsigned hyper
    int64_t readI64();  // hyper
    // RFC 4506 declares bool as an enum of FALSE (0) and TRUE (1); any other value
    // is an error here rather than being read as true.
    bool readBool();
    // opaque[N]: exactly out.size() bytes, then padding to a multiple of 4. On
    // failure out is zero-filled.
    void readFixedOpaque(std::span<uint8_t> out);
    // string<max>: a length, the bytes, padding. A length above maxLength or past the
    // end of the data is an error. Padding bytes are skipped whatever their value.
    std::string readString(uint32_t maxLength);
    // The discriminant of an optional (T *x): 0 absent, 1 present, anything else an
    // error (read as absent).
    bool readOptionalTag();
    std::optional<std::string> readOptionalString(uint32_t maxLength);
    // The element count of a variable array T x<max>. Fails if the count is above
    // maxCount, or if count elements of at least minElementSize bytes each cannot fit
    // in what is left, so that a hostile count never reserves a huge vector.
    uint32_t readArrayCount(uint32_t maxCount, size_t minElementSize);

    // Records a failure found by the caller (a semantic check), if none is recorded.
    void fail(std::string message);

    bool ok() const { return m_error.empty(); }
    const std::string &error() const { return m_error; }
    size_t offset() const { return m_offset; }
    size_t remaining() const { return m_data.size() - m_offset; }

private:
    // True if `bytes` more bytes can be read; otherwise records a truncation.
    bool need(size_t bytes) { return (bytes <= remaining() && ok()) || needFailed(bytes); }
    // need()'s rare path: false, with the truncation recorded unless a failure was.
    bool needFailed(size_t bytes);
    // Callers have checked need(4).
    uint32_t takeU32()
    {
        const uint8_t *p = m_data.data() + m_offset;
        m_offset += 4;
        return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
    }

    std::span<const uint8_t> m_data;
    size_t m_offset = 0;
    std::string m_error;
};

// Padding after `length` bytes of opaque or string data, to reach a multiple of 4.
constexpr size_t xdrPadding(size_t length)
{
    return (4 - length % 4) % 4;
}

} // namespace pollscope
