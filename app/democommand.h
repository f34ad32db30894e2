#pragma once

#include <QStringList>

namespace pollscope::app {

// `pollscope demo --trace-out FILE [--format jsonl|chrome]`
int runDemoCommand(const QStringList &arguments);

} // namespace pollscope::app
