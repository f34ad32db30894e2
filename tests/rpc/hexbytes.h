// Bytes written and shown as hex, so that wire-format expectations read like the
// specification's examples and failures print both sides.
#pragma once

#include <QString>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace pollscope::test {

// Parses hex digits, ignoring spaces and '|' separators: "0000001c | 20008086".
inline std::vector<uint8_t> fromHex(std::string_view text)
{
    std::vector<uint8_t> bytes;
    int high = -1;
    for (char c : text) {
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            continue;
        if (high < 0) {
            high = digit;
        } else {
            bytes.push_back(uint8_t(high << 4 | digit));
            high = -1;
        }
    }
    return bytes;
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
