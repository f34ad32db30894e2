// Which daemon client (the trace's `client` number) each scripted client turned out
// to be, learnt as they connect; scenario conditions name clients by their names.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>

namespace pollscope {

class ClientDirectory
{
public:
    // `scriptName` is "alice" or a burst member "crowd-3"; `groupName` is its client
    // entry's name ("crowd"), so that a condition on "crowd" covers every member.
    // Claims a daemon client for a scripted client; false if another one has it.
    bool record(const std::string &scriptName, const std::string &groupName, int daemonClient)
    {
        std::lock_guard guard(m_lock);
        if (!m_claimed.insert(daemonClient).second)
            return false;
        m_ids[scriptName].insert(daemonClient);
        m_ids[groupName].insert(daemonClient);
        return true;
    }

    bool matches(const std::string &name, int daemonClient) const
    {
        std::lock_guard guard(m_lock);
        const auto it = m_ids.find(name);
        return it != m_ids.end() && it->second.count(daemonClient) > 0;
    }

    std::set<int> idsOf(const std::string &name) const
    {
        std::lock_guard guard(m_lock);
        const auto it = m_ids.find(name);
        return it == m_ids.end() ? std::set<int>{} : it->second;
    }

private:
    mutable std::mutex m_lock;
    std::map<std::string, std::set<int>> m_ids;
    std::set<int> m_claimed;
};

} // namespace pollscope
