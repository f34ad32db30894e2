// What a `run` step does the same against either daemon, the replica or the real
// libvirtd: its placeholders become that daemon's addresses, and its program's end
// is checked against what the step expects.
#pragma once

#include "externalcommand.h"
#include "scenario/scenario.h"

#include <string>
#include <utility>
#include <vector>

namespace pollscope {

using Placeholders = std::vector<std::pair<std::string, std::string>>;

// The step's arguments with each placeholder ("{uri}", ...) replaced.
std::vector<std::string> substitutePlaceholders(const steps::Run &run, const Placeholders &placeholders);

// "virsh -c URI version": the program and its arguments, for the trace and messages.
std::string commandLineOf(const steps::Run &run, const std::vector<std::string> &arguments);

// Empty when the program ended as the step expects; otherwise what went wrong.
std::string commandFailure(const steps::Run &run, const std::string &commandLine, const CommandResult &result);

// The environment a run step's program gets: its own HOME (in `home`), so that it
// reads no user's configuration, and the C locale, so that its output can be checked.
std::vector<std::pair<std::string, std::string>> commandEnvironment(const std::string &home);

} // namespace pollscope
