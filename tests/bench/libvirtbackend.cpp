#include "libvirtbackend.h"

#include <libvirt/libvirt.h>

#include <cstdio>
#include <cstdlib>

namespace pollscope::bench {

// The interface uses libvirt's bit values, so events pass through unchanged.
static_assert(VIR_EVENT_HANDLE_READABLE == 1 && VIR_EVENT_HANDLE_WRITABLE == 2 && VIR_EVENT_HANDLE_ERROR == 4
              && VIR_EVENT_HANDLE_HANGUP == 8);

LibvirtBackend::LibvirtBackend()
{
    if (virEventRegisterDefaultImpl() < 0) {
        std::fprintf(stderr, "virEventRegisterDefaultImpl failed\n");
        std::exit(1);
    }
}

int LibvirtBackend::addHandle(int fd, int events, HandleCallback cb, void *opaque)
{
    const int watch = virEventAddHandle(fd, events, cb, opaque, nullptr);
    if (watch < 0) {
        std::fprintf(stderr, "virEventAddHandle failed\n");
        std::exit(1);
    }
    return watch;
}

void LibvirtBackend::updateHandle(int watch, int events)
{
    virEventUpdateHandle(watch, events);
}

void LibvirtBackend::removeHandle(int watch)
{
    virEventRemoveHandle(watch);
}

void LibvirtBackend::runOnce()
{
    if (virEventRunDefaultImpl() < 0) {
        std::fprintf(stderr, "virEventRunDefaultImpl failed\n");
        std::exit(1);
    }
}

} // namespace pollscope::bench
