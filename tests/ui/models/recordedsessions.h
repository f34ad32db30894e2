// Real event streams for the model and dock tests: the loop and the daemon are run
// for real and their traces recorded, never made up.
#pragma once

#include "trace/tracer.h"

#include <QString>

namespace pollscope::ui {
class TraceStore;
}

namespace pollscope::test {

// Moves what `tracer` recorded since the last call into `store`, as one batch,
// the way the GUI adapter hands events over.
void feedStore(Tracer &tracer, ui::TraceStore &store);

// The daemon replica on a Unix socket in `folder`, one client that connects, makes
// one call, reads the reply and hangs up, then a shutdown. Empty session and
// *error on failure.
TraceSession recordDaemonSession(const QString &folder, QString *error);

// A loop whose zero-frequency timer makes every iteration fire it at once, run until
// at least `events` events are recorded: a long, real trace in well under a second.
TraceSession recordBusyLoopSession(size_t events);

} // namespace pollscope::test
