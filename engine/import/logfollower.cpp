#include "logfollower.h"

#include <fcntl.h>
#include <unistd.h>

#include <utility>

namespace pollscope {

LogFollower::LogFollower(std::string path) : m_path(std::move(path)) {}

LogFollower::~LogFollower()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool LogFollower::readNewLines(std::vector<std::string> &lines)
{
    if (m_fd < 0) {
        m_fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0)
            return false;
    }
    char buffer[65536];
    ssize_t count;
    while ((count = ::read(m_fd, buffer, sizeof buffer)) > 0) {
        size_t start = 0;
        for (size_t i = 0; i < size_t(count); ++i) {
            if (buffer[i] != '\n')
                continue;
            m_partial.append(buffer + start, i - start);
            lines.push_back(std::move(m_partial));
            m_partial.clear();
            start = i + 1;
        }
        m_partial.append(buffer + start, size_t(count) - start);
    }
    return true;
}

std::string LogFollower::takePartialLine()
{
    return std::exchange(m_partial, std::string());
}

} // namespace pollscope
