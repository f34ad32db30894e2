// The second half of a scenario with real_libvirtd: the named clients' steps run
// again, against Debian's real libvirtd 9 started in a private folder, and its log
// becomes a trace to set next to the replica's.
#pragma once

#include "scenariorunner.h"

namespace pollscope {

class RunContext;

// Runs the scenario's real_libvirtd clients against a real libvirtd, then stops it
// and removes its folder. A step that does not go as written is a failure in
// `context`, at the step.
RealLibvirtdResult runAgainstRealLibvirtd(RunContext &context);

} // namespace pollscope
