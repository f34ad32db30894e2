// A client's socket on the loop thread: qemudDispatchClientEvent and the read and
// write paths, the handle mode, failure, and server-side keepalive.
#include "server.h"

#include "rpc/keepalive.h"
#include "rpc/remoteprocedures.h"
#include "trace/stringpool.h"
#include "trace/tracer.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace pollscope {

namespace {

template<typename Probe>
void setHeaderFields(Probe &event, const MessageHeader &header)
{
    event->setProg(header.prog).setVers(header.vers).setProc(header.proc).setMsgType(int32_t(header.type))
        .setSerial(header.serial).setStatus(int32_t(header.status));
}

// A keepalive PING or PONG is always the same 28 bytes: encoded and decoded once.
struct KeepaliveFrame
{
    std::vector<uint8_t> bytes;
    MessageHeader header;
};

KeepaliveFrame makeKeepaliveFrame(std::vector<uint8_t> bytes)
{
    const MessageHeader header = *decodeMessageHeader(bytes);
    return {std::move(bytes), header};
}

const KeepaliveFrame &keepalivePing()
{
    static const KeepaliveFrame frame = makeKeepaliveFrame(encodeKeepalivePing());
    return frame;
}

const KeepaliveFrame &keepalivePong()
{
    static const KeepaliveFrame frame = makeKeepaliveFrame(encodeKeepalivePong());
    return frame;
}

// Makes `message` an outgoing keepalive message, in the capacity its buffer has.
void fillKeepalive(ClientMessage &message, const KeepaliveFrame &frame)
{
    message.buffer.assign(frame.bytes.begin(), frame.bytes.end());
    message.bufferLength = frame.bytes.size();
    message.bufferOffset = 0;
    message.header = frame.header;
    message.async = true;
}

} // namespace

void Server::dispatchClientEvent(int watch, int fd, int events, void *opaque)
{
    auto *self = static_cast<Server *>(opaque);
    ServerLock lock(self->m_lock);
    const auto found = self->m_clientsByWatch.find(watch);
    if (found == self->m_clientsByWatch.end()) {
        if (auto event = self->m_tracer.probe<EventKind::DispatchClientEvent>()) {
            event->setWatch(watch).setFd(fd).setEvents(events);
            event->setReason(EventReason::NoClientForWatch);
        }
        return;
    }
    Client &client = *found->second;
    std::unique_lock clientLock(client.lock);
    lock.unlock();

    if (auto event = self->m_tracer.probe<EventKind::DispatchClientEvent>()) {
        event->setClient(client.id).setWatch(watch).setFd(fd).setEvents(events);
        if (client.fd != fd)
            event->setReason(EventReason::ClientAlreadyFailed);
    }
    if (client.fd != fd)
        return;
    if (self->m_config.onClientEventLocked)
        self->m_config.onClientEventLocked(client.id);
    if (client.handshake) {
        // Either direction continues the handshake: gnutls knows which one it waits for.
        if (events & (EventHandle::Readable | EventHandle::Writable))
            self->dispatchClientHandshake(client);
    } else {
        // Writes first, so a reply goes out before more requests come in.
        if (events & EventHandle::Writable)
            self->dispatchClientWrite(client);
        if ((events & EventHandle::Readable) && client.fd != -1)
            self->dispatchClientRead(client);
    }
    if (events & (EventHandle::Error | EventHandle::Hangup)) {
        const bool midMessage = client.rx && client.rx->bufferOffset > 0;
        const EventReason reason = events & EventHandle::Hangup
            ? (midMessage ? EventReason::PeerHungUpMidMessage : EventReason::PeerHungUp)
            : (midMessage ? EventReason::SocketErrorMidMessage : EventReason::SocketError);
        self->dispatchClientFailure(client, reason);
    }
}

ssize_t Server::clientReadBuf(Client &client, uint8_t *data, size_t length)
{
    // qemudClientReadBuf: bytes read, 0 to wait for poll, -1 once the client failed.
    const bool atBoundary = client.rx->bufferOffset == 0 && client.rx->bufferLength == 4;
    ssize_t n;
    if (client.tls) {
        n = client.tls->receive(data, length);
        if (n < 0 && TlsSession::wouldBlock(n))
            return 0;
        if (n < 0) {
            dispatchClientFailure(client,
                                  atBoundary ? EventReason::TlsReceiveFailed : EventReason::TlsReceiveFailedMidMessage, 0,
                                  internString(TlsSession::errorText(n)));
            return -1;
        }
    } else {
        n = ::read(client.fd, data, length);
        if (n < 0) {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK || err == EINTR)
                return 0;
            dispatchClientFailure(client, EventReason::ReadFailed, err);
            return -1;
        }
    }
    if (n == 0) {
        const EventReason closed = client.tls ? EventReason::PeerEndedTlsSession : EventReason::PeerClosed;
        dispatchClientFailure(client, atBoundary ? closed : EventReason::EndOfFileMidMessage);
        return -1;
    }
    return n;
}

