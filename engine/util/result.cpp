#include "result.h"

namespace pollscope {

std::string Error::describe() const
{
    if (where.file.empty())
        return message;
    if (where.line <= 0)
        return where.file + ": " + message;
    return where.describe() + ": " + message;
}

} // namespace pollscope
