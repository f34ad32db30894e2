#include "referenceserver.h"

#include "rpc/keepalive.h"
#include "rpc/messageheader.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace pollscope::bench {

namespace {

constexpr int kReadable = 1;
constexpr int kWritable = 2;
constexpr int kError = 4;
constexpr int kHangup = 8;

// The write end of the self-pipe, for the signal handler.
std::atomic<int> g_wakeupWriteFd{-1};
volatile std::sig_atomic_t g_quitRequested = 0;

void onSignal(int)
{
    const int savedErrno = errno;
    g_quitRequested = 1;
    const char byte = 'q';
    (void)!::write(g_wakeupWriteFd.load(), &byte, 1);
    errno = savedErrno;
}

} // namespace

ReferenceServer::ReferenceServer(EventBackend &backend, int workers, bool bare)
    : m_backend(backend)
    , m_workerCount(workers)
    , m_bare(bare)
    , m_pong(encodeKeepalivePong())
{
}

ReferenceServer::~ReferenceServer()
{
    {
        std::lock_guard guard(m_jobsLock);
        m_stopWorkers = true;
    }
    m_jobsReady.notify_all();
    for (std::thread &worker : m_workers)
        worker.join();
    for (auto &[raw, connection] : m_connections)
        ::close(connection->fd);
    for (int fd : {m_listenFd, m_wakeup[0], m_wakeup[1]}) {
        if (fd >= 0)
            ::close(fd);
    }
    if (!m_path.empty())
        ::unlink(m_path.c_str());
}

bool ReferenceServer::listen(const std::string &path, std::string *error)
{
    const auto fail = [&](const char *what) {
        *error = std::string(what) + ": " + std::strerror(errno);
        return false;
    };
    if (::pipe2(m_wakeup, O_CLOEXEC | O_NONBLOCK) < 0)
        return fail("pipe2");
    m_listenFd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_listenFd < 0)
        return fail("socket");
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) {
        *error = "socket path too long";
        return false;
    }
    std::memcpy(address.sun_path, path.data(), path.size());
    struct stat existing;
    if (::lstat(path.c_str(), &existing) == 0 && S_ISSOCK(existing.st_mode))
        ::unlink(path.c_str());
    if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0)
        return fail("bind");
    m_path = path;
    // libvirtd's backlog.
    if (::listen(m_listenFd, 30) < 0)
        return fail("listen");
    m_backend.addHandle(m_wakeup[0], kReadable, onWakeup, this);
    m_backend.addHandle(m_listenFd, kReadable, onListener, this);
    return true;
}

void ReferenceServer::run()
{
    g_wakeupWriteFd = m_wakeup[1];
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    ::signal(SIGPIPE, SIG_IGN);

    for (int i = 0; i < m_workerCount; ++i)
        m_workers.emplace_back([this] { workerMain(); });
    while (!m_quit) {
        m_backend.runOnce();
        m_closed.clear();
    }
}

void ReferenceServer::onListener(int, int, int, void *opaque)
{
    static_cast<ReferenceServer *>(opaque)->acceptConnection();
}

void ReferenceServer::acceptConnection()
{
    const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
        return; // EAGAIN, or a peer that left: poll will tell again
    auto connection = std::make_shared<Connection>();
    connection->server = this;
    connection->fd = fd;
    connection->mode = kReadable;
    connection->rx.reserve(256);
    connection->rx.resize(4);
    connection->watch = m_backend.addHandle(fd, kReadable, onClient, connection.get());
    m_connections.emplace(connection.get(), std::move(connection));
}

void ReferenceServer::onClient(int, int, int events, void *opaque)
{
    auto &connection = *static_cast<Connection *>(opaque);
    ReferenceServer &server = *connection.server;
    // Writes first, then reads, as libvirtd does.
    if (events & kWritable)
        server.writeReplies(connection);
    if (!connection.closed && (events & kReadable))
        server.readMessage(connection);
    if (!connection.closed && (events & (kError | kHangup)))
        server.closeConnection(connection);
}

ssize_t ReferenceServer::readSome(Connection &connection)
{
    std::vector<uint8_t> &rx = connection.rx;
    const ssize_t n = ::read(connection.fd, rx.data() + connection.rxOffset, rx.size() - connection.rxOffset);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    if (n <= 0) {
        closeConnection(connection);
        return -1;
    }
    return n;
}

void ReferenceServer::readMessage(Connection &connection)
{
    if (m_bare) {
        readAvailable(connection);
        return;
    }
    for (;;) {
        std::vector<uint8_t> &rx = connection.rx;
        const ssize_t n = readSome(connection);
        if (n <= 0)
            return;
        connection.rxOffset += size_t(n);
        if (connection.rxOffset < rx.size())
            return;
        if (rx.size() == 4) {
            const uint32_t total = decodeLengthWord(rx);
            if (!validateLengthWord(total)) {
                closeConnection(connection);
                return;
            }
            rx.resize(total);
            if (connection.rxOffset < total)
                continue;
        }

        // A whole message: one per readable event, like the daemon.
        connection.rxOffset = 0;
        if (handleFrame(connection, rx))
            rx.resize(4);
        return;
    }
}

