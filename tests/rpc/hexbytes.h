// Bytes written and shown as hex, so that wire-format expectations read like the
// specification's examples and failures print both sides.
#pragma once

#include "util/hexbytes.h"

#include <QString>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace pollscope::test {

// The bytes of a hex text such as "0000001c | 20008086"; a malformed one is a bug in
// the test, which stops there.
inline std::vector<uint8_t> fromHex(std::string_view text)
{
    Result<std::vector<uint8_t>> bytes = decodeHex(text);
    if (!bytes)
        qFatal("bad hex in a test: %s", bytes.error().message.c_str());
    return std::move(bytes).value();
}

// Words of four bytes separated by spaces: "0000001c 20008086 ...".
inline QString toHex(std::span<const uint8_t> bytes)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    QString text;
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            text += QLatin1Char(' ');
        text += QLatin1Char(kDigits[bytes[i] >> 4]);
        text += QLatin1Char(kDigits[bytes[i] & 0xf]);
    }
    return text;
}

// The canonical form of an expectation written with separators.
inline QString normalizedHex(std::string_view text)
{
    return toHex(fromHex(text));
}

} // namespace pollscope::test
