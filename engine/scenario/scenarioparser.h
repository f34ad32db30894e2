// Reading a scenario file (docs/scenarios.md) into a Scenario.
//
// YAML syntax is yaml-cpp's business; this layer checks every key and value against
// the format and stops at the first problem, naming the file, line and column of the
// offending node and what was expected there. Unknown keys are errors at every level,
// so that a typo never silently changes what a scenario does.
#pragma once

#include "scenario.h"

#include "util/result.h"

#include <string>

namespace pollscope {

// Reads and parses a file. A file that cannot be read is an error at {path, 0, 0}, which
// describes itself as "path: cannot read the file: No such file or directory".
Result<Scenario> parseScenarioFile(const std::string &path);

// Parses text that came from `fileName` (used in locations and in Scenario::file).
// Never throws: any input yields a scenario or an error.
Result<Scenario> parseScenarioText(const std::string &text, const std::string &fileName);

} // namespace pollscope
