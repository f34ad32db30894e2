#include "tlscredentials.h"

#include <gnutls/gnutls.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace pollscope {

namespace {

// remoteCheckCertFile: a clear message naming the file before gnutls sees it.
// libvirt only stat()s the file; a file that exists but cannot be read is caught
// here too, where gnutls would only say "Error while reading file".
Result<void> checkFile(const char *what, const std::string &path)
{
    if (::access(path.c_str(), R_OK) == 0)
        return {};
    return Error{std::string("cannot access ") + what + " '" + path + "': " + std::strerror(errno), {}};
}

} // namespace

Result<std::unique_ptr<TlsCredentials>> TlsCredentials::load(const std::string &folder)
{
    const std::string caFile = folder + "/" + kCaCertificate;
    const std::string certFile = folder + "/" + kServerCertificate;
    const std::string keyFile = folder + "/" + kServerKey;
    for (const auto &[what, path] : {std::pair{"the CA certificate", caFile}, std::pair{"the server certificate", certFile},
                                     std::pair{"the server key", keyFile}}) {
        if (Result<void> readable = checkFile(what, path); !readable)
            return readable.error();
    }

    // gnutls_global_init is reference counted since GnuTLS 3.3; the library
    // initialises itself anyway, so this only keeps 0.9's order of steps.
    gnutls_global_init();
    std::unique_ptr<TlsCredentials> credentials(new TlsCredentials);
    if (const int err = gnutls_certificate_allocate_credentials(&credentials->m_credentials); err < 0) {
        gnutls_global_deinit();
        return Error{std::string("gnutls_certificate_allocate_credentials: ") + gnutls_strerror(err), {}};
    }
    const int caCount = gnutls_certificate_set_x509_trust_file(credentials->m_credentials, caFile.c_str(),
                                                              GNUTLS_X509_FMT_PEM);
    if (caCount <= 0) {
        return Error{"cannot load the CA certificate '" + caFile
                         + "': " + (caCount < 0 ? gnutls_strerror(caCount) : "no certificate in it"),
                     {}};
    }
    credentials->m_caCount = caCount;
    if (const int err = gnutls_certificate_set_x509_key_file(credentials->m_credentials, certFile.c_str(),
                                                             keyFile.c_str(), GNUTLS_X509_FMT_PEM);
        err < 0) {
        return Error{"cannot load the server certificate '" + certFile + "' with its key '" + keyFile
                         + "': " + gnutls_strerror(err),
                     {}};
    }
    // libvirt 0.9 generates 1024-bit Diffie-Hellman parameters at every start, which
    // takes seconds; the RFC 7919 group of the same strength class is used instead.
    gnutls_certificate_set_known_dh_params(credentials->m_credentials, GNUTLS_SEC_PARAM_MEDIUM);
    return credentials;
}

TlsCredentials::~TlsCredentials()
{
    if (m_credentials) {
        gnutls_certificate_free_credentials(m_credentials);
        gnutls_global_deinit();
    }
}

} // namespace pollscope
