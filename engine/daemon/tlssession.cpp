#include "tlssession.h"

#include "tlscredentials.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <cstdint>
#include <ctime>
#include <sys/socket.h>
#include <sys/uio.h>

namespace pollscope {

namespace {

// gnutls's own push writes with plain writev(), so a peer that has gone away would
// raise SIGPIPE; the daemon's plain path sends with MSG_NOSIGNAL, and so does this.
ssize_t pushVector(gnutls_transport_ptr_t transport, const giovec_t *vectors, int count)
{
    msghdr message = {};
    // giovec_t is documented to have struct iovec's layout.
    message.msg_iov = const_cast<iovec *>(reinterpret_cast<const iovec *>(vectors));
    message.msg_iovlen = size_t(count);
    return ::sendmsg(int(reinterpret_cast<intptr_t>(transport)), &message, MSG_NOSIGNAL);
}

// One X.509 certificate from the peer's chain, freed on every path.
class Certificate
{
public:
    Certificate() { m_ok = gnutls_x509_crt_init(&m_certificate) == 0; }
    ~Certificate()
    {
        if (m_ok)
            gnutls_x509_crt_deinit(m_certificate);
    }
    Certificate(const Certificate &) = delete;
    Certificate &operator=(const Certificate &) = delete;

    bool import(const gnutls_datum_t &der)
    {
        return m_ok && gnutls_x509_crt_import(m_certificate, &der, GNUTLS_X509_FMT_DER) == 0;
    }
    gnutls_x509_crt_t get() const { return m_certificate; }

private:
    gnutls_x509_crt_t m_certificate = nullptr;
    bool m_ok = false;
};

} // namespace

Result<std::unique_ptr<TlsSession>> TlsSession::create(const TlsCredentials &credentials, int fd)
{
    std::unique_ptr<TlsSession> session(new TlsSession);
    int err = gnutls_init(&session->m_session, GNUTLS_SERVER);
    if (err == 0)
        err = gnutls_set_default_priority(session->m_session);
    if (err == 0)
        err = gnutls_credentials_set(session->m_session, GNUTLS_CRD_CERTIFICATE, credentials.handle());
    if (err != 0)
        return Error{"remoteInitializeTLSSession: " + errorText(err), {}};
    // Ask for a client certificate; remoteCheckCertificate decides what its absence means.
    gnutls_certificate_server_set_request(session->m_session, GNUTLS_CERT_REQUEST);
    gnutls_transport_set_int(session->m_session, fd);
    gnutls_transport_set_vec_push_function(session->m_session, pushVector);
    return session;
}

TlsSession::~TlsSession()
{
    if (m_session)
        gnutls_deinit(m_session);
}

int TlsSession::handshake()
{
    return gnutls_handshake(m_session);
}

TlsSession::Direction TlsSession::direction() const
{
    return gnutls_record_get_direction(m_session) == 0 ? Direction::Read : Direction::Write;
}

ssize_t TlsSession::receive(void *data, size_t length)
{
    return gnutls_record_recv(m_session, data, length);
}

ssize_t TlsSession::send(const void *data, size_t length)
{
    return gnutls_record_send(m_session, data, length);
}

size_t TlsSession::pendingBytes() const
{
    return gnutls_record_check_pending(m_session);
}

TlsSession::CertificateCheck TlsSession::checkPeerCertificate() const
{
    // remoteCheckCertificate's checks, in its order.
    CertificateCheck check;
    unsigned status = 0;
    if (const int err = gnutls_certificate_verify_peers2(m_session, &status); err < 0) {
        check.problem = "cannot verify the certificate: " + errorText(err);
        return check;
    }
    if (status != 0) {
        check.problem = (status & GNUTLS_CERT_SIGNER_NOT_FOUND) ? "the client certificate has an unknown issuer"
                        : (status & GNUTLS_CERT_REVOKED)       ? "the client certificate has been revoked"
                        : (status & GNUTLS_CERT_INSECURE_ALGORITHM)
                            ? "the client certificate uses an insecure algorithm"
                            : "the client certificate is not trusted";
        return check;
    }
    if (gnutls_certificate_type_get(m_session) != GNUTLS_CRT_X509) {
        check.problem = "only X.509 certificates are supported";
        return check;
    }
    unsigned count = 0;
    const gnutls_datum_t *chain = gnutls_certificate_get_peers(m_session, &count);
    if (!chain || count == 0) {
        check.problem = "the client sent no certificate";
        return check;
    }
    const time_t now = std::time(nullptr);
    for (unsigned i = 0; i < count; ++i) {
        Certificate certificate;
        if (!certificate.import(chain[i])) {
            check.problem = "cannot load the client certificate";
            return check;
        }
        if (i == 0) {
            char name[256] = {};
            size_t size = sizeof name;
            if (const int err = gnutls_x509_crt_get_dn(certificate.get(), name, &size); err != 0) {
                check.problem = "cannot read the certificate's distinguished name: " + errorText(err);
                return check;
            }
            check.name = name;
        }
        if (gnutls_x509_crt_get_expiration_time(certificate.get()) < now) {
            check.problem = "the client certificate has expired";
            return check;
        }
        if (gnutls_x509_crt_get_activation_time(certificate.get()) > now) {
            check.problem = "the client certificate is not yet active";
            return check;
        }
    }
    check.allowed = true;
    return check;
}

std::string TlsSession::description() const
{
    char *text = gnutls_session_get_desc(m_session);
    if (!text)
        return {};
    std::string description = text;
    gnutls_free(text);
    return description;
}

bool TlsSession::wouldBlock(ssize_t code)
{
    return code == GNUTLS_E_AGAIN || code == GNUTLS_E_INTERRUPTED;
}

std::string TlsSession::errorText(ssize_t code)
{
    const char *name = gnutls_strerror_name(int(code));
    return std::string(gnutls_strerror(int(code))) + (name ? std::string(" (") + name + ")" : "");
}

} // namespace pollscope
