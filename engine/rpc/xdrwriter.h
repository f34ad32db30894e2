// RFC 4506 XDR encoding into a growing byte vector, the mirror of XdrReader.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pollscope {

class XdrWriter
{
public:
    void writeU32(uint32_t value);
    void writeI32(int32_t value);
    void writeU64(uint64_t value); // unsigned hyper
    void writeI64(int64_t value);  // hyper
    void writeBool(bool value);
    // opaque[N]: the bytes, then zero padding to a multiple of 4.
    void writeFixedOpaque(std::span<const uint8_t> bytes);
    // string<N>: the length, the bytes, zero padding. Keeping within N is the
    // caller's business, as it is for rpcgen's encoders.
    void writeString(std::string_view text);
    // The discriminant of an optional: 1 if a value follows, 0 if not.
    void writeOptionalTag(bool present);
    void writeOptionalString(const std::optional<std::string> &text);
    // Bytes that are already XDR, such as an encoded payload.
    void writeRaw(std::span<const uint8_t> bytes);

    // Room for `bytes` in all, when the final size is known: no regrowth.
    void reserve(size_t bytes) { m_bytes.reserve(bytes); }

    const std::vector<uint8_t> &bytes() const { return m_bytes; }
    std::vector<uint8_t> takeBytes() { return std::move(m_bytes); }
    size_t size() const { return m_bytes.size(); }

private:
    std::vector<uint8_t> m_bytes;
};

} // namespace pollscope
