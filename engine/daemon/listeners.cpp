// Listening sockets and accept: qemudListenUnix, remoteListenTCP,
// qemudDispatchServerEvent, qemudDispatchServer and qemudRegisterClientEvent.
#include "server.h"

#include "trace/stringpool.h"
#include "trace/tracer.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace pollscope {

namespace {

constexpr int kBacklog = 30;
constexpr int kFirstRetryMs = 10;
constexpr int kLongestRetryMs = 1000;

std::string peerName(const sockaddr_storage &address, socklen_t length, int fd)
{
    if (address.ss_family == AF_UNIX) {
        ucred credentials;
        socklen_t size = sizeof credentials;
        if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &size) == 0)
            return "unix peer pid " + std::to_string(credentials.pid) + " uid " + std::to_string(credentials.uid);
        return "unix peer";
    }
    char host[NI_MAXHOST];
    char port[NI_MAXSERV];
    if (::getnameinfo(reinterpret_cast<const sockaddr *>(&address), length, host, sizeof host, port, sizeof port,
                      NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return "tcp peer";
    const bool v6 = address.ss_family == AF_INET6;
    return (v6 ? "[" : "") + std::string(host) + (v6 ? "]:" : ":") + port;
}

bool isLoopback(const sockaddr *address)
{
    if (address->sa_family == AF_INET)
        return (ntohl(reinterpret_cast<const sockaddr_in *>(address)->sin_addr.s_addr) >> 24) == 127;
    if (address->sa_family == AF_INET6)
        return IN6_IS_ADDR_LOOPBACK(&reinterpret_cast<const sockaddr_in6 *>(address)->sin6_addr);
    return false;
}

} // namespace

bool Server::listenUnix(const ListenAddress &address)
{
    auto socket = std::make_unique<ListenSocket>();
    socket->address = address;
    socket->name = address.path;
    socket->readonly = address.readonly;
    const auto fail = [&](const std::string &what, int err, EventReason reason) {
        m_error = "cannot listen on " + address.path + ": " + what + (err ? std::string(": ") + std::strerror(err) : "");
        if (auto event = m_tracer.probe<EventKind::ListenUnix>()) {
            event->setResult(-1).setErrno(err);
            event->setReason(reason);
            event->setText(internString(address.path));
        }
        if (socket->fd >= 0)
            ::close(socket->fd);
        return false;
    };

    socket->fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (socket->fd < 0)
        return fail("socket", errno, EventReason::ListenSocketFailed);

    sockaddr_un sun = {};
    sun.sun_family = AF_UNIX;
    std::memcpy(sun.sun_path, address.path.data(), address.path.size());
    socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + address.path.size());
    const bool abstract = address.path[0] == '@';
    if (abstract) {
        sun.sun_path[0] = '\0'; // the Linux abstract namespace: no file at all
    } else {
        ++length;
        // A stale socket from an earlier run is replaced, as libvirtd does; anything
        // else at that path is left alone.
        struct stat existing;
        if (::lstat(address.path.c_str(), &existing) == 0) {
            if (!S_ISSOCK(existing.st_mode))
                return fail("the path exists and is not a socket", 0, EventReason::ListenPathNotSocket);
            ::unlink(address.path.c_str());
        }
    }
    if (::bind(socket->fd, reinterpret_cast<sockaddr *>(&sun), length) < 0)
        return fail("bind", errno, EventReason::ListenBindFailed);
    // libvirtd sets the mode with umask() around bind(); the umask is process-wide and
    // other threads may be creating files, so chmod before listen() instead: nobody
    // can connect before listen(), so the result is the same.
    const unsigned mode = address.readonly ? m_config.unixRoMode : m_config.unixRwMode;
    if (!abstract && ::chmod(address.path.c_str(), mode) < 0)
        return fail("chmod", errno, EventReason::ListenChmodFailed);
    if (::listen(socket->fd, kBacklog) < 0)
        return fail("listen", errno, EventReason::ListenListenFailed);

    if (auto event = m_tracer.probe<EventKind::ListenUnix>()) {
        event->setFd(socket->fd).setResult(0);
        event->setReason(address.readonly ? EventReason::ReadOnlySocket : EventReason::ReadWriteSocket);
        event->setText(internString(address.path));
    }
    m_sockets.insert(m_sockets.begin(), std::move(socket));
    return true;
}

