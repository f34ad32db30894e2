// Prints what happened in a headless scenario run: the summary, and for each failure
// its place in the scenario and the trace lines around it.
#pragma once

#include "runner/scenariorunner.h"

#include <cstdio>

namespace pollscope::app {

void printScenarioReport(std::FILE *out, const Scenario &scenario, const ScenarioRunResult &result,
                         const std::string &locale);

} // namespace pollscope::app
