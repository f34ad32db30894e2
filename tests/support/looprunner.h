// Runs an EventPoll on its own thread, named "loop", until stopped.
#pragma once

#include "eventpoll/eventpoll.h"

#include <atomic>
#include <sys/types.h>
#include <thread>

namespace pollscope::test {

class LoopRunner
{
public:
    explicit LoopRunner(EventPoll &loop);
    ~LoopRunner();
    LoopRunner(const LoopRunner &) = delete;
    LoopRunner &operator=(const LoopRunner &) = delete;

    // Lets the loop go (releasing any pause) and joins its thread. A zero-frequency
    // timer guarantees one more iteration, whether or not the loop is in poll().
    void stop();
    pid_t tid() const { return m_tid.load(); }

private:
    EventPoll &m_loop;
    std::atomic<bool> m_stop{false};
    std::atomic<pid_t> m_tid{0};
    std::thread m_thread;
};

} // namespace pollscope::test
