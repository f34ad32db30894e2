#pragma once

#include <QStringList>

namespace pollscope::app {

// `pollscope convert IN OUT [--format jsonl|chrome|binary]`: writes a trace in
// another format.
int runConvertCommand(const QStringList &arguments);

} // namespace pollscope::app