void ReferenceServer::readAvailable(Connection &connection)
{
    // One read of whatever is there, into the free end of a buffer that keeps its
    // size (resizing it for every read would clear it each time).
    constexpr size_t kBufferSize = 16384;
    std::vector<uint8_t> &rx = connection.rx;
    if (rx.size() < kBufferSize)
        rx.resize(kBufferSize);
    const ssize_t n = readSome(connection);
    if (n <= 0)
        return;
    const size_t end = connection.rxOffset + size_t(n);
    size_t start = 0;
    while (end - start >= 4) {
        const uint32_t total = decodeLengthWord(std::span<const uint8_t>(rx).subspan(start, 4));
        if (!validateLengthWord(total)) {
            closeConnection(connection);
            return;
        }
        if (end - start < total) {
            // A message larger than the buffer: room for all of it.
            if (total > rx.size())
                rx.resize(total);
            break;
        }
        if (!handleFrame(connection, std::span<const uint8_t>(rx).subspan(start, total)))
            return;
        start += total;
    }
    // The start of the next message moves to the front.
    std::copy(rx.begin() + ptrdiff_t(start), rx.begin() + ptrdiff_t(end), rx.begin());
    connection.rxOffset = end - start;
}

bool ReferenceServer::handleFrame(Connection &connection, std::span<const uint8_t> frame)
{
    const auto header = decodeMessageHeader(frame);
    if (!header) {
        closeConnection(connection);
        return false;
    }
    const KeepaliveKind keepalive = keepaliveKind(*header);
    if (keepalive == KeepaliveKind::Ping) {
        connection.tx.push_back({{}, m_pong});
        replyQueued(connection);
    } else if (keepalive == KeepaliveKind::NotKeepalive) {
        {
            std::lock_guard guard(m_jobsLock);
            m_jobs.push_back({m_connections.at(&connection), *header, std::vector<uint8_t>(frame.begin(), frame.end())});
        }
        m_jobsReady.notify_one();
    }
    return !connection.closed;
}

void ReferenceServer::replyQueued(Connection &connection)
{
    if (m_bare)
        writeReplies(connection);
    else
        updateMode(connection);
}

void ReferenceServer::writeReplies(Connection &connection)
{
    while (!connection.tx.empty()) {
        const std::span<const uint8_t> frame = connection.tx.front().bytes;
        const ssize_t n = ::send(connection.fd, frame.data() + connection.txOffset, frame.size() - connection.txOffset,
                                 MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return;
            closeConnection(connection);
            return;
        }
        connection.txOffset += size_t(n);
        if (connection.txOffset < frame.size())
            continue;
        connection.tx.pop_front();
        connection.txOffset = 0;
    }
    if (connection.closeAfterWrite) {
        closeConnection(connection);
        return;
    }
    updateMode(connection);
}

void ReferenceServer::updateMode(Connection &connection)
{
    const int mode = kReadable | (connection.tx.empty() ? 0 : kWritable);
    if (mode == connection.mode)
        return;
    connection.mode = mode;
    m_backend.updateHandle(connection.watch, mode);
}

void ReferenceServer::closeConnection(Connection &connection)
{
    m_backend.removeHandle(connection.watch);
    ::close(connection.fd);
    connection.closed = true;
    // Kept until the end of this dispatch round, as a callback may still look at it;
    // then a worker that still holds it is the last owner and frees it.
    const auto owned = m_connections.find(&connection);
    m_closed.push_back(std::move(owned->second));
    m_connections.erase(owned);
}

void ReferenceServer::onWakeup(int, int fd, int, void *opaque)
{
    auto &self = *static_cast<ReferenceServer *>(opaque);
    char bytes[256];
    while (::read(fd, bytes, sizeof bytes) == ssize_t(sizeof bytes)) {
    }
    if (g_quitRequested) {
        self.m_quit = true;
        return;
    }
    std::vector<Reply> replies;
    {
        std::lock_guard guard(self.m_repliesLock);
        replies.swap(self.m_replies);
    }
    for (Reply &reply : replies) {
        Connection &connection = *reply.connection;
        if (connection.closed)
            continue;
        OutgoingFrame &frame = connection.tx.emplace_back();
        frame.owned = std::move(reply.frame);
        frame.bytes = frame.owned;
        connection.closeAfterWrite = connection.closeAfterWrite || reply.closeAfterWrite;
        self.replyQueued(connection);
    }
}

void ReferenceServer::workerMain()
{
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_jobsLock);
            m_jobsReady.wait(lock, [this] { return m_stopWorkers || !m_jobs.empty(); });
            if (m_stopWorkers)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        DispatchOutcome outcome;
        {
            std::lock_guard guard(job.connection->remoteLock);
            outcome = dispatchRemoteCall(job.connection->remote, m_hypervisor, job.header, messagePayload(job.frame));
        }
        if (outcome.reply.empty())
            continue; // a stream packet: no reply
        {
            std::lock_guard guard(m_repliesLock);
            m_replies.push_back({std::move(job.connection), std::move(outcome.reply), outcome.closeAfterReply});
        }
        const char byte = 'r';
        (void)!::write(m_wakeup[1], &byte, 1);
    }
}

int runReferenceServer(int argc, char **argv, EventBackend &backend, const char *name)
{
    std::string path;
    int workers = 20;
    bool bare = false;
    bool usage = false;
    for (int i = 1; i < argc && !usage; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--listen" && i + 1 < argc)
            path = argv[++i];
        else if (arg == "--workers" && i + 1 < argc)
            workers = std::atoi(argv[++i]);
        else if (arg == "--bare")
            bare = true;
        else
            usage = true;
    }
    if (usage || path.empty() || workers < 1) {
        std::fprintf(stderr, "usage: %s --listen PATH [--workers N] [--bare]\n", name);
        return 2;
    }
    // A thousand clients need more descriptors than the usual soft limit of 1024.
    rlimit limit;
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    ReferenceServer server(backend, workers, bare);
    std::string error;
    if (!server.listen(path, &error)) {
        std::fprintf(stderr, "%s: %s\n", name, error.c_str());
        return 1;
    }
    std::printf("%s: listening on %s\n", name, path.c_str());
    std::fflush(stdout);
    server.run();
    return 0;
}

} // namespace pollscope::bench
