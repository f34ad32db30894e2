// Bytes written as hex digits, as scenarios and the specification write wire data:
// "00 00 00 1c" or "0000001c | 20008086". Spaces, tabs, line breaks and '|' separate
// groups and are ignored.
#pragma once

#include "result.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace pollscope {

// The bytes, or an error saying what is wrong: a character that is not a hex digit or
// a separator, or an odd number of digits.
Result<std::vector<uint8_t>> decodeHex(std::string_view text);

} // namespace pollscope
