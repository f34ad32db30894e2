// Checks a scenario's `expect:` list against the whole trace of its run.
#pragma once

#include "scenariorunner.h"

#include <vector>

namespace pollscope {

class ClientDirectory;

std::vector<ScenarioFailure> checkExpectations(const Scenario &scenario, const std::vector<TraceEvent> &events,
                                               const ClientDirectory &clients);

} // namespace pollscope
