// Reads a file that another process appends to, line by line, as it grows: how
// the live mode follows a real libvirtd's log.
#pragma once

#include <string>
#include <vector>

namespace pollscope {

class LogFollower
{
public:
    explicit LogFollower(std::string path);
    ~LogFollower();
    LogFollower(const LogFollower &) = delete;
    LogFollower &operator=(const LogFollower &) = delete;

    // Appends the lines completed since the last call (without their newlines) to
    // `lines`; a line still being written waits for its newline. False while the
    // file does not exist yet.
    bool readNewLines(std::vector<std::string> &lines);
    // The rest of a line whose newline never came, once the writer is gone.
    std::string takePartialLine();

private:
    std::string m_path;
    int m_fd = -1;
    std::string m_partial;
};

} // namespace pollscope
