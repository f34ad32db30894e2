#pragma once

#include <QString>

namespace pollscope::app {

// `pollscope daemon --real`: runs Debian's real libvirtd in a temporary folder until
// SIGINT or SIGTERM, printing its client steps as its log shows them; with a trace
// file, writes the imported log there when it stops.
int runRealDaemon(const QString &traceOut, const QString &format);

} // namespace pollscope::app