bool Server::listenTcp(const ListenAddress &address)
{
    addrinfo hints = {};
    hints.ai_flags = AI_PASSIVE | AI_ADDRCONFIG;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *results = nullptr;
    if (const int rc = ::getaddrinfo(address.host.c_str(), address.port.c_str(), &hints, &results); rc != 0) {
        m_error = "cannot resolve " + address.describe() + ": " + ::gai_strerror(rc);
        return false;
    }
    int bound = 0;
    bool ok = true;
    // As remoteListenTCP: at most two addresses (IPv4 and IPv6 for one name).
    for (addrinfo *ai = results; ai && bound < 2; ai = ai->ai_next) {
        const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
        if (fd < 0) {
            m_error = "cannot create a socket for " + address.describe() + ": " + std::strerror(errno);
            ok = false;
            break;
        }
        const int on = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        if (ai->ai_family == AF_INET6)
            ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
        if (::bind(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
            const int err = errno;
            ::close(fd);
            if (err == EADDRINUSE && bound > 0)
                continue; // the other family took it already
            m_error = "cannot bind " + address.describe() + ": " + std::strerror(err);
            ok = false;
            break;
        }
        if (::listen(fd, kBacklog) < 0) {
            m_error = "cannot listen on " + address.describe() + ": " + std::strerror(errno);
            ::close(fd);
            ok = false;
            break;
        }
        sockaddr_storage local = {};
        socklen_t length = sizeof local;
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &length);
        char host[NI_MAXHOST];
        char port[NI_MAXSERV];
        ::getnameinfo(reinterpret_cast<sockaddr *>(&local), length, host, sizeof host, port, sizeof port,
                      NI_NUMERICHOST | NI_NUMERICSERV);

        auto socket = std::make_unique<ListenSocket>();
        socket->address = address;
        socket->address.port = port; // port 0 became a real one
        socket->tcp = true;
        socket->tls = address.transport == ListenAddress::Transport::Tls;
        socket->fd = fd;
        socket->name = (ai->ai_family == AF_INET6 ? "[" + std::string(host) + "]" : std::string(host)) + ":" + port;
        socket->loopback = isLoopback(reinterpret_cast<sockaddr *>(&local));
        if (auto event = m_tracer.probe<EventKind::ListenTcp>()) {
            event->setFd(fd).setResult(0);
            event->setReason(socket->tls ? (socket->loopback ? EventReason::TlsSocket : EventReason::TlsNotLoopback)
                                        : (socket->loopback ? EventReason::TcpLoopback : EventReason::TcpNotLoopback));
            event->setText(internString(socket->name));
        }
        m_sockets.insert(m_sockets.begin(), std::move(socket));
        ++bound;
    }
    ::freeaddrinfo(results);
    if (ok && bound == 0) {
        m_error = "no address to listen on for " + address.describe();
        ok = false;
    }
    if (!ok) {
        if (auto event = m_tracer.probe<EventKind::ListenTcp>()) {
            event->setResult(-1);
            event->setReason(EventReason::ListenAddressFailed);
            event->setText(internString(address.describe()));
        }
    }
    return ok;
}

void Server::dispatchServerEvent(int watch, int fd, int events, void *opaque)
{
    // One callback serves every listening socket, and its opaque is the server, not
    // the socket: the only key to the socket is the watch, so the server's list is
    // searched for it. The fd comparison is a consistency check, and the server
    // lock is needed anyway because accepting changes the client list.
    auto *self = static_cast<Server *>(opaque);
    ServerLock lock(self->m_lock);
    ListenSocket *found = nullptr;
    int searched = 0;
    for (auto &socket : self->m_sockets) {
        ++searched;
        if (socket->watch == watch) {
            found = socket.get();
            break;
        }
    }
    if (auto event = self->m_tracer.probe<EventKind::DispatchServerEvent>()) {
        event->setWatch(watch).setFd(fd).setEvents(events).setResult(searched);
        event->setReason(found ? EventReason::ListenerFound : EventReason::NoListenerForWatch);
        if (found)
            event->setText(internString(found->name));
    }
    if (found && found->fd == fd && events)
        self->dispatchServer(*found);
}

