#include "pipepair.h"

#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

namespace pollscope::test {

PipePair::PipePair()
{
    if (::pipe2(m_fds, O_CLOEXEC | O_NONBLOCK) < 0)
        throw std::runtime_error("pipe2 failed");
}

PipePair::~PipePair()
{
    for (int fd : m_fds) {
        if (fd >= 0)
            ::close(fd);
    }
}

bool PipePair::writeByte(char byte) const
{
    return ::write(m_fds[1], &byte, 1) == 1;
}

bool PipePair::readByte() const
{
    char byte;
    return ::read(m_fds[0], &byte, 1) == 1;
}

void PipePair::closeReadEnd()
{
    if (m_fds[0] >= 0) {
        ::close(m_fds[0]);
        m_fds[0] = -1;
    }
}

} // namespace pollscope::test
