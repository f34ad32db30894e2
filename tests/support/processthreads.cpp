#include "processthreads.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pollscope::test {

namespace {

std::string firstLine(const std::filesystem::path &path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

// The state letter of /proc/PID/task/TID/stat: after the name, which is in
// parentheses and may itself hold spaces and parentheses.
char stateOf(const std::string &stat)
{
    const size_t close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() ? stat[close + 2] : '?';
}

// A field of /proc/.../status, such as SigBlk (the signals a thread blocks, in hex).
std::string statusField(const std::filesystem::path &status, const std::string &name)
{
    std::ifstream in(status);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(name + ":", 0) == 0)
            return line.substr(line.find_first_not_of(" \t", name.size() + 1));
    }
    return "?";
}

} // namespace

std::string threadStates(long long pid)
{
    std::ostringstream out;
    std::error_code error;
    const std::filesystem::path process = "/proc/" + std::to_string(pid);
    const std::filesystem::path tasks = process / "task";
    out << "signals pending for the process " << statusField(process / "status", "ShdPnd") << '\n';
    for (const auto &task : std::filesystem::directory_iterator(tasks, error)) {
        const std::string syscall = firstLine(task.path() / "syscall");
        out << "thread " << task.path().filename().string() << " '" << firstLine(task.path() / "comm") << "' state "
            << stateOf(firstLine(task.path() / "stat")) << " in " << firstLine(task.path() / "wchan")
            << " syscall " << syscall.substr(0, syscall.find(' ')) << ", signals pending "
            << statusField(task.path() / "status", "SigPnd") << " blocked " << statusField(task.path() / "status", "SigBlk")
            << '\n';
    }
    return out.str();
}

} // namespace pollscope::test
