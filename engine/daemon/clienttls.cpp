// TLS on the daemon's side: remoteInitializeGnuTLS, the handshake that starts in
// qemudDispatchServer and goes on in qemudDispatchClientHandshake, and
// remoteCheckAccess with its certificate check. The handshake runs on the loop
// thread without blocking: each step that cannot finish says which way gnutls
// waits, and the client's handle mode follows (qemudCalculateHandleMode).
#include "server.h"

#include "trace/stringpool.h"
#include "trace/tracer.h"

namespace pollscope {

bool Server::initializeTls()
{
    std::string error;
    m_tlsCredentials = TlsCredentials::load(m_config.pkiDirectory, &error);
    if (!m_tlsCredentials) {
        m_error = error;
        if (auto event = m_tracer.record(EventKind::TlsInit)) {
            event->setResult(-1);
            event->text = internString(error);
        }
        return false;
    }
    if (auto event = m_tracer.record(EventKind::TlsInit)) {
        event->setResult(m_tlsCredentials->caCount());
        event->text = internString("credentials from " + m_config.pkiDirectory
                                   + (m_config.tlsNoVerifyCertificate ? "; client certificates are not enforced"
                                                                      : "; client certificates are verified"));
    }
    return true;
}

void Server::recordHandshakeStep(const Client &client, EventKind kind, int result)
{
    auto event = m_tracer.record(kind);
    if (!event)
        return;
    event->setClient(client.id).setFd(client.fd).setResult(result);
    if (client.watch >= 0)
        event->setWatch(client.watch);
    if (result == 0) {
        event->text = internString("handshake done: " + client.tls->description());
    } else if (TlsSession::wouldBlock(result)) {
        const bool reads = client.tls->direction() == TlsSession::Direction::Read;
        event->setDirection(int(client.tls->direction()))
            .setEvents(reads ? EventHandle::Readable : EventHandle::Writable);
        event->text = reads ? "gnutls waits to read: the handshake goes on when the socket is READABLE"
                            : "gnutls waits to write: the handshake goes on when the socket is WRITABLE";
    } else {
        event->text = internString("TLS handshake failed: " + TlsSession::errorText(result));
    }
}

bool Server::startTlsSession(Client &client, const ListenSocket &socket)
{
    std::string error;
    client.tls = TlsSession::create(*m_tlsCredentials, client.fd, &error);
    if (!client.tls) {
        if (auto event = m_tracer.record(EventKind::TlsHandshakeStart)) {
            event->setClient(client.id).setWatch(socket.watch).setFd(client.fd).setResult(-1);
            event->text = internString(error);
        }
        return false;
    }
    // qemudDispatchServer starts the handshake at once: a client that sent its
    // hello before the accept gets the server's reply in this very call.
    const int result = client.tls->handshake();
    recordHandshakeStep(client, EventKind::TlsHandshakeStart, result);
    if (result == 0) {
        std::string refusal;
        return checkAccess(client, &refusal) && registerClientEvent(client) >= 0;
    }
    if (!TlsSession::wouldBlock(result))
        return false;
    client.handshake = true;
    if (registerClientEvent(client) < 0)
        return false;
    startHandshakeDeadline(client);
    return true;
}

void Server::dispatchClientHandshake(Client &client)
{
    const int result = client.tls->handshake();
    recordHandshakeStep(client, EventKind::ClientHandshake, result);
    if (result == 0) {
        client.handshake = false;
        stopHandshakeDeadline(client);
        std::string refusal;
        if (!checkAccess(client, &refusal)) {
            dispatchClientFailure(client, refusal);
            return;
        }
        // Now the mode comes from the queues: WRITABLE for the confirmation byte,
        // READABLE for the first request.
        updateClientEvent(client);
    } else if (TlsSession::wouldBlock(result)) {
        // The direction may have flipped since the last step.
        updateClientEvent(client);
    } else {
        dispatchClientFailure(client, "TLS handshake failed: " + TlsSession::errorText(result));
    }
}

bool Server::checkAccess(Client &client, std::string *refusal)
{
    const TlsSession::CertificateCheck check = client.tls->checkPeerCertificate();
    const bool ignored = !check.allowed && m_config.tlsNoVerifyCertificate;
    if (auto event = m_tracer.record(EventKind::CheckCertificate)) {
        event->setClient(client.id).setFd(client.fd).setResult(check.allowed ? 0 : -1);
        if (client.watch >= 0)
            event->setWatch(client.watch);
        event->text = internString(check.allowed ? "client certificate accepted: " + check.name
                                   : ignored     ? "client certificate refused (" + check.problem
                                                   + "), ignored: tls_no_verify_certificate is set"
                                                 : "client certificate refused: " + check.problem);
    }
    if (!check.allowed && !ignored) {
        *refusal = "client certificate refused: " + check.problem;
        return false;
    }
    if (!client.tx.empty()) {
        *refusal = "the client had data queued to send before the access check";
        return false;
    }
    // The check passed: one byte 0x01 inside TLS says so; otherwise the
    // connection is just closed.
    ClientMessage confirmation;
    confirmation.buffer = {1};
    confirmation.bufferLength = 1;
    confirmation.async = true;
    confirmation.tlsConfirmation = true;
    client.tx.push_back(std::move(confirmation));
    return true;
}

void Server::startHandshakeDeadline(Client &client)
{
    if (m_config.tlsHandshakeTimeoutMs <= 0)
        return;
    client.handshakeTimer = m_loop.addTimeout(m_config.tlsHandshakeTimeoutMs, handshakeTimeout, &client, nullptr,
                                              "tlsHandshakeDeadline");
}

void Server::stopHandshakeDeadline(Client &client)
{
    if (client.handshakeTimer < 0)
        return;
    m_loop.removeTimeout(client.handshakeTimer);
    client.handshakeTimer = -1;
}

void Server::readTlsPendingSoon(Client &client)
{
    // libvirt 0.9 left such bytes waiting until the peer sent more; modern libvirt
    // schedules a read with a timer of 0 ms (virNetServerClient's sockTimer), and
    // so does this.
    if (client.tlsPendingTimer < 0)
        client.tlsPendingTimer = m_loop.addTimeout(0, dispatchTlsPending, &client, nullptr, "tlsPendingRead");
    else
        m_loop.updateTimeout(client.tlsPendingTimer, 0);
}

void Server::dispatchTlsPending(int timer, void *opaque)
{
    // Removed when the client fails, so the client is still there (see handshakeTimeout).
    auto &client = *static_cast<Client *>(opaque);
    Server &self = *client.server;
    std::lock_guard clientLock(client.lock);
    self.m_loop.updateTimeout(timer, -1);
    if (client.fd != -1 && client.rx)
        self.dispatchClientRead(client);
}

void Server::handshakeTimeout(int timer, void *opaque)
{
    // As with keepalive, the timer is removed when the client fails, and a failed
    // client is freed only after a whole iteration, so the client is still there.
    auto &client = *static_cast<Client *>(opaque);
    Server &self = *client.server;
    std::lock_guard clientLock(client.lock);
    if (client.fd == -1 || !client.handshake)
        return;
    const std::string reason =
        "TLS handshake not finished within " + std::to_string(self.m_config.tlsHandshakeTimeoutMs) + " ms";
    if (auto event = self.m_tracer.record(EventKind::HandshakeTimeout)) {
        event->setClient(client.id).setWatch(client.watch).setFd(client.fd).setTimer(timer)
            .setFrequency(self.m_config.tlsHandshakeTimeoutMs).setDirection(int(client.tls->direction()));
        event->text = internString(reason);
    }
    self.dispatchClientFailure(client, reason);
}

} // namespace pollscope
