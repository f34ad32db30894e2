#include "hexbytes.h"

#include <string>

namespace pollscope {

namespace {

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isSeparator(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '|';
}

} // namespace

Result<std::vector<uint8_t>> decodeHex(std::string_view text)
{
    std::vector<uint8_t> bytes;
    bytes.reserve(text.size() / 2);
    int pending = -1;
    for (const char c : text) {
        if (isSeparator(c))
            continue;
        const int digit = hexDigit(c);
        if (digit < 0)
            return Error{c > ' ' && c < 0x7f ? "'" + std::string(1, c) + "' is not a hex digit"
                                             : std::string("a character that is not a hex digit"),
                         {}};
        if (pending < 0) {
            pending = digit;
        } else {
            bytes.push_back(uint8_t(pending * 16 + digit));
            pending = -1;
        }
    }
    if (pending >= 0)
        return Error{"the hex digits are odd in number (a byte is two)", {}};
    return bytes;
}

} // namespace pollscope
