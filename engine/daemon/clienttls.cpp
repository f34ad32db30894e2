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
    Result<std::unique_ptr<TlsCredentials>> credentials = TlsCredentials::load(m_config.pkiDirectory);
    if (!credentials) {
        m_error = credentials.error().message;
        if (auto event = m_tracer.probe<EventKind::TlsInit>()) {
            event->setResult(-1);
            event->setReason(EventReason::TlsCredentialsFailed);
            event->setText(internString(m_error));
        }
        return false;
    }
    m_tlsCredentials = std::move(credentials).value();
    if (auto event = m_tracer.probe<EventKind::TlsInit>()) {
        event->setResult(m_tlsCredentials->caCount());
        event->setReason(m_config.tlsNoVerifyCertificate ? EventReason::TlsCredentialsNotEnforced
                                                        : EventReason::TlsCredentialsVerified);
        event->setText(internString(m_config.pkiDirectory));
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
        event->reason = EventReason::HandshakeDone;
        event->text = internString(client.tls->description());
    } else if (TlsSession::wouldBlock(result)) {
        const bool reads = client.tls->direction() == TlsSession::Direction::Read;
        event->setDirection(int(client.tls->direction()))
            .setEvents(reads ? EventHandle::Readable : EventHandle::Writable);
        event->reason = reads ? EventReason::HandshakeWantsRead : EventReason::HandshakeWantsWrite;
    } else {
        event->reason = EventReason::HandshakeFailed;
        event->text = internString(TlsSession::errorText(result));
    }
}

bool Server::startTlsSession(Client &client, const ListenSocket &socket)
{
    Result<std::unique_ptr<TlsSession>> session = TlsSession::create(*m_tlsCredentials, client.fd);
    if (!session) {
        if (auto event = m_tracer.probe<EventKind::TlsHandshakeStart>()) {
            event->setClient(client.id).setWatch(socket.watch).setFd(client.fd).setResult(-1);
            event->setReason(EventReason::TlsSessionFailed);
            event->setText(internString(session.error().message));
        }
        return false;
    }
    client.tls = std::move(session).value();
    // qemudDispatchServer starts the handshake at once: a client that sent its
    // hello before the accept gets the server's reply in this very call.
    const int result = client.tls->handshake();
    recordHandshakeStep(client, EventKind::TlsHandshakeStart, result);
    if (result == 0)
        return checkAccess(client, nullptr) == EventReason::None && registerClientEvent(client) >= 0;
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
        const char *detail = nullptr;
        if (const EventReason refusal = checkAccess(client, &detail); refusal != EventReason::None) {
            dispatchClientFailure(client, refusal, 0, detail);
            return;
        }
        // Now the mode comes from the queues: WRITABLE for the confirmation byte,
        // READABLE for the first request.
        updateClientEvent(client);
    } else if (TlsSession::wouldBlock(result)) {
        // The direction may have flipped since the last step.
        updateClientEvent(client);
    } else {
        dispatchClientFailure(client, EventReason::HandshakeFailed, 0, internString(TlsSession::errorText(result)));
    }
}

EventReason Server::checkAccess(Client &client, const char **detail)
{
    const TlsSession::CertificateCheck check = client.tls->checkPeerCertificate();
    const bool ignored = !check.allowed && m_config.tlsNoVerifyCertificate;
    if (auto event = m_tracer.probe<EventKind::CheckCertificate>()) {
        event->setClient(client.id).setFd(client.fd).setResult(check.allowed ? 0 : -1);
        if (client.watch >= 0)
            event->setWatch(client.watch);
        event->setReason(check.allowed ? EventReason::CertificateAccepted
                        : ignored     ? EventReason::CertificateRefusedIgnored
                                      : EventReason::CertificateRefused);
        event->setText(internString(check.allowed ? check.name : check.problem));
    }
    if (!check.allowed && !ignored) {
        if (detail)
            *detail = internString(check.problem);
        return EventReason::CertificateRefused;
    }
    if (!client.tx.empty())
        return EventReason::DataQueuedBeforeAccessCheck;
    // The check passed: one byte 0x01 inside TLS says so; otherwise the
    // connection is just closed.
    ClientMessage confirmation;
    confirmation.buffer = {1};
    confirmation.bufferLength = 1;
    confirmation.async = true;
    confirmation.tlsConfirmation = true;
    client.tx.push_back(std::move(confirmation));
    return EventReason::None;
}

void Server::startHandshakeDeadline(Client &client)
{
    if (m_config.tlsHandshakeTimeoutMs <= 0)
        return;
    client.handshakeTimer = m_loop.addTimeout(m_config.tlsHandshakeTimeoutMs, handshakeTimeout, &client, nullptr,
                                              "tlsHandshakeDeadline", CallbackRole::HandshakeDeadline);
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
        client.tlsPendingTimer = m_loop.addTimeout(0, dispatchTlsPending, &client, nullptr, "tlsPendingRead",
                                                   CallbackRole::TlsPendingRead);
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
    if (auto event = self.m_tracer.probe<EventKind::HandshakeTimeout>()) {
        event->setClient(client.id).setWatch(client.watch).setFd(client.fd).setTimer(timer)
            .setFrequency(self.m_config.tlsHandshakeTimeoutMs).setDirection(int(client.tls->direction()));
        event->setReason(EventReason::HandshakeTimedOut);
    }
    self.dispatchClientFailure(client, EventReason::HandshakeTimedOut);
}

} // namespace pollscope
