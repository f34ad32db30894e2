// Appending JSON text to a buffer, fast and always valid: strings are escaped and
// any byte sequence that is not UTF-8 becomes U+FFFD, so text that came from a
// hostile peer cannot break the file.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace pollscope {

void appendJsonString(std::string &out, std::string_view text);

template<typename Integer>
void appendJsonInteger(std::string &out, Integer value)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, static_cast<size_t>(result.ptr - digits));
}

// Microseconds with three decimals, from nanoseconds, as the Chrome format wants.
void appendMicroseconds(std::string &out, int64_t nanoseconds);

} // namespace pollscope
