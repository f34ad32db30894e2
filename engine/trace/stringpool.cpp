#include "stringpool.h"

#include <mutex>
#include <string>
#include <unordered_set>

namespace pollscope {

const char *internString(std::string_view text)
{
    static std::mutex lock;
    // Node-based, so element addresses stay valid as the set grows.
    static std::unordered_set<std::string> pool;
    std::lock_guard guard(lock);
    return pool.emplace(text).first->c_str();
}

} // namespace pollscope