void Server::dispatchClientRead(Client &client)
{
    // Set when a message is complete but gnutls still holds decrypted bytes: poll()
    // cannot see those, so they are read now (libvirt 0.9 went back to poll).
    bool fromTlsBuffer = false;
    for (;;) {
        if (!client.rx)
            return; // throttled
        ClientMessage &rx = *client.rx;
        const ssize_t n = clientReadBuf(client, rx.buffer.data() + rx.bufferOffset, rx.bufferLength - rx.bufferOffset);
        if (n <= 0)
            return;
        rx.bufferOffset += size_t(n);
        if (auto event = m_tracer.probe<EventKind::ClientRead>()) {
            event->setClient(client.id).setWatch(client.watch).setFd(client.fd).setBytes(n)
                .setLength(int64_t(rx.bufferLength));
            event->setReason(fromTlsBuffer            ? EventReason::ReadingDecrypted
                             : rx.bufferLength == 4 ? EventReason::ReadingLengthWord
                                                    : EventReason::ReadingBody);
        }
        fromTlsBuffer = false;
        if (rx.bufferOffset < rx.bufferLength)
            return; // wait for the rest

        if (rx.bufferLength == 4) {
            // The length word is in: it counts itself, so it is at least 4.
            const uint32_t total = decodeLengthWord(rx.buffer);
            if (total < MESSAGE_LENGTH_WORD_SIZE || total - MESSAGE_LENGTH_WORD_SIZE > m_config.maxMessageLength) {
                client.failureLength = total;
                dispatchClientFailure(client, total < MESSAGE_LENGTH_WORD_SIZE ? EventReason::MessageTooSmall
                                                                               : EventReason::MessageTooLarge);
                return;
            }
            rx.buffer.resize(total);
            rx.bufferLength = total;
            updateClientEvent(client);
            // The body is probably in the socket buffer already. A length of 4
            // announces no body at all: reading 0 more bytes would return 0, which
            // is not the end of file, so the empty message goes on to the header
            // check, which refuses it.
            if (rx.bufferOffset < rx.bufferLength)
                continue;
        }

        ClientMessage message = std::move(*client.rx);
        client.rx.reset();
        const auto header = decodeMessageHeader(message.buffer);
        if (!header) {
            dispatchClientFailure(client, EventReason::HeaderUndecodable, 0, internString(header.error().message));
            return;
        }
        message.header = *header;
        if (handleKeepalive(client, message))
            return;

        message.flow = m_tracer.isEnabled() ? m_tracer.newFlow() : 0;
        FlowScope scope(message.flow);
        ++client.nrequests;
        client.dx.push_back(std::move(message));
        if (auto event = m_tracer.probe<EventKind::MessageReceived>()) {
            event->setClient(client.id).setWatch(client.watch).setLength(int64_t(client.dx.back().bufferLength))
                .setDx(int(client.dx.size())).setNrequests(client.nrequests);
            setHeaderFields(event, client.dx.back().header);
        }
        if (client.nrequests < m_config.maxClientRequests) {
            client.rx = ClientMessage::forLengthWord(std::move(client.spareBuffer));
        } else if (auto event = m_tracer.probe<EventKind::ClientThrottled>()) {
            event->setClient(client.id).setWatch(client.watch).setNrequests(client.nrequests);
        }
        updateClientEvent(client);
        // Tell one of the workers, with the client still locked, as libvirtd does: a
        // worker scanning the clients cannot pass this one over and then miss this
        // signal (see findJobLocked).
        m_job.notify_one();
        if (client.tls && client.rx && client.tls->pendingBytes() > 0) {
            fromTlsBuffer = true;
            continue;
        }
        return;
    }
}

