// Reading a scenario file (docs/scenarios.md) into a Scenario.
//
// YAML syntax is yaml-cpp's business; this layer checks every key and value against
// the format and stops at the first problem, naming the file, line and column of the
// offending node and what was expected there. Unknown keys are errors at every level,
// so that a typo never silently changes what a scenario does.
#pragma once

#include "scenario.h"

#include <string>
#include <variant>

namespace pollscope {

struct ScenarioParseError
{
    SourceLocation where; // line and column 0 when the problem is the whole file
    std::string message;

    // "file:line:column: message", or "file: message" without a position.
    std::string describe() const;
};

// Reads and parses a file. A file that cannot be read is an error at {path, 0, 0}:
// "path: cannot read the file: No such file or directory".
std::variant<Scenario, ScenarioParseError> parseScenarioFile(const std::string &path);

// Parses text that came from `fileName` (used in locations and in Scenario::file).
// Never throws: any input yields a scenario or an error.
std::variant<Scenario, ScenarioParseError> parseScenarioText(const std::string &text, const std::string &fileName);

} // namespace pollscope
