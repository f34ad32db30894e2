// A short, real session of the loop for `pollscope demo`: two pipes written by a
// second thread, a handle added from that thread while the loop polls (so the
// wakeup pipe fires), a periodic timer that removes itself, and a callback that
// removes another ready handle during the same dispatch pass, made ready together
// while the loop was held by its step control.
#pragma once

#include "trace/tracesession.h"

namespace pollscope {

class Tracer;

// Runs the session to its end (about a quarter of a second) and returns its trace.
TraceSession runDemoSession(Tracer &tracer);

} // namespace pollscope
