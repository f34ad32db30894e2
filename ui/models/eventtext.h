// Text for the values trace events carry: times, event bits, errno and signal
// numbers, RPC names. Shared by the event log, the details and the loop state, so a
// value reads the same in every view.
#pragma once

#include <QString>

#include <cstdint>

namespace pollscope::ui {

// A duration or a time since the session start, in the unit that suits it:
// "850 ns", "41.2 µs", "12.413 ms", "3.250 s".
QString formatDuration(int64_t ns);

// VIR_EVENT_HANDLE_* bits as "R|W|E|H", "-" for none.
QString handleEventsText(int events);
// poll(2) bits as "IN|OUT|ERR|HUP|NVAL|PRI", "-" for none.
QString nativeEventsText(int nativeEvents);

// "EAGAIN (Resource temporarily unavailable)"; the number when it is unknown.
QString errnoText(int err);
// "SIGTERM (Terminated)"; the number when it is unknown.
QString signalText(int signal);

// Symbolic names without allocation, nullptr when unknown: "EAGAIN", and "TERM"
// for SIGTERM (the form sigabbrev_np gives).
const char *errnoName(int err);
const char *signalAbbreviation(int signal);

} // namespace pollscope::ui
