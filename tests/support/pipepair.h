// A non-blocking, close-on-exec pipe owned by a test.
#pragma once

namespace pollscope::test {

class PipePair
{
public:
    PipePair();
    ~PipePair();
    PipePair(const PipePair &) = delete;
    PipePair &operator=(const PipePair &) = delete;

    int readFd() const { return m_fds[0]; }
    int writeFd() const { return m_fds[1]; }
    // Writes one byte; returns true if it was written.
    bool writeByte(char byte = 'x') const;
    // Reads one byte; returns true if one was there.
    bool readByte() const;
    void closeReadEnd();

private:
    int m_fds[2] = {-1, -1};
};

} // namespace pollscope::test
