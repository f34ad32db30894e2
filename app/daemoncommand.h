#pragma once

#include <QStringList>

namespace pollscope::app {

// `pollscope daemon --listen unix:PATH [...]`: serve until SIGINT or SIGTERM.
int runDaemonCommand(const QStringList &arguments);

} // namespace pollscope::app
