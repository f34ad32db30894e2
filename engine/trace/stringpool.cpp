#include "stringpool.h"

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace pollscope {

namespace {

// Texts are never freed, and some come from peers (a URI, a length word). Past this
// many bytes, new texts are replaced by one fixed text, so a hostile or endless run
// cannot make the pool grow without bound.
constexpr size_t kPoolBudgetBytes = 64u << 20;
constexpr const char *kOverBudget = "(text not kept: the trace has recorded too many distinct texts)";

struct TextHash
{
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

} // namespace

const char *internString(std::string_view text)
{
    static std::mutex lock;
    // Node-based, so element addresses stay valid as the set grows. Looked up by
    // string_view (a transparent hash), so that finding a text copies nothing.
    static std::unordered_set<std::string, TextHash, std::equal_to<>> pool;
    static size_t bytes = 0;
    std::lock_guard guard(lock);
    if (const auto found = pool.find(text); found != pool.end())
        return found->c_str();
    if (bytes + text.size() > kPoolBudgetBytes)
        return kOverBudget;
    bytes += text.size() + sizeof(std::string);
    return pool.emplace(text).first->c_str();
}

} // namespace pollscope
