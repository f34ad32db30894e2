#include "sourcelocation.h"

namespace pollscope {

std::string SourceLocation::describe() const
{
    if (column <= 0)
        return file + ":" + std::to_string(line);
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

} // namespace pollscope
