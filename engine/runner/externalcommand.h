// Runs an external program (a real virsh against the scenario's socket) with a
// deadline, collecting what it prints.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pollscope {

struct CommandResult
{
    bool timedOut = false;
    int exitCode = -1;   // -1 when it did not exit normally
    std::string output;  // standard output and error, interleaved
    std::string error;   // why it could not be run, if so
};

// The full path of `program` found in PATH, if it is installed.
std::optional<std::string> findExecutable(const std::string &program);

CommandResult runExternalCommand(const std::string &path, const std::vector<std::string> &arguments,
                                 const std::vector<std::pair<std::string, std::string>> &environment,
                                 std::chrono::milliseconds timeout);

} // namespace pollscope
