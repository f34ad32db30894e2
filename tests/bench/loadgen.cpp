// The load generator of the throughput benchmarks: one process, one thread, epoll.
//
// It connects N clients to a server's Unix socket and keeps exactly one request
// outstanding on each, checking every reply byte for byte against the frame the
// daemon must send (built with engine/rpc, and cross-checked once with the full
// reply decoder). Workloads:
//   ping    keepalive PING -> PONG, answered by the server's loop thread;
//   call    CONNECT_OPEN once per client, then CONNECT_GET_LIB_VERSION, answered
//           by a worker that wakes the loop;
//   accept  cycles of N connections opened, one PING each, then all closed.
// It prints one line of key=value pairs and exits 1 if any reply was wrong or
// missing, or if nothing was measured.
#include "rpc/keepalive.h"
#include "rpc/messageheader.h"
#include "rpc/remotecall.h"
#include "rpc/remoteprocedures.h"
#include "rpc/remotetypes.h"
#include "rpc/testhypervisor.h"
#include "rpc/xdrwriter.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

using namespace pollscope;

namespace {

using Clock = std::chrono::steady_clock;

enum class Workload { Ping, Call, Accept };

struct Options
{
    std::string socketPath;
    Workload workload = Workload::Ping;
    int clients = 1;
    double warmupSeconds = 0.2;
    double durationSeconds = 1.0;
    long long count = 0; // > 0: exactly this many round trips, no timing window
    int serverPid = 0;
};

[[noreturn]] void die(const std::string &message)
{
    std::fprintf(stderr, "bench_loadgen: %s\n", message.c_str());
    std::exit(1);
}

// Offset of the serial in a frame: length word, prog, vers, proc, type.
constexpr size_t kSerialOffset = 20;

void putSerial(std::vector<uint8_t> &frame, uint32_t serial)
{
    frame[kSerialOffset] = uint8_t(serial >> 24);
    frame[kSerialOffset + 1] = uint8_t(serial >> 16);
    frame[kSerialOffset + 2] = uint8_t(serial >> 8);
    frame[kSerialOffset + 3] = uint8_t(serial);
}

uint32_t serialOf(const uint8_t *frame)
{
    return uint32_t(frame[kSerialOffset]) << 24 | uint32_t(frame[kSerialOffset + 1]) << 16
        | uint32_t(frame[kSerialOffset + 2]) << 8 | uint32_t(frame[kSerialOffset + 3]);
}

std::vector<uint8_t> replyFrame(int32_t proc, std::span<const uint8_t> payload)
{
    MessageHeader header;
    header.prog = REMOTE_PROGRAM;
    header.vers = REMOTE_PROTOCOL_VERSION;
    header.proc = proc;
    header.type = uint32_t(MessageType::Reply);
    header.status = uint32_t(MessageStatus::Ok);
    return encodeMessage(header, payload);
}

// The frames this run sends and expects. The expected replies are checked once with
// the full decoder, so a byte comparison afterwards is a complete verification.
struct Frames
{
    std::vector<uint8_t> ping = encodeKeepalivePing();
    std::vector<uint8_t> pong = encodeKeepalivePong();
    std::vector<uint8_t> openCall = encodeConnectOpenCall(0, std::string("test:///default"), 0);
    std::vector<uint8_t> openReply = replyFrame(REMOTE_PROC_CONNECT_OPEN, {});
    std::vector<uint8_t> versionCall = encodeRemoteCall(REMOTE_PROC_CONNECT_GET_LIB_VERSION, 0);
    std::vector<uint8_t> versionReply;

    Frames()
    {
        XdrWriter payload;
        xdrEncode(payload, ConnectGetLibVersionRet{TestHypervisor().libVersion()});
        versionReply = replyFrame(REMOTE_PROC_CONNECT_GET_LIB_VERSION, payload.bytes());

        const RemoteReply open = decodeRemoteReply(openReply);
        const RemoteReply version = decodeRemoteReply(versionReply);
        const auto *ret = std::get_if<ConnectGetLibVersionRet>(&version.ret);
        if (!open.ok() || open.error || !version.ok() || version.error || !ret
            || ret->libVer != TestHypervisor().libVersion() || keepaliveKind(*decodeMessageHeader(pong)) != KeepaliveKind::Pong)
            die("the expected reply frames do not decode as expected");
    }
};

// True if `frame` is `expected` with the given serial.
bool matches(const uint8_t *frame, size_t size, const std::vector<uint8_t> &expected, uint32_t serial)
{
    return size == expected.size() && std::memcmp(frame, expected.data(), kSerialOffset) == 0
        && serialOf(frame) == serial
        && std::memcmp(frame + kSerialOffset + 4, expected.data() + kSerialOffset + 4, size - kSerialOffset - 4) == 0;
}

int connectTo(const std::string &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die(std::string("socket: ") + std::strerror(errno));
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path)
        die("socket path too long");
    std::memcpy(address.sun_path, path.data(), path.size());
    // A blocking connect waits while the listen backlog is full.
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0)
        die("connect " + path + ": " + std::strerror(errno));
    return fd;
}

