#include "looprunner.h"

#include "trace/threadnames.h"

#include <unistd.h>

namespace pollscope::test {

LoopRunner::LoopRunner(EventPoll &loop)
    : m_loop(loop)
{
    m_thread = std::thread([this] {
        ThreadNames::setCurrent("loop");
        m_tid = ::gettid();
        while (!m_stop.load())
            m_loop.runOnce();
    });
    while (m_tid.load() == 0)
        std::this_thread::yield();
}

LoopRunner::~LoopRunner()
{
    stop();
}

void LoopRunner::stop()
{
    if (!m_thread.joinable())
        return;
    m_stop = true;
    const int timer = m_loop.addTimeout(0, [](int, void *) {}, nullptr, nullptr, "stop");
    m_loop.stepControl().resume();
    m_thread.join();
    m_loop.removeTimeout(timer);
}

} // namespace pollscope::test
