#include "pollbackend.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace pollscope::bench {

namespace {

short toPoll(int events)
{
    return short((events & 1 ? POLLIN : 0) | (events & 2 ? POLLOUT : 0));
}

int fromPoll(short revents)
{
    return (revents & POLLIN ? 1 : 0) | (revents & POLLOUT ? 2 : 0) | (revents & (POLLERR | POLLNVAL) ? 4 : 0)
        | (revents & POLLHUP ? 8 : 0);
}

} // namespace

int PollBackend::addHandle(int fd, int events, HandleCallback cb, void *opaque)
{
    const int watch = int(m_slotOfWatch.size());
    m_slotOfWatch.push_back(int(m_fds.size()));
    m_fds.push_back({fd, toPoll(events), 0});
    m_entries.push_back({watch, cb, opaque});
    return watch;
}

void PollBackend::updateHandle(int watch, int events)
{
    m_fds[size_t(m_slotOfWatch[size_t(watch)])].events = toPoll(events);
}

void PollBackend::removeHandle(int watch)
{
    const size_t slot = size_t(m_slotOfWatch[size_t(watch)]);
    m_fds[slot].fd = -1;
    m_fds[slot].revents = 0;
    m_entries[slot].cb = nullptr;
    m_slotOfWatch[size_t(watch)] = -1;
    m_removed = true;
}

void PollBackend::compact()
{
    size_t kept = 0;
    for (size_t i = 0; i < m_fds.size(); ++i) {
        if (!m_entries[i].cb)
            continue;
        m_fds[kept] = m_fds[i];
        m_entries[kept] = m_entries[i];
        m_slotOfWatch[size_t(m_entries[kept].watch)] = int(kept);
        ++kept;
    }
    m_fds.resize(kept);
    m_entries.resize(kept);
    m_removed = false;
}

void PollBackend::runOnce()
{
    if (m_removed)
        compact();
    int ready = ::poll(m_fds.data(), nfds_t(m_fds.size()), -1);
    if (ready < 0) {
        if (errno == EINTR)
            return;
        std::fprintf(stderr, "poll: %s\n", std::strerror(errno));
        std::exit(1);
    }
    // Callbacks may add handles (the array grows: index, never hold references) and
    // remove them (the slot's callback is cleared); new slots have no revents.
    const size_t polled = m_fds.size();
    for (size_t i = 0; i < polled && ready > 0; ++i) {
        const short revents = m_fds[i].revents;
        if (!revents)
            continue;
        --ready;
        m_fds[i].revents = 0;
        if (const HandleCallback cb = m_entries[i].cb)
            cb(m_entries[i].watch, m_fds[i].fd, fromPoll(revents), m_entries[i].opaque);
    }
}

} // namespace pollscope::bench