void sendAll(int fd, const std::vector<uint8_t> &frame)
{
    size_t sent = 0;
    while (sent < frame.size()) {
        const ssize_t n = ::send(fd, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die(std::string("send: ") + std::strerror(errno));
        }
        sent += size_t(n);
    }
}

// Reads one whole frame with blocking reads; the replies here are all small.
std::vector<uint8_t> readFrame(int fd)
{
    std::vector<uint8_t> frame(4);
    size_t have = 0;
    while (have < frame.size()) {
        const ssize_t n = ::read(fd, frame.data() + have, frame.size() - have);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            die(n == 0 ? "the server closed a connection" : std::string("read: ") + std::strerror(errno));
        }
        have += size_t(n);
        if (have == 4) {
            const uint32_t length = decodeLengthWord(frame);
            if (length < 4 || length > 4096)
                die("a reply has an absurd length " + std::to_string(length));
            frame.resize(length);
        }
    }
    return frame;
}

double cpuSeconds()
{
    rusage usage;
    ::getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1e-6 * double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

// The server's user + system time from /proc, or nullopt without a pid.
std::optional<double> serverCpuSeconds(int pid)
{
    if (pid <= 0)
        return std::nullopt;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t close = stat.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    // Fields after "comm)": state is field 3; utime and stime are fields 14 and 15.
    const char *cursor = stat.c_str() + close + 2;
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    if (std::sscanf(cursor, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return std::nullopt;
    return double(utime + stime) / double(::sysconf(_SC_CLK_TCK));
}

struct Connection
{
    int fd = -1;
    uint32_t serial = 0;
    bool opened = false;  // CONNECT_OPEN answered (call workload)
    bool waiting = false; // a request is outstanding
    uint8_t in[512];
    size_t have = 0;
};

class Generator
{
public:
    explicit Generator(const Options &options) : m_options(options) {}

    int run();

private:
    void runRoundTrips();
    void runAccepts();
    void sendNext(Connection &connection);
    void onReadable(Connection &connection);
    void onFrame(Connection &connection, const uint8_t *frame, size_t size);
    bool mayStartAnother();
    void report(long long measured, double seconds, double loadCpu, std::optional<double> serverCpu);

    const Options &m_options;
    Frames m_frames;
    std::vector<Connection> m_connections;
    long long m_sent = 0;
    long long m_verified = 0;
    long long m_measured = 0; // round trips completed inside the window
    bool m_inWindow = false;
    bool m_stopping = false;
};

bool Generator::mayStartAnother()
{
    if (m_stopping)
        return false;
    return m_options.count <= 0 || m_sent < m_options.count;
}

void Generator::sendNext(Connection &connection)
{
    ++connection.serial;
    std::vector<uint8_t> &frame = m_options.workload == Workload::Ping ? m_frames.ping
                                  : connection.opened                 ? m_frames.versionCall
                                                                      : m_frames.openCall;
    // PINGs carry serial 0, as keepalive messages do.
    if (m_options.workload != Workload::Ping)
        putSerial(frame, connection.serial);
    sendAll(connection.fd, frame);
    connection.waiting = true;
    ++m_sent;
}

void Generator::onFrame(Connection &connection, const uint8_t *frame, size_t size)
{
    if (!connection.waiting)
        die("a reply arrived with no request outstanding");
    bool good;
    if (m_options.workload == Workload::Ping) {
        good = size == m_frames.pong.size() && std::memcmp(frame, m_frames.pong.data(), size) == 0;
    } else if (!connection.opened) {
        good = matches(frame, size, m_frames.openReply, connection.serial);
        connection.opened = good;
    } else {
        good = matches(frame, size, m_frames.versionReply, connection.serial);
    }
    if (!good) {
        const RemoteReply reply = decodeRemoteReply(std::span(frame, size));
        die("wrong reply (" + std::to_string(size) + " bytes, serial " + std::to_string(serialOf(frame))
            + ", expected " + std::to_string(connection.serial) + "): "
            + (reply.error ? reply.error->message.value_or("error") : reply.problem));
    }
    connection.waiting = false;
    ++m_verified;
    if (m_inWindow)
        ++m_measured;
    if (mayStartAnother())
        sendNext(connection);
}

void Generator::onReadable(Connection &connection)
{
    const ssize_t n = ::read(connection.fd, connection.in + connection.have, sizeof connection.in - connection.have);
    if (n < 0) {
        if (errno == EAGAIN || errno == EINTR)
            return;
        die(std::string("read: ") + std::strerror(errno));
    }
    if (n == 0)
        die("the server closed a connection");
    connection.have += size_t(n);
    size_t offset = 0;
    while (connection.have - offset >= 4) {
        const uint32_t length = decodeLengthWord(std::span(connection.in + offset, 4));
        if (length < 4 || length > sizeof connection.in)
            die("a reply has an absurd length " + std::to_string(length));
        if (connection.have - offset < length)
            break;
        onFrame(connection, connection.in + offset, length);
        offset += length;
    }
    std::memmove(connection.in, connection.in + offset, connection.have - offset);
    connection.have -= offset;
}

void Generator::runRoundTrips()
{
    const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    m_connections.resize(size_t(m_options.clients));
    for (Connection &connection : m_connections) {
        connection.fd = connectTo(m_options.socketPath);
        epoll_event event = {};
        event.events = EPOLLIN;
        event.data.ptr = &connection;
        ::epoll_ctl(epoll, EPOLL_CTL_ADD, connection.fd, &event);
    }
    for (Connection &connection : m_connections) {
        if (mayStartAnother())
            sendNext(connection);
    }

    const bool timed = m_options.count <= 0;
    const Clock::time_point start = Clock::now();
    const auto windowStart = start + std::chrono::duration<double>(m_options.warmupSeconds);
    const auto windowEnd = windowStart + std::chrono::duration<double>(m_options.durationSeconds);
    Clock::time_point drainDeadline = Clock::time_point::max();
    double cpuAtStart = 0;
    std::optional<double> serverCpuAtStart;
    Clock::time_point measuredFrom = start;
    if (!timed) {
        m_inWindow = true;
        cpuAtStart = cpuSeconds();
        serverCpuAtStart = serverCpuSeconds(m_options.serverPid);
    }
    double seconds = 0;
    double loadCpu = 0;
    std::optional<double> serverCpu;

    std::vector<epoll_event> events(1024);
    for (;;) {
        const int ready = ::epoll_wait(epoll, events.data(), int(events.size()), 50);
        if (ready < 0 && errno != EINTR)
            die(std::string("epoll_wait: ") + std::strerror(errno));
        for (int i = 0; i < ready; ++i)
            onReadable(*static_cast<Connection *>(events[size_t(i)].data.ptr));

        const Clock::time_point now = Clock::now();
        if (timed && !m_inWindow && !m_stopping && now >= windowStart) {
            m_inWindow = true;
            measuredFrom = now;
            cpuAtStart = cpuSeconds();
            serverCpuAtStart = serverCpuSeconds(m_options.serverPid);
        } else if (timed && m_inWindow && now >= windowEnd) {
            m_inWindow = false;
            m_stopping = true;
            seconds = std::chrono::duration<double>(now - measuredFrom).count();
            loadCpu = cpuSeconds() - cpuAtStart;
            if (const auto cpu = serverCpuSeconds(m_options.serverPid); cpu && serverCpuAtStart)
                serverCpu = *cpu - *serverCpuAtStart;
        }
        bool outstanding = false;
        for (const Connection &connection : m_connections)
            outstanding = outstanding || connection.waiting;
        if (!outstanding && (m_stopping || !mayStartAnother()))
            break;
        if (m_stopping && drainDeadline == Clock::time_point::max())
            drainDeadline = now + std::chrono::seconds(5);
        if (now > drainDeadline)
            die("replies still missing 5 s after the last request");
    }
    if (!timed) {
        seconds = std::chrono::duration<double>(Clock::now() - measuredFrom).count();
        loadCpu = cpuSeconds() - cpuAtStart;
        if (const auto cpu = serverCpuSeconds(m_options.serverPid); cpu && serverCpuAtStart)
            serverCpu = *cpu - *serverCpuAtStart;
    }
    for (Connection &connection : m_connections)
        ::close(connection.fd);
    ::close(epoll);
    report(m_measured, seconds, loadCpu, serverCpu);
}

void Generator::runAccepts()
{
    const bool timed = m_options.count <= 0;
    const Clock::time_point start = Clock::now();
    const auto windowStart = start + std::chrono::duration<double>(m_options.warmupSeconds);
    const auto windowEnd = windowStart + std::chrono::duration<double>(m_options.durationSeconds);
    Clock::time_point measuredFrom = start;
    double cpuAtStart = timed ? 0 : cpuSeconds();
    std::optional<double> serverCpuAtStart = timed ? std::nullopt : serverCpuSeconds(m_options.serverPid);
    m_inWindow = !timed;
    std::vector<int> fds(size_t(m_options.clients));
    for (;;) {
        // A whole cycle is counted in the window it started in.
        const bool counted = m_inWindow;
        for (int &fd : fds) {
            fd = connectTo(m_options.socketPath);
            sendAll(fd, m_frames.ping);
            ++m_sent;
        }
        for (int fd : fds) {
            const std::vector<uint8_t> frame = readFrame(fd);
            if (frame != m_frames.pong)
                die("wrong reply to the PING of a new connection");
            ::close(fd);
            ++m_verified;
            if (counted)
                ++m_measured;
        }
        const Clock::time_point now = Clock::now();
        if (!timed) {
            if (m_sent >= m_options.count)
                break;
            continue;
        }
        if (!m_inWindow && now >= windowStart && now < windowEnd) {
            m_inWindow = true;
            measuredFrom = now;
            cpuAtStart = cpuSeconds();
            serverCpuAtStart = serverCpuSeconds(m_options.serverPid);
        } else if (m_inWindow && now >= windowEnd) {
            break;
        }
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - measuredFrom).count();
    std::optional<double> serverCpu;
    if (const auto cpu = serverCpuSeconds(m_options.serverPid); cpu && serverCpuAtStart)
        serverCpu = *cpu - *serverCpuAtStart;
    report(m_measured, seconds, cpuSeconds() - cpuAtStart, serverCpu);
}

void Generator::report(long long measured, double seconds, double loadCpu, std::optional<double> serverCpu)
{
    static const char *const names[] = {"ping", "call", "accept"};
    std::printf("workload=%s clients=%d measured=%lld seconds=%.3f rate=%.1f sent=%lld verified=%lld loadcpu=%.2f",
                names[int(m_options.workload)], m_options.clients, measured, seconds,
                seconds > 0 ? double(measured) / seconds : 0.0, m_sent, m_verified,
                seconds > 0 ? loadCpu / seconds : 0.0);
    if (serverCpu)
        std::printf(" servercpu=%.2f", seconds > 0 ? *serverCpu / seconds : 0.0);
    std::printf("\n");
}

int Generator::run()
{
    if (m_options.workload == Workload::Accept)
        runAccepts();
    else
        runRoundTrips();
    if (m_verified != m_sent)
        die(std::to_string(m_sent) + " requests sent but " + std::to_string(m_verified) + " replies verified");
    if (m_measured == 0)
        die("no round trip completed in the measuring window");
    return 0;
}

Options parseOptions(int argc, char **argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                die("missing value for " + std::string(arg));
            return argv[++i];
        };
        if (arg == "--socket")
            options.socketPath = value();
        else if (arg == "--workload") {
            const std::string name = value();
            if (name == "ping")
                options.workload = Workload::Ping;
            else if (name == "call")
                options.workload = Workload::Call;
            else if (name == "accept")
                options.workload = Workload::Accept;
            else
                die("unknown workload " + name + " (ping, call or accept)");
        } else if (arg == "--clients")
            options.clients = std::atoi(value().c_str());
        else if (arg == "--warmup")
            options.warmupSeconds = std::atof(value().c_str());
        else if (arg == "--duration")
            options.durationSeconds = std::atof(value().c_str());
        else if (arg == "--count")
            options.count = std::atoll(value().c_str());
        else if (arg == "--server-pid")
            options.serverPid = std::atoi(value().c_str());
        else
            die("unknown option " + std::string(arg)
                + "\nusage: bench_loadgen --socket PATH [--workload ping|call|accept] [--clients N]"
                  " [--warmup SEC] [--duration SEC | --count ROUNDTRIPS] [--server-pid PID]");
    }
    if (options.socketPath.empty())
        die("--socket PATH is required");
    if (options.clients < 1 || options.durationSeconds <= 0 || options.warmupSeconds < 0)
        die("--clients, --duration and --warmup want positive numbers");
    return options;
}

} // namespace

int main(int argc, char **argv)
{
    const Options options = parseOptions(argc, argv);
    // A thousand clients need more descriptors than the usual soft limit of 1024.
    rlimit limit;
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    Generator generator(options);
    return generator.run();
}
