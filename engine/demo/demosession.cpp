#include "demosession.h"

#include "eventpoll/eventpoll.h"
#include "trace/threadnames.h"
#include "trace/tracer.h"

#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace pollscope {

namespace {

using namespace std::chrono_literals;

struct Pipe
{
    int fds[2] = {-1, -1};
    int watch = -1;
    Pipe()
    {
        if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) < 0)
            throw std::runtime_error("cannot create a pipe");
    }
    ~Pipe()
    {
        for (int fd : fds)
            ::close(fd);
    }
    void send(char c) const { (void)!::write(fds[1], &c, 1); }
};

struct Demo
{
    EventPoll loop;
    Pipe first;
    Pipe second;
    Pipe late;
    int heartbeat = -1;
    int heartbeats = 0;
    std::atomic<bool> quit{false};

    explicit Demo(Tracer &tracer) : loop(tracer) {}
};

// Reads what arrived. A 'k' byte on the first pipe asks it to remove the second
// pipe's handle, which is ready in this same pass: dispatch then skips it.
void onFirstReadable(int, int fd, int, void *opaque)
{
    auto *demo = static_cast<Demo *>(opaque);
    char c;
    while (::read(fd, &c, 1) == 1) {
        if (c == 'k' && demo->second.watch > 0) {
            demo->loop.removeHandle(demo->second.watch);
            demo->second.watch = -1;
        }
    }
}

void onReadable(int, int fd, int, void *)
{
    char c;
    while (::read(fd, &c, 1) == 1) {
    }
}

// Fires every 10 ms; after five beats it removes itself.
void onHeartbeat(int timer, void *opaque)
{
    auto *demo = static_cast<Demo *>(opaque);
    if (++demo->heartbeats == 5)
        demo->loop.removeTimeout(timer);
}

void onQuit(int, void *) {}

} // namespace

TraceSession runDemoSession(Tracer &tracer)
{
    ThreadNames::setCurrent("main");
    Demo demo(tracer);
    if (demo.loop.init() < 0)
        throw std::runtime_error("cannot initialise the event loop");

    demo.first.watch = demo.loop.addHandle(demo.first.fds[0], EventHandle::Readable, onFirstReadable, &demo,
                                           nullptr, "onFirstReadable");
    demo.second.watch = demo.loop.addHandle(demo.second.fds[0], EventHandle::Readable, onReadable, &demo, nullptr,
                                            "onSecondReadable");
    demo.heartbeat = demo.loop.addTimeout(10, onHeartbeat, &demo, nullptr, "onHeartbeat");

    std::thread loopThread([&demo] {
        ThreadNames::setCurrent("loop");
        while (!demo.quit.load())
            demo.loop.runOnce();
    });

    std::thread writer([&demo] {
        ThreadNames::setCurrent("writer");
        std::this_thread::sleep_for(20ms);
        demo.first.send('a');
        std::this_thread::sleep_for(20ms);
        demo.second.send('b');
        std::this_thread::sleep_for(20ms);
        // Added from this thread while the loop sleeps in poll(): the interrupt
        // writes the wakeup pipe so that the loop polls the new fd too.
        demo.late.watch = demo.loop.addHandle(demo.late.fds[0], EventHandle::Readable, onReadable, &demo, nullptr,
                                              "onLateReadable");
        std::this_thread::sleep_for(20ms);
        demo.late.send('c');
        std::this_thread::sleep_for(20ms);
        // Hold the loop, make both pipes ready, let it go: one poll() sees both,
        // and the first one's callback removes the second before its turn comes.
        StepControl &control = demo.loop.stepControl();
        const uint64_t holds = control.holds();
        control.pause(); // wakes the loop from poll(), so it holds at once
        control.waitForHold(holds, 1s);
        demo.second.send('d');
        demo.first.send('k');
        control.resume();
        std::this_thread::sleep_for(40ms);
    });
    writer.join();

    // Stop: a zero-frequency timer makes the loop come round once more.
    demo.quit.store(true);
    demo.loop.addTimeout(0, onQuit, &demo, nullptr, "onQuit");
    loopThread.join();

    return tracer.takeSession("demo");
}

} // namespace pollscope
