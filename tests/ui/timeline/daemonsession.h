// A real trace of the libvirtd replica at work, for tests that need more than a
// hand-written stream: clients connect, make calls that workers answer, and hang up.
#pragma once

#include "trace/tracesession.h"

#include <QString>

namespace pollscope::test {

struct DaemonRun
{
    TraceSession session;
    QString error; // empty when the run went as planned
};

// When a worker answers a call: as soon as it has taken it, or only once the trace
// shows the loop asleep in poll() again, so that the reply has to wake the loop
// through the wakeup pipe.
enum class WorkerAnswers { AtOnce, WhileLoopPolls };

// Starts the daemon on a Unix socket with `workerDelayMs` per call, connects
// `clients` clients at once, has each make `calls` calls (ConnectOpen first, then
// ConnectGetVersion) in rounds, reads every reply, closes all the clients, waits
// until the daemon has dropped them, and shuts it down.
DaemonRun runDaemonSession(int clients, int calls, int workerDelayMs,
                           WorkerAnswers answers = WorkerAnswers::AtOnce);

} // namespace pollscope::test
