// A place in a text file that a message can point at.
#pragma once

#include <string>

namespace pollscope {

struct SourceLocation
{
    std::string file;
    int line = 0;   // from 1; 0 when the whole file is meant
    int column = 0; // from 1; 0 when the whole line is meant

    std::string describe() const; // "file:line:column", or "file:line" without a column
};

} // namespace pollscope