void Server::dispatchClientWrite(Client &client)
{
    while (!client.tx.empty()) {
        ClientMessage &message = client.tx.front();
        FlowScope scope(message.flow);
        const uint8_t *data = message.buffer.data() + message.bufferOffset;
        const size_t length = message.bufferLength - message.bufferOffset;
        // qemudClientWriteBuf, plain or over TLS.
        ssize_t n;
        bool full = false;
        if (client.tls) {
            // After GNUTLS_E_AGAIN gnutls wants the same data again, which is what
            // the unmoved offset gives it.
            n = client.tls->send(data, length);
            if (n < 0 && !TlsSession::wouldBlock(n)) {
                dispatchClientFailure(client, EventReason::TlsSendFailed, 0, internString(TlsSession::errorText(n)));
                return;
            }
            full = n < 0;
        } else {
            // MSG_NOSIGNAL: a peer that went away is a failed write, not a SIGPIPE.
            n = ::send(client.fd, data, length, MSG_NOSIGNAL);
            if (n < 0) {
                const int err = errno;
                if (err == EINTR)
                    continue;
                if (err != EAGAIN && err != EWOULDBLOCK) {
                    dispatchClientFailure(client, EventReason::WriteFailed, err);
                    return;
                }
                full = true;
            }
        }
        if (full) {
            if (auto event = m_tracer.probe<EventKind::ClientWrite>()) {
                event->setClient(client.id).setWatch(client.watch).setFd(client.fd).setBytes(0)
                    .setLength(int64_t(message.bufferLength)).setTx(int(client.tx.size()));
                event->setReason(EventReason::SocketBufferFull);
            }
            return;
        }
        message.bufferOffset += size_t(n);
        if (auto event = m_tracer.probe<EventKind::ClientWrite>()) {
            event->setClient(client.id).setWatch(client.watch).setFd(client.fd).setBytes(n)
                .setLength(int64_t(message.bufferLength));
        }
        if (message.bufferOffset < message.bufferLength)
            continue;

        ClientMessage sent = std::move(client.tx.front());
        client.tx.pop_front();
        if (auto event = m_tracer.probe<EventKind::MessageSent>()) {
            event->setClient(client.id).setWatch(client.watch).setLength(int64_t(sent.bufferLength))
                .setTx(int(client.tx.size()));
            if (sent.tlsConfirmation)
                event->setReason(EventReason::TlsConfirmationSent);
            else
                setHeaderFields(event, sent.header);
        }
        if (sent.eventCallbackId >= 0) {
            if (auto event = m_tracer.probe<EventKind::EventMessageSent>())
                event->setClient(client.id).setResult(sent.eventCallbackId).setProc(sent.header.proc);
        }
        clientMessageRelease(client, std::move(sent));
        if (client.closing) {
            dispatchClientFailure(client, EventReason::ClosedAfterConnectClose);
            return;
        }
    }
}

void Server::clientMessageRelease(Client &client, ClientMessage message)
{
    if (!message.async)
        --client.nrequests;
    // A throttled client gets its receive buffer back (the message is reused).
    if (!client.rx && client.nrequests < m_config.maxClientRequests) {
        client.rx = ClientMessage::forLengthWord(std::move(message.buffer));
        if (auto event = m_tracer.probe<EventKind::ClientUnthrottled>()) {
            event->setClient(client.id).setWatch(client.watch).setNrequests(client.nrequests);
        }
        if (client.tls && client.tls->pendingBytes() > 0)
            readTlsPendingSoon(client);
    } else if (client.spareBuffer.capacity() == 0 && message.buffer.capacity() <= ClientMessage::kSpareCapacityLimit) {
        client.spareBuffer = std::move(message.buffer);
    }
    updateClientEvent(client);
}

void Server::dispatchClientFailure(Client &client, EventReason reason, int err, const char *detail)
{
    // Idempotent: only the first failure closes, and says why.
    if (client.watch != -1) {
        m_loop.removeHandle(client.watch);
        client.watch = -1;
    }
    if (client.keepaliveTimer > 0) {
        m_loop.removeTimeout(client.keepaliveTimer);
        client.keepaliveTimer = -1;
    }
    stopHandshakeDeadline(client);
    if (client.tlsPendingTimer > 0) {
        m_loop.removeTimeout(client.tlsPendingTimer);
        client.tlsPendingTimer = -1;
    }
    if (client.fd == -1)
        return;
    if (auto event = m_tracer.probe<EventKind::ClientFailure>()) {
        event->setClient(client.id).setWatch(client.registeredWatch).setFd(client.fd).setDx(int(client.dx.size()))
            .setTx(int(client.tx.size())).setNrequests(client.nrequests);
        event->setReason(reason);
        if (err)
            event->setErrno(err);
        if (reason == EventReason::MessageTooSmall || reason == EventReason::MessageTooLarge)
            event->setLength(client.failureLength);
        event->setText(detail);
    }
    ::close(client.fd);
    client.fd = -1;
    client.failureReason = reason;
    client.failureErrno = err;
    client.failureDetail = detail;
    ++m_failedClients;
}

