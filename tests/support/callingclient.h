// A well-behaved client that keeps calling the daemon from its own thread while a
// test is hostile next to it. Every reply is checked against the test hypervisor's
// answer, so "the daemon still serves others" is something a test can wait for
// (more correct replies) and assert (no wrong or missing reply).
#pragma once

#include "client/remoteclient.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace pollscope::test {

class CallingClient
{
public:
    CallingClient() = default;
    ~CallingClient();
    CallingClient(const CallingClient &) = delete;
    CallingClient &operator=(const CallingClient &) = delete;

    // Connects to the Unix socket at `path`, opens the connection and starts
    // calling; false and problem() if it cannot.
    bool start(const std::string &path);
    // Waits until `count` more correct replies than so far have arrived; false if
    // a reply was wrong or missing, or on timeout.
    bool waitForMoreReplies(int count, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    // Stops calling, joins the thread and hangs up. Idempotent.
    void stop();

    int correctReplies() const;
    // The first wrong reply or failed call, empty while there is none.
    std::string problem() const;

private:
    void callLoop();
    // One call of the rotation; returns why its reply is wrong, or "".
    std::string checkedCall(int turn);

    RemoteClient m_client;
    std::thread m_thread;
    mutable std::mutex m_lock;
    std::condition_variable m_changed;
    bool m_stop = false;
    int m_replies = 0;
    std::string m_problem;
};

} // namespace pollscope::test
