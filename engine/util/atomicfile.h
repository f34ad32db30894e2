// Writes a file so that it appears whole or not at all.
//
// Data goes to a temporary file next to the target; commit() flushes it to disk and
// renames it over the target in one step. If anything fails, or the object is
// destroyed before commit(), the temporary file is removed and the previous target
// file, if any, is left untouched.
#pragma once

#include <string>
#include <string_view>

namespace pollscope {

class AtomicFile
{
public:
    AtomicFile() = default;
    ~AtomicFile();
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    bool open(const std::string &path);
    bool write(std::string_view data);
    bool commit();

    // Why the last call failed, naming the file: "cannot write /x/t.json: No space left on device".
    const std::string &error() const { return m_error; }

private:
    bool fail(const char *what, int err);
    void discard();
    // A long file (a daemon's trace grows by tens of MB a second) is handed to the
    // disk a window at a time as it grows, and each window is let go of the page
    // cache once written: memory stays bounded and fresh pages are not needed for
    // ever more of it.
    static constexpr uint64_t kWriteBehindWindow = 8 << 20;
    void writeBehind();

    std::string m_path;
    std::string m_tempPath;
    int m_fd = -1;
    uint64_t m_written = 0;      // bytes written so far
    uint64_t m_handedToDisk = 0; // bytes whose write-out has been started
    std::string m_error;
};

} // namespace pollscope