int Server::calculateHandleMode(const Client &client)
{
    // READABLE while there is a receive buffer (not throttled), WRITABLE while
    // something is queued; ERROR and HANGUP are never asked for, poll reports them.
    int mode = 0;
    if (client.handshake) {
        // During the TLS handshake only the way gnutls waits counts.
        const bool reads = client.tls->direction() == TlsSession::Direction::Read;
        mode = reads ? EventHandle::Readable : EventHandle::Writable;
        if (auto event = m_tracer.probe<EventKind::CalculateHandleMode>()) {
            event->setClient(client.id).setEvents(mode).setTx(int(client.tx.size())).setNrequests(client.nrequests)
                .setDirection(int(client.tls->direction()));
            event->setReason(reads ? EventReason::ModeHandshakeReading : EventReason::ModeHandshakeWriting);
        }
        return mode;
    }
    if (client.rx)
        mode |= EventHandle::Readable;
    if (!client.tx.empty())
        mode |= EventHandle::Writable;
    if (auto event = m_tracer.probe<EventKind::CalculateHandleMode>()) {
        event->setClient(client.id).setEvents(mode).setTx(int(client.tx.size())).setNrequests(client.nrequests);
        event->setReason(client.rx ? (client.tx.empty() ? EventReason::ModeReadable : EventReason::ModeReadableAndWritable)
                                  : (client.tx.empty() ? EventReason::ModeNotPolled : EventReason::ModeWritableOnly));
    }
    return mode;
}

void Server::updateClientEvent(Client &client)
{
    const int mode = calculateHandleMode(client);
    if (auto event = m_tracer.probe<EventKind::UpdateClientEvent>())
        event->setClient(client.id).setWatch(client.watch).setEvents(mode);
    // From a worker, this writes the wakeup pipe: the loop re-polls with the new mode.
    m_loop.updateHandle(client.watch, mode);
}

bool Server::handleKeepalive(Client &client, ClientMessage &message)
{
    const KeepaliveKind kind = keepaliveKind(message.header);
    // Any packet shows the peer is alive.
    if (client.keepaliveTimer > 0) {
        client.keepaliveCountToDeath = m_config.keepaliveCount;
        m_loop.updateTimeout(client.keepaliveTimer, m_config.keepaliveIntervalMs);
    }
    if (kind == KeepaliveKind::NotKeepalive)
        return false;

    if (auto event = m_tracer.probe<EventKind::KeepaliveReceived>()) {
        event->setClient(client.id).setWatch(client.watch);
        setHeaderFields(event, message.header);
        event->setReason(kind == KeepaliveKind::Ping   ? EventReason::KeepalivePingAnswered
                        : kind == KeepaliveKind::Pong ? EventReason::KeepalivePongReceived
                                                      : EventReason::KeepaliveUnknown);
    }
    if (kind == KeepaliveKind::Ping) {
        // The PING's own message carries the PONG back, in the buffer it came in.
        fillKeepalive(message, keepalivePong());
        client.tx.push_back(std::move(message));
    }
    // The message is consumed here; a fresh receive buffer waits for the next one.
    client.rx = ClientMessage::forLengthWord(std::move(client.spareBuffer));
    updateClientEvent(client);
    return true;
}

void Server::startKeepalive(Client &client)
{
    if (m_config.keepaliveIntervalMs <= 0 || client.keepaliveTimer > 0 || client.fd == -1)
        return;
    client.keepaliveCountToDeath = m_config.keepaliveCount;
    client.keepaliveTimer = m_loop.addTimeout(m_config.keepaliveIntervalMs, keepaliveTimer, &client, nullptr,
                                              "virKeepAliveTimer", CallbackRole::KeepaliveTimer);
    if (auto event = m_tracer.probe<EventKind::KeepaliveTimer>()) {
        event->setClient(client.id).setTimer(client.keepaliveTimer).setFrequency(m_config.keepaliveIntervalMs)
            .setResult(client.keepaliveCountToDeath);
        event->setReason(EventReason::KeepaliveStarted);
    }
}

void Server::keepaliveTimer(int timer, void *opaque)
{
    // The loop thread frees a client only after a whole iteration, and a failed
    // client's timer is removed first, so the client is still there.
    auto &client = *static_cast<Client *>(opaque);
    Server &self = *client.server;
    std::lock_guard clientLock(client.lock);
    if (client.fd == -1)
        return;
    if (client.keepaliveCountToDeath == 0) {
        if (auto event = self.m_tracer.probe<EventKind::KeepaliveTimer>()) {
            event->setClient(client.id).setTimer(timer).setResult(0);
            event->setReason(EventReason::KeepaliveDead);
        }
        self.dispatchClientFailure(client, EventReason::KeepaliveTimeout);
        return;
    }
    --client.keepaliveCountToDeath;
    ClientMessage ping;
    fillKeepalive(ping, keepalivePing());
    client.tx.push_back(std::move(ping));
    if (auto event = self.m_tracer.probe<EventKind::KeepaliveTimer>()) {
        event->setClient(client.id).setTimer(timer).setResult(client.keepaliveCountToDeath);
        event->setReason(EventReason::KeepalivePingSent);
    }
    self.updateClientEvent(client);
}

} // namespace pollscope
