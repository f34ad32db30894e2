#pragma once

#include <QStringList>

namespace pollscope::app {

// `pollscope run SCENARIO [--trace-out FILE] [--format jsonl|chrome] [--normalize]`
int runRunCommand(const QStringList &arguments);

} // namespace pollscope::app
