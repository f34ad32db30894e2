// Handle event bits and callback shapes of libvirt's event API (libvirt.h), and the
// conversions to and from poll(2) flags done by virEventPollToNativeEvents and
// virEventPollFromNativeEvents.
#pragma once

#include <string>

namespace pollscope {

// VIR_EVENT_HANDLE_*: these values are ABI in libvirt and appear as-is in traces.
namespace EventHandle {
enum : int {
    Readable = 1,
    Writable = 2,
    Error = 4,
    Hangup = 8,
};
} // namespace EventHandle

using HandleCallback = void (*)(int watch, int fd, int events, void *opaque);
using TimeoutCallback = void (*)(int timer, void *opaque);
using FreeCallback = void (*)(void *opaque);

// READABLE->POLLIN, WRITABLE->POLLOUT, ERROR->POLLERR, HANGUP->POLLHUP.
int toNativeEvents(int events);
// The reverse; POLLNVAL also becomes ERROR (libvirt does not tell them apart), and
// POLLPRI and other bits are dropped.
int fromNativeEvents(int nativeEvents);

// "R|W|E|H"-style text for handle event bits, "-" for none.
std::string eventHandleString(int events);
// "IN|OUT|ERR|HUP|NVAL|PRI"-style text for poll(2) bits, "-" for none.
std::string nativeEventString(int nativeEvents);

} // namespace pollscope
