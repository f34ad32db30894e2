// A TLS client of the daemon for tests, on gnutls as virsh's is, that can stop
// anywhere a slow or hostile peer would: before its hello, after it, or half-way
// through reading the daemon's answer.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

struct gnutls_session_int;
struct gnutls_certificate_credentials_st;

namespace pollscope::test {

class TlsTestClient
{
public:
    enum class Certificate { Present, Absent };

    TlsTestClient() = default;
    ~TlsTestClient();
    TlsTestClient(const TlsTestClient &) = delete;
    TlsTestClient &operator=(const TlsTestClient &) = delete;

    // A TCP connection to 127.0.0.1:port. A receive buffer of `receiveBuffer` bytes,
    // if given, is set before connecting, so the window the daemon sees is small.
    bool connect(int port, int receiveBuffer = 0);
    // Sends the ClientHello and returns without reading the answer. The client's
    // certificate, if present, and the CA come from `pkiFolder`.
    bool startHandshake(const std::string &pkiFolder, Certificate certificate);
    // Reads and writes until the handshake is done (with a deadline).
    bool finishHandshake();
    bool handshake(const std::string &pkiFolder, Certificate certificate)
    {
        return startHandshake(pkiFolder, certificate) && finishHandshake();
    }
    // The byte the daemon sends once it let the client in, or nullopt if it closed.
    std::optional<uint8_t> readConfirmation();
    // Sends bytes inside TLS, all in one record.
    bool sendRecord(std::span<const uint8_t> bytes);
    // Reads one whole RPC message inside TLS.
    std::optional<std::vector<uint8_t>> readMessage();
    // Sends bytes on the socket as they are, outside TLS.
    bool sendPlain(std::span<const uint8_t> bytes);
    // Whether the daemon closes the connection within `timeout`.
    bool waitForClose(std::chrono::milliseconds timeout);
    const std::string &error() const { return m_error; }

    // A client's first handshake flight (its ClientHello), as bytes.
    static std::vector<uint8_t> clientHello();

private:
    bool fail(const std::string &what);
    bool receive(uint8_t *data, size_t length);

    int m_fd = -1;
    gnutls_session_int *m_session = nullptr;
    gnutls_certificate_credentials_st *m_credentials = nullptr;
    std::string m_error;
};

} // namespace pollscope::test
