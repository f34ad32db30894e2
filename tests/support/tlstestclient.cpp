#include "tlstestclient.h"

#include "rpc/messageheader.h"

#include <gnutls/gnutls.h>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace pollscope::test {

namespace {

// Long enough for a handshake under a sanitizer, short enough that a daemon that
// never answers fails the test instead of hanging it.
constexpr int kIoTimeoutSeconds = 20;

// gnutls returns GNUTLS_E_AGAIN from a blocking socket too: when the socket's
// timeout passes, and after it handled a TLS 1.3 message that carries no data (a
// session ticket). Both are retried until the deadline.
std::chrono::steady_clock::time_point ioDeadline()
{
    return std::chrono::steady_clock::now() + std::chrono::seconds(kIoTimeoutSeconds);
}

void setBlocking(int fd, bool blocking)
{
    const int flags = ::fcntl(fd, F_GETFL);
    ::fcntl(fd, F_SETFL, blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK);
}

} // namespace

TlsTestClient::~TlsTestClient()
{
    if (m_session)
        gnutls_deinit(m_session);
    if (m_credentials)
        gnutls_certificate_free_credentials(m_credentials);
    if (m_fd >= 0)
        ::close(m_fd);
}

bool TlsTestClient::fail(const std::string &what)
{
    m_error = what;
    return false;
}

bool TlsTestClient::connect(int port, int receiveBuffer)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return fail(std::string("socket: ") + std::strerror(errno));
    if (receiveBuffer > 0)
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    const timeval timeout = {kIoTimeoutSeconds, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0)
        return fail(std::string("connect: ") + std::strerror(errno));
    return true;
}

bool TlsTestClient::startHandshake(const std::string &pkiFolder, Certificate certificate)
{
    int err = gnutls_certificate_allocate_credentials(&m_credentials);
    if (err == 0)
        err = gnutls_certificate_set_x509_trust_file(m_credentials, (pkiFolder + "/cacert.pem").c_str(),
                                                     GNUTLS_X509_FMT_PEM) > 0
            ? 0
            : GNUTLS_E_FILE_ERROR;
    if (err == 0 && certificate == Certificate::Present)
        err = gnutls_certificate_set_x509_key_file(m_credentials, (pkiFolder + "/clientcert.pem").c_str(),
                                                   (pkiFolder + "/clientkey.pem").c_str(), GNUTLS_X509_FMT_PEM);
    if (err == 0)
        err = gnutls_init(&m_session, GNUTLS_CLIENT);
    if (err == 0)
        err = gnutls_set_default_priority(m_session);
    if (err == 0)
        err = gnutls_credentials_set(m_session, GNUTLS_CRD_CERTIFICATE, m_credentials);
    if (err != 0)
        return fail(std::string("client set-up: ") + gnutls_strerror(err));
    gnutls_transport_set_int(m_session, m_fd);
    // One step without blocking: the hello goes out, and whatever the daemon has
    // not answered yet stays unread.
    setBlocking(m_fd, false);
    err = gnutls_handshake(m_session);
    setBlocking(m_fd, true);
    if (err != GNUTLS_E_AGAIN && err != GNUTLS_E_INTERRUPTED && err != 0)
        return fail(std::string("handshake start: ") + gnutls_strerror(err));
    return true;
}

bool TlsTestClient::finishHandshake()
{
    const auto deadline = ioDeadline();
    for (;;) {
        const int err = gnutls_handshake(m_session);
        if (err == 0)
            return true;
        if (err == GNUTLS_E_AGAIN && std::chrono::steady_clock::now() >= deadline)
            return fail("handshake: no answer within the deadline");
        if (err != GNUTLS_E_AGAIN && err != GNUTLS_E_INTERRUPTED && gnutls_error_is_fatal(err))
            return fail(std::string("handshake: ") + gnutls_strerror(err));
    }
}

bool TlsTestClient::receive(uint8_t *data, size_t length)
{
    const auto deadline = ioDeadline();
    while (length > 0) {
        const ssize_t n = gnutls_record_recv(m_session, data, length);
        if (n == GNUTLS_E_INTERRUPTED || (n == GNUTLS_E_AGAIN && std::chrono::steady_clock::now() < deadline))
            continue;
        if (n == 0)
            return fail("the daemon closed the connection");
        if (n < 0)
            return fail(std::string("receive: ") + gnutls_strerror(int(n)));
        data += n;
        length -= size_t(n);
    }
    return true;
}

std::optional<uint8_t> TlsTestClient::readConfirmation()
{
    uint8_t byte = 0;
    if (!receive(&byte, 1))
        return std::nullopt;
    return byte;
}

bool TlsTestClient::sendRecord(std::span<const uint8_t> bytes)
{
    for (;;) {
        const ssize_t n = gnutls_record_send(m_session, bytes.data(), bytes.size());
        if (n == GNUTLS_E_INTERRUPTED || n == GNUTLS_E_AGAIN)
            continue;
        if (n < 0)
            return fail(std::string("send: ") + gnutls_strerror(int(n)));
        if (size_t(n) != bytes.size())
            return fail("the record was split");
        return true;
    }
}

std::optional<std::vector<uint8_t>> TlsTestClient::readMessage()
{
    std::vector<uint8_t> frame(4);
    if (!receive(frame.data(), 4))
        return std::nullopt;
    const uint32_t length = decodeLengthWord(frame);
    if (!validateLengthWord(length)) {
        fail("bad length word");
        return std::nullopt;
    }
    frame.resize(length);
    if (!receive(frame.data() + 4, length - 4))
        return std::nullopt;
    return frame;
}

bool TlsTestClient::sendPlain(std::span<const uint8_t> bytes)
{
    const ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n != ssize_t(bytes.size()))
        return fail(std::string("send: ") + std::strerror(errno));
    return true;
}

bool TlsTestClient::waitForClose(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        pollfd item = {m_fd, POLLIN, 0};
        if (::poll(&item, 1, int(left.count())) <= 0)
            continue;
        // Whatever the daemon still sent (an alert, a flight) is read and dropped.
        uint8_t buffer[4096];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
            return true;
    }
}

std::vector<uint8_t> TlsTestClient::clientHello()
{
    // A client session whose transport captures what it writes and has nothing to read.
    std::vector<uint8_t> captured;
    gnutls_certificate_credentials_t credentials;
    gnutls_session_t session;
    gnutls_certificate_allocate_credentials(&credentials);
    gnutls_init(&session, GNUTLS_CLIENT);
    gnutls_set_default_priority(session);
    gnutls_credentials_set(session, GNUTLS_CRD_CERTIFICATE, credentials);
    gnutls_transport_set_ptr(session, &captured);
    gnutls_transport_set_push_function(session, [](gnutls_transport_ptr_t out, const void *data, size_t size) {
        auto *bytes = static_cast<const uint8_t *>(data);
        static_cast<std::vector<uint8_t> *>(out)->insert(static_cast<std::vector<uint8_t> *>(out)->end(), bytes,
                                                         bytes + size);
        return ssize_t(size);
    });
    gnutls_transport_set_pull_function(session, [](gnutls_transport_ptr_t, void *, size_t) -> ssize_t {
        errno = EAGAIN;
        return -1;
    });
    gnutls_handshake(session);
    gnutls_deinit(session);
    gnutls_certificate_free_credentials(credentials);
    return captured;
}

} // namespace pollscope::test
