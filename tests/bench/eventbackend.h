// The event-loop interface the reference servers are written against: libvirt's
// public virEventAddHandle family, with its callback signature and its event bits
// (READABLE 1, WRITABLE 2, ERROR 4, HANGUP 8). The same server code then runs on
// the minimal poll() loop (PollBackend) and on libvirt's own loop (LibvirtBackend),
// so the two differ only in the loop.
#pragma once

namespace pollscope::bench {

class EventBackend
{
public:
    using HandleCallback = void (*)(int watch, int fd, int events, void *opaque);

    virtual ~EventBackend() = default;

    // All of these are called from the loop thread only.
    virtual int addHandle(int fd, int events, HandleCallback cb, void *opaque) = 0;
    virtual void updateHandle(int watch, int events) = 0;
    // The callback is not called again once this returns.
    virtual void removeHandle(int watch) = 0;
    // Waits for events and dispatches them once.
    virtual void runOnce() = 0;
};

} // namespace pollscope::bench
