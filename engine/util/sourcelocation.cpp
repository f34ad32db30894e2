#include "sourcelocation.h"

namespace pollscope {

std::string SourceLocation::describe() const
{
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

} // namespace pollscope
