#include "threadnames.h"

#include <mutex>
#include <unistd.h>

namespace pollscope::ThreadNames {

namespace {

std::mutex &registryLock()
{
    static std::mutex lock;
    return lock;
}

std::vector<std::string> &registry()
{
    static std::vector<std::string> names;
    return names;
}

thread_local int t_currentId = -1;

uint16_t idOfLocked(std::string_view name)
{
    auto &names = registry();
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name)
            return uint16_t(i);
    }
    names.emplace_back(name);
    return uint16_t(names.size() - 1);
}

} // namespace

uint16_t idOf(std::string_view name)
{
    std::lock_guard guard(registryLock());
    return idOfLocked(name);
}

void setCurrent(std::string_view name)
{
    t_currentId = idOf(name);
}

uint16_t currentId()
{
    if (t_currentId < 0)
        t_currentId = idOf("thread-" + std::to_string(gettid()));
    return uint16_t(t_currentId);
}

Scope::Scope(std::string_view name)
    : m_saved(t_currentId)
{
    setCurrent(name);
}

Scope::~Scope()
{
    t_currentId = m_saved;
}

std::vector<std::string> snapshot()
{
    std::lock_guard guard(registryLock());
    return registry();
}

} // namespace pollscope::ThreadNames
