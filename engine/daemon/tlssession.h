// One client's TLS session on the server side (remoteInitializeTLSSession and
// the gnutls calls libvirtd 0.9 makes on it): a non-blocking handshake that says
// which way it waits, record reads and writes, and the client certificate check.
#pragma once

#include "util/result.h"

#include <cstddef>
#include <memory>
#include <string>
#include <sys/types.h>

struct gnutls_session_int;

namespace pollscope {

class TlsCredentials;

class TlsSession
{
public:
    // Which way gnutls_record_get_direction says an interrupted call was going.
    enum class Direction { Read = 0, Write = 1 };

    // What remoteCheckCertificate concluded about the client's certificate.
    struct CertificateCheck
    {
        bool allowed = false;
        std::string problem; // why it is refused, empty when allowed
        std::string name;    // the distinguished name of the client's certificate, if it was read
    };

    // A server session on `fd` that asks for (but does not require) a client
    // certificate; an error if gnutls refuses.
    static Result<std::unique_ptr<TlsSession>> create(const TlsCredentials &credentials, int fd);
    ~TlsSession();
    TlsSession(const TlsSession &) = delete;
    TlsSession &operator=(const TlsSession &) = delete;

    // gnutls_handshake: 0 done, a wouldBlock() code to call again, another negative code failed.
    int handshake();
    Direction direction() const;
    // gnutls_record_recv and gnutls_record_send: bytes, 0 at the peer's close_notify
    // (receive only), or a negative gnutls code.
    ssize_t receive(void *data, size_t length);
    ssize_t send(const void *data, size_t length);
    // Decrypted bytes gnutls holds that poll() cannot see.
    size_t pendingBytes() const;
    CertificateCheck checkPeerCertificate() const;
    // The negotiated protocol and cipher suite, once the handshake is done.
    std::string description() const;

    // GNUTLS_E_AGAIN or GNUTLS_E_INTERRUPTED: nothing failed, try when poll says so.
    static bool wouldBlock(ssize_t code);
    static std::string errorText(ssize_t code);

private:
    TlsSession() = default;

    gnutls_session_int *m_session = nullptr;
};

} // namespace pollscope
