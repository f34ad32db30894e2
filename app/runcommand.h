#pragma once

#include <QStringList>

#include <string>

namespace pollscope::app {

// `pollscope run SCENARIO [--trace-out FILE] [--format jsonl|chrome] [--normalize]`
int runRunCommand(const QStringList &arguments);

// Where `run --trace-out PATH` writes the real libvirtd's trace of a scenario with
// real_libvirtd: PATH with ".libvirtd9" before its extension.
std::string realLibvirtdTracePath(const std::string &tracePath);

} // namespace pollscope::app
