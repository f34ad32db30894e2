#include "atomicfile.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>

namespace pollscope {

namespace {

// The process's umask, read without setting it: umask() can only be read by changing
// it, and for that moment every other thread would create files without it.
mode_t currentUmask()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "Umask:") {
            std::string octal;
            status >> octal;
            return mode_t(std::stoul(octal, nullptr, 8));
        }
        status.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    }
    return 022;
}

} // namespace

AtomicFile::~AtomicFile()
{
    discard();
}

bool AtomicFile::fail(const char *what, int err)
{
    m_error = std::string("cannot ") + what + " " + m_path + ": " + std::strerror(err);
    discard();
    return false;
}

void AtomicFile::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_tempPath.empty()) {
        ::unlink(m_tempPath.c_str());
        m_tempPath.clear();
    }
}

bool AtomicFile::open(const std::string &path)
{
    discard();
    m_path = path;
    m_error.clear();
    const size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string(".") : path.substr(0, slash + 1);
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    if (base.empty()) {
        m_error = "cannot write " + path + ": not a file name";
        return false;
    }
    std::string temp = (slash == std::string::npos ? std::string() : dir) + "." + base + ".XXXXXX";
    m_fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (m_fd < 0)
        return fail("create a file in the folder of", errno);
    m_tempPath = temp;
    m_written = 0;
    m_handedToDisk = 0;
    // mkostemp makes the file 0600; give it the usual mode for a new file.
    ::fchmod(m_fd, 0666 & ~currentUmask());
    return true;
}

bool AtomicFile::write(std::string_view data)
{
    if (m_fd < 0) {
        if (m_error.empty())
            m_error = "cannot write " + m_path + ": file is not open";
        return false;
    }
    while (!data.empty()) {
        const ssize_t n = ::write(m_fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail("write", errno);
        }
        data.remove_prefix(size_t(n));
        m_written += uint64_t(n);
    }
    writeBehind();
    return true;
}

void AtomicFile::writeBehind()
{
    // Advice only: where the file system cannot take it, the kernel writes the file
    // out in its own time, as it would anyway.
    while (m_written - m_handedToDisk >= kWriteBehindWindow) {
        ::sync_file_range(m_fd, off64_t(m_handedToDisk), off64_t(kWriteBehindWindow), SYNC_FILE_RANGE_WRITE);
        if (m_handedToDisk >= kWriteBehindWindow) {
            const off64_t previous = off64_t(m_handedToDisk - kWriteBehindWindow);
            ::sync_file_range(m_fd, previous, off64_t(kWriteBehindWindow),
                              SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
            ::posix_fadvise(m_fd, previous, off_t(kWriteBehindWindow), POSIX_FADV_DONTNEED);
        }
        m_handedToDisk += kWriteBehindWindow;
    }
}

bool AtomicFile::commit()
{
    if (m_fd < 0) {
        if (m_error.empty())
            m_error = "cannot write " + m_path + ": file is not open";
        return false;
    }
    if (::fsync(m_fd) < 0)
        return fail("write", errno);
    if (::close(m_fd) < 0) {
        m_fd = -1;
        return fail("write", errno);
    }
    m_fd = -1;
    if (::rename(m_tempPath.c_str(), m_path.c_str()) < 0)
        return fail("replace", errno);
    m_tempPath.clear();
    return true;
}

} // namespace pollscope
