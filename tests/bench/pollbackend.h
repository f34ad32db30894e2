// The minimal poll() loop of the floor server: one persistent pollfd array, events
// changed in place, dispatch by index. Removal clears the slot (poll ignores a
// negative fd) and the array is compacted before the next poll.
#pragma once

#include "eventbackend.h"

#include <poll.h>
#include <vector>

namespace pollscope::bench {

class PollBackend : public EventBackend
{
public:
    int addHandle(int fd, int events, HandleCallback cb, void *opaque) override;
    void updateHandle(int watch, int events) override;
    void removeHandle(int watch) override;
    void runOnce() override;

private:
    struct Entry
    {
        int watch;
        HandleCallback cb; // nullptr once removed
        void *opaque;
    };

    void compact();

    std::vector<pollfd> m_fds;
    std::vector<Entry> m_entries;  // parallel to m_fds
    std::vector<int> m_slotOfWatch; // by watch id; -1 once removed
    bool m_removed = false;
};

} // namespace pollscope::bench