void Server::dispatchServer(ListenSocket &socket)
{
    sockaddr_storage address = {};
    socklen_t length = sizeof address;
    // accept4 sets non-blocking and close-on-exec atomically, so a command forked
    // meanwhile by another thread cannot inherit the new fd.
    const int fd = ::accept4(socket.fd, reinterpret_cast<sockaddr *>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == EAGAIN || err == EWOULDBLOCK) {
            if (auto event = m_tracer.probe<EventKind::AcceptAgain>()) {
                event->setWatch(socket.watch).setFd(socket.fd).setErrno(err);
                event->setReason(EventReason::NothingToAccept);
            }
            return;
        }
        if (err == EMFILE || err == ENFILE) {
            pauseListener(socket, err);
            return;
        }
        if (auto event = m_tracer.probe<EventKind::AcceptFailed>()) {
            event->setWatch(socket.watch).setFd(socket.fd).setErrno(err);
            event->setReason(EventReason::AcceptFailed);
        }
        return;
    }
    socket.retryDelayMs = 0;
    const std::string peer = peerName(address, length, fd);
    const uint64_t flow = m_tracer.isEnabled() ? m_tracer.newFlow() : 0;
    FlowScope scope(flow);

    if (int(m_clients.size()) >= m_config.maxClients) {
        // The check comes after accept(), as in libvirtd: the connection is accepted
        // and closed at once.
        ::close(fd);
        if (auto event = m_tracer.probe<EventKind::ClientRejected>()) {
            event->setWatch(socket.watch).setFd(fd).setClients(int(m_clients.size()));
            event->setReason(EventReason::TooManyClients);
            event->setText(internString(peer));
        }
        return;
    }
    if (socket.tcp) {
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
    if (m_config.clientSendBufferBytes > 0)
        ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &m_config.clientSendBufferBytes, sizeof m_config.clientSendBufferBytes);

    auto client = std::make_unique<Client>();
    client->server = this;
    client->id = m_nextClientId++;
    client->fd = fd;
    client->readonly = socket.readonly;
    client->tcp = socket.tcp;
    client->peer = peer;
    client->connection.readonlySocket = socket.readonly;
    client->rx = ClientMessage::forLengthWord();
    if (auto event = m_tracer.probe<EventKind::Accept>()) {
        event->setWatch(socket.watch).setFd(fd).setClient(client->id).setClients(int(m_clients.size() + 1));
        event->setReason(socket.tcp ? EventReason::AcceptedTcp : EventReason::AcceptedUnix);
        event->setText(internString(peer));
    }

    std::lock_guard clientLock(client->lock);
    // A TLS client is registered by its first handshake step, which may also drop it.
    if (socket.tls ? !startTlsSession(*client, socket) : registerClientEvent(*client) < 0) {
        ::close(fd);
        return;
    }
    m_clientsByWatch[client->watch] = client.get();
    m_clients.push_back(std::move(client));

    // One more worker if there are more clients than workers, up to the maximum.
    if (int(m_clients.size()) > m_activeWorkers && m_activeWorkers < int(m_workers.size()))
        startWorker();
}

void Server::pauseListener(ListenSocket &socket, int err)
{
    // libvirt 0.9 keeps polling the listener and spins on the failing accept(). Here
    // the listener leaves the poll set and a timer retries, backing off each time.
    socket.retryDelayMs = socket.retryDelayMs == 0 ? kFirstRetryMs : std::min(socket.retryDelayMs * 2, kLongestRetryMs);
    m_loop.updateHandle(socket.watch, 0);
    if (socket.retryTimer < 0)
        socket.retryTimer = m_loop.addTimeout(socket.retryDelayMs, retryAccept, this, nullptr, "retryAccept",
                                              CallbackRole::AcceptRetryTimer);
    else
        m_loop.updateTimeout(socket.retryTimer, socket.retryDelayMs);
    if (auto event = m_tracer.probe<EventKind::AcceptFailed>()) {
        event->setWatch(socket.watch).setFd(socket.fd).setErrno(err).setTimer(socket.retryTimer)
            .setFrequency(socket.retryDelayMs);
        event->setReason(EventReason::AcceptFailedRetrying);
    }
}

void Server::retryAccept(int timer, void *opaque)
{
    auto *self = static_cast<Server *>(opaque);
    ServerLock lock(self->m_lock);
    for (auto &socket : self->m_sockets) {
        if (socket->retryTimer != timer)
            continue;
        self->m_loop.updateHandle(socket->watch, EventHandle::Readable | EventHandle::Error | EventHandle::Hangup);
        if (auto event = self->m_tracer.probe<EventKind::AcceptResumed>()) {
            event->setWatch(socket->watch).setFd(socket->fd).setTimer(timer).setFrequency(socket->retryDelayMs);
        }
        // The next failure makes a new timer with a longer delay; a good accept
        // resets the delay.
        self->m_loop.removeTimeout(timer);
        socket->retryTimer = -1;
        return;
    }
}

int Server::registerClientEvent(Client &client)
{
    const int mode = calculateHandleMode(client);
    client.watch = m_loop.addHandle(client.fd, mode, dispatchClientEvent, this, nullptr, "qemudDispatchClientEvent",
                                   CallbackRole::Client);
    client.registeredWatch = client.watch;
    if (auto event = m_tracer.probe<EventKind::RegisterClientEvent>()) {
        event->setClient(client.id).setWatch(client.watch).setFd(client.fd).setEvents(mode);
        event->setText(internString(client.peer));
    }
    return client.watch;
}

} // namespace pollscope
