#pragma once

#include <QStringList>

namespace pollscope::app {

// `pollscope check TRACE...`: checks the invariants of exported traces.
int runCheckCommand(const QStringList &arguments);

} // namespace pollscope::app
