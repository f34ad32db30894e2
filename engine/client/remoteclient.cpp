#include "remoteclient.h"

#include "rpc/keepalive.h"

#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace pollscope {

namespace {

// Large enough for any reply of the test hypervisor, and a bound on what a
// misbehaving peer can make us allocate.
constexpr uint32_t kLargestFrame = 33554432 + 4;

int millisecondsLeft(std::chrono::steady_clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return left.count() < 0 ? 0 : int(left.count());
}

} // namespace

RemoteClient::~RemoteClient()
{
    hangUp();
}

bool RemoteClient::fail(const std::string &what)
{
    m_error = what + ": " + std::strerror(errno);
    return false;
}

bool RemoteClient::connectTo(const ListenAddress &address)
{
    if (address.transport == ListenAddress::Transport::Tcp)
        return connectTcp(address.host, std::stoi(address.port));
    return connectUnix(address.path);
}

bool RemoteClient::connectUnix(const std::string &path)
{
    hangUp();
    m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return fail("socket");
    sockaddr_un sun = {};
    sun.sun_family = AF_UNIX;
    if (path.size() >= sizeof sun.sun_path) {
        m_error = "socket path too long: " + path;
        hangUp();
        return false;
    }
    std::memcpy(sun.sun_path, path.data(), path.size());
    socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + path.size());
    if (!path.empty() && path[0] == '@')
        sun.sun_path[0] = '\0';
    else
        ++length;
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&sun), length) < 0) {
        fail("connect to " + path);
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    return true;
}

bool RemoteClient::connectTcp(const std::string &host, int port)
{
    hangUp();
    addrinfo hints = {};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *results = nullptr;
    if (const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &results); rc != 0) {
        m_error = "cannot resolve " + host + ": " + ::gai_strerror(rc);
        return false;
    }
    for (addrinfo *ai = results; ai; ai = ai->ai_next) {
        m_fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (m_fd < 0)
            continue;
        if (::connect(m_fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        fail("connect to " + host + ":" + std::to_string(port));
        ::close(m_fd);
        m_fd = -1;
    }
    ::freeaddrinfo(results);
    return m_fd >= 0;
}

bool RemoteClient::send(std::span<const uint8_t> bytes, std::chrono::milliseconds timeout)
{
    if (m_fd < 0) {
        m_error = "not connected";
        return false;
    }
    // A blocking send with SO_SNDTIMEO, not poll(POLLOUT): a Unix socket reports
    // POLLOUT only while its send buffer is at most a quarter full, where send()
    // itself goes on until the buffer is full.
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!bytes.empty()) {
        const int left = millisecondsLeft(deadline);
        const timeval limit = {left / 1000, (left % 1000) * 1000};
        if (left == 0 || ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit) < 0) {
            m_error = left == 0 ? "send: the socket had no room for " + std::to_string(timeout.count())
                                      + " ms (the peer does not read)"
                                : "setsockopt(SO_SNDTIMEO): " + std::string(std::strerror(errno));
            return false;
        }
        const ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n >= 0)
            bytes = bytes.subspan(size_t(n));
        else if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
            return fail("send");
    }
    return true;
}

RemoteClient::ReadResult RemoteClient::readFrame(std::chrono::milliseconds timeout)
{
    ReadResult result;
    if (m_fd < 0) {
        result.error = "not connected";
        return result;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        // A whole frame already buffered?
        if (m_pending.size() >= 4) {
            const uint32_t length = decodeLengthWord(m_pending);
            if (length < 4 || length > kLargestFrame) {
                result.error = "the peer sent an impossible length word " + std::to_string(length);
                return result;
            }
            if (m_pending.size() >= length) {
                result.status = ReadStatus::Frame;
                result.frame.assign(m_pending.begin(), m_pending.begin() + length);
                m_pending.erase(m_pending.begin(), m_pending.begin() + length);
                return result;
            }
        }
        pollfd pfd = {m_fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, millisecondsLeft(deadline));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0) {
            result.error = std::string("poll: ") + std::strerror(errno);
            return result;
        }
        if (ready == 0) {
            result.status = ReadStatus::Timeout;
            return result;
        }
        uint8_t buffer[65536];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0 || (n < 0 && errno == ECONNRESET)) {
            result.status = ReadStatus::Closed;
            result.error = n == 0 ? "end of file" : "connection reset";
            return result;
        }
        if (n < 0) {
            result.error = std::string("recv: ") + std::strerror(errno);
            return result;
        }
        m_pending.insert(m_pending.end(), buffer, buffer + n);
    }
}

std::optional<RemoteReply> RemoteClient::call(int32_t proc, std::span<const uint8_t> payload,
                                              std::chrono::milliseconds timeout)
{
    return callFrame(encodeRemoteCall(proc, nextSerial(), payload), timeout);
}

std::optional<RemoteReply> RemoteClient::callFrame(const std::vector<uint8_t> &frame, std::chrono::milliseconds timeout,
                                                   std::vector<std::vector<uint8_t>> *messages)
{
    const auto header = decodeMessageHeader(frame);
    if (!header) {
        m_error = "not a valid frame";
        return std::nullopt;
    }
    if (!send(frame))
        return std::nullopt;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        ReadResult read = readFrame(std::chrono::milliseconds(millisecondsLeft(deadline)));
        if (read.status != ReadStatus::Frame) {
            m_error = read.status == ReadStatus::Timeout ? "no reply in time" : read.error;
            return std::nullopt;
        }
        const auto replyHeader = decodeMessageHeader(read.frame);
        if (replyHeader && keepaliveKind(*replyHeader) != KeepaliveKind::NotKeepalive) {
            if (keepaliveKind(*replyHeader) == KeepaliveKind::Ping && !send(encodeKeepalivePong()))
                return std::nullopt;
            continue;
        }
        // Events come with serial 1, which may well be this call's serial too.
        if (replyHeader && replyHeader->type == static_cast<uint32_t>(MessageType::Message)) {
            if (messages)
                messages->push_back(std::move(read.frame));
            continue;
        }
        if (replyHeader && replyHeader->serial != header->serial)
            continue; // a late reply to an earlier call
        return decodeRemoteReply(read.frame);
    }
}

void RemoteClient::hangUp(bool reset)
{
    if (m_fd < 0)
        return;
    if (reset) {
        // A zero linger time turns close() into an RST.
        linger option = {1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
    ::close(m_fd);
    m_fd = -1;
    m_pending.clear();
}

bool RemoteClient::waitForClose(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        ReadResult read = readFrame(std::chrono::milliseconds(millisecondsLeft(deadline)));
        if (read.status == ReadStatus::Closed)
            return true;
        if (read.status == ReadStatus::Timeout || read.status == ReadStatus::Error)
            return read.status == ReadStatus::Error && errno == ECONNRESET;
    }
}

} // namespace pollscope
