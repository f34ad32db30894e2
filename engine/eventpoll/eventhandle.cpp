#include "eventhandle.h"

#include <poll.h>

namespace pollscope {

int toNativeEvents(int events)
{
    int native = 0;
    if (events & EventHandle::Readable)
        native |= POLLIN;
    if (events & EventHandle::Writable)
        native |= POLLOUT;
    if (events & EventHandle::Error)
        native |= POLLERR;
    if (events & EventHandle::Hangup)
        native |= POLLHUP;
    return native;
}

int fromNativeEvents(int nativeEvents)
{
    int events = 0;
    if (nativeEvents & POLLIN)
        events |= EventHandle::Readable;
    if (nativeEvents & POLLOUT)
        events |= EventHandle::Writable;
    if (nativeEvents & (POLLERR | POLLNVAL))
        events |= EventHandle::Error;
    if (nativeEvents & POLLHUP)
        events |= EventHandle::Hangup;
    return events;
}

namespace {

template<size_t N>
std::string joinFlags(int bits, const std::pair<int, const char *> (&names)[N])
{
    std::string text;
    for (const auto &[bit, name] : names) {
        if (!(bits & bit))
            continue;
        if (!text.empty())
            text += '|';
        text += name;
    }
    return text.empty() ? std::string("-") : text;
}

} // namespace

std::string eventHandleString(int events)
{
    static const std::pair<int, const char *> names[] = {
        {EventHandle::Readable, "R"}, {EventHandle::Writable, "W"},
        {EventHandle::Error, "E"}, {EventHandle::Hangup, "H"}};
    return joinFlags(events, names);
}

std::string nativeEventString(int nativeEvents)
{
    static const std::pair<int, const char *> names[] = {
        {POLLIN, "IN"}, {POLLPRI, "PRI"}, {POLLOUT, "OUT"},
        {POLLERR, "ERR"}, {POLLHUP, "HUP"}, {POLLNVAL, "NVAL"}};
    return joinFlags(nativeEvents, names);
}

} // namespace pollscope
