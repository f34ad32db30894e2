// The daemon's X.509 credentials (remoteInitializeGnuTLS): the CA that client
// certificates must chain to, and the server's own certificate and key, from a
// folder laid out as libvirt lays out its PKI.
#pragma once

#include "util/result.h"

#include <memory>
#include <string>

struct gnutls_certificate_credentials_st;

namespace pollscope {

class TlsCredentials
{
public:
    // The files libvirt looks for in its PKI folder.
    static constexpr const char *kCaCertificate = "cacert.pem";
    static constexpr const char *kServerCertificate = "servercert.pem";
    static constexpr const char *kServerKey = "serverkey.pem";

    // Loads the three files from `folder`; an error naming the file if one is
    // missing, unreadable or not what it should be.
    static Result<std::unique_ptr<TlsCredentials>> load(const std::string &folder);
    ~TlsCredentials();
    TlsCredentials(const TlsCredentials &) = delete;
    TlsCredentials &operator=(const TlsCredentials &) = delete;

    gnutls_certificate_credentials_st *handle() const { return m_credentials; }
    // How many CA certificates were loaded.
    int caCount() const { return m_caCount; }

private:
    TlsCredentials() = default;

    gnutls_certificate_credentials_st *m_credentials = nullptr;
    int m_caCount = 0;
};

} // namespace pollscope
