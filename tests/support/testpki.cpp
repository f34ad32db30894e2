#include "testpki.h"

#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>

namespace pollscope::test {

TestPki::TestPki(int padding)
{
    char pattern[] = "/tmp/pollscope-pki-XXXXXX";
    if (!::mkdtemp(pattern)) {
        m_error = "cannot make a temporary folder";
        return;
    }
    m_folder = pattern;
    const char *source = std::getenv("POLLSCOPE_SOURCE_DIR");
    if (!source) {
        m_error = "POLLSCOPE_SOURCE_DIR is not set: run the test through CTest";
        return;
    }
    const std::string command = std::string("sh '") + source + "/tests/support/make-test-pki.sh' '" + m_folder + "' "
        + std::to_string(padding);
    const int status = std::system(command.c_str());
    if (status != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        m_error = "make-test-pki.sh failed (is certtool from gnutls-bin installed?): " + command;
}

TestPki::~TestPki()
{
    std::error_code ignored;
    if (!m_folder.empty())
        std::filesystem::remove_all(m_folder, ignored);
}

} // namespace pollscope::test
