#pragma once

#include <QStringList>

namespace pollscope::app {

// `pollscope import LOG [--trace-out FILE --format jsonl|chrome]`: turns a real
// libvirtd's log into a trace.
int runImportCommand(const QStringList &arguments);

} // namespace pollscope::app
