// Interned strings for trace events: an event carries a plain pointer, so text
// that is not a literal (a peer address, a reason with numbers in it) is copied
// here once and lives as long as the process.
#pragma once

#include <string_view>

namespace pollscope {

const char *internString(std::string_view text);

} // namespace pollscope
