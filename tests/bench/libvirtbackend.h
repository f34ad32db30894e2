// libvirt's own event loop, through its public API (virEventRegisterDefaultImpl,
// virEventAddHandle, virEventUpdateHandle, virEventRemoveHandle,
// virEventRunDefaultImpl): the reference for what the daemon would cost on the
// loop that libvirt ships today.
#pragma once

#include "eventbackend.h"

namespace pollscope::bench {

class LibvirtBackend : public EventBackend
{
public:
    LibvirtBackend();

    int addHandle(int fd, int events, HandleCallback cb, void *opaque) override;
    void updateHandle(int watch, int events) override;
    void removeHandle(int watch) override;
    void runOnce() override;
};

} // namespace pollscope::bench
