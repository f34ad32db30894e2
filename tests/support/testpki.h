// A throwaway PKI in a fresh temporary folder, laid out as libvirt expects it, made
// by tests/support/make-test-pki.sh with certtool and removed with the object.
#pragma once

#include <string>

namespace pollscope::test {

class TestPki
{
public:
    // `padding` long extra host names make the server certificate about 250 bytes
    // each larger (see make-test-pki.sh).
    explicit TestPki(int padding = 0);
    ~TestPki();
    TestPki(const TestPki &) = delete;
    TestPki &operator=(const TestPki &) = delete;

    bool isValid() const { return m_error.empty(); }
    const std::string &error() const { return m_error; }
    const std::string &folder() const { return m_folder; }
    std::string file(const char *name) const { return m_folder + "/" + name; }

private:
    std::string m_folder;
    std::string m_error;
};

} // namespace pollscope::test
