// Hostile clients over real sockets, each next to a well-behaved client that keeps
// calling from its own thread. Whatever the hostile one does (impossible lengths,
// garbage, unknown programs, a trickle, a hang-up or a reset half-way, never
// reading, a burst of a thousand connections, running the process out of file
// descriptors, calling faster than the workers answer), the daemon:
//   - keeps giving the good client correct replies (it is waited for after every
//     hostile step, and any wrong or lost reply fails the case);
//   - drops or answers the hostile client with its reason in the trace (the
//     client_failure text) or in the error reply;
//   - holds only the memory max_client_requests allows;
//   - closes every fd it opened: the process's count is back at its baseline while
//     the daemon still runs, and again once it is gone.
#include "callingclient.h"
#include "daemonfixture.h"
#include "fdcount.h"
#include "tracequeries.h"

#include "client/remoteclient.h"
#include "rpc/remoteprocedures.h"
#include "rpc/xdrwriter.h"

#include <QTest>

#include <atomic>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// From the sanitizer runtime (sanitizer/allocator_interface.h, which GCC does not
// install).
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#endif

using namespace pollscope;
using namespace pollscope::test;
using namespace std::chrono_literals;

namespace {

// The good client is the daemon's first client, so the hostile one is the second.
constexpr int kGoodClient = 1;
constexpr int kHostileClient = 2;

enum class Transport { Unix, Tcp };
enum class Ending { StayConnected, Close, Reset };

QByteArray bytesOf(std::span<const uint8_t> bytes)
{
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

std::span<const uint8_t> spanOf(const QByteArray &bytes)
{
    return {reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size())};
}

QByteArray words(std::initializer_list<uint32_t> values)
{
    XdrWriter writer;
    for (uint32_t value : values)
        writer.writeU32(value);
    return bytesOf(writer.bytes());
}

QByteArray callWithHeader(uint32_t prog, uint32_t vers, int32_t proc, uint32_t type, uint32_t status)
{
    return bytesOf(encodeMessage({prog, vers, proc, type, 42, status}));
}

// The fixture's read-write and read-only Unix sockets plus a loopback TCP listener,
// which the cases that need a real reset (an RST) use.
void withTcp(DaemonConfig &config)
{
    config.listen.push_back(ListenAddress::parse("tcp:127.0.0.1:0", false).value());
}

bool connectHostile(RemoteClient &client, DaemonFixture &daemon, Transport transport)
{
    return transport == Transport::Tcp ? client.connectTcp("127.0.0.1", daemon.server().tcpPort())
                                       : client.connectUnix(daemon.socketPath());
}

bool openOn(RemoteClient &client)
{
    const auto reply = client.callFrame(encodeConnectOpenCall(client.nextSerial(), std::string("test:///default"), 0), 10s);
    return reply && reply->ok() && !reply->error;
}

bool hostnameWorks(RemoteClient &client)
{
    const auto reply = client.call(REMOTE_PROC_CONNECT_GET_HOSTNAME);
    if (!reply || !reply->ok() || reply->error)
        return false;
    const auto *ret = std::get_if<ConnectGetHostnameRet>(&reply->ret);
    return ret && ret->hostname == TestHypervisor::localHostname();
}

// Polls a condition on the daemon's state until it holds; false on timeout.
bool waitUntil(const std::function<bool()> &condition, std::chrono::milliseconds timeout = 20s)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

// What the daemon has read from a client so far, by its trace.
qsizetype bytesRead(const TraceLog &log, int client)
{
    qsizetype read = 0;
    for (const TraceEvent &e : log.events()) {
        if (e.kind == EventKind::ClientRead && e.client == client)
            read += qsizetype(e.bytes);
    }
    return read;
}

std::optional<ServerState::ClientInfo> clientState(DaemonFixture &daemon, int id)
{
    for (const ServerState::ClientInfo &info : daemon.server().state().clients) {
        if (info.id == id)
            return info;
    }
    return std::nullopt;
}

// The resident set size of this process, daemon included.
size_t residentBytes()
{
    FILE *statm = std::fopen("/proc/self/statm", "r");
    if (!statm)
        return 0;
    unsigned long size = 0;
    unsigned long resident = 0;
    const int read = std::fscanf(statm, "%lu %lu", &size, &resident);
    std::fclose(statm);
    return read == 2 ? size_t(resident) * size_t(::sysconf(_SC_PAGESIZE)) : 0;
}

// The heap this process has in use, daemon included. A sanitizer's allocator
// replaces malloc's and counts it itself.
size_t heapInUse()
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return __sanitizer_get_current_allocated_bytes();
#else
    const struct mallinfo2 info = ::mallinfo2();
    return info.uordblks + info.hblkhd;
#endif
}

// Peak growth of a measure after a warm-up point.
struct Growth
{
    size_t warm = 0;
    size_t peak = 0;
    void sample(size_t value, bool warmedUp)
    {
        if (warm == 0 && warmedUp)
            warm = value;
        if (warm > 0)
            peak = std::max(peak, value);
    }
    size_t bytes() const { return peak - warm; }
};

// Restores RLIMIT_NOFILE however the test ends.
struct FdLimitGuard
{
    rlimit saved{};
    FdLimitGuard() { ::getrlimit(RLIMIT_NOFILE, &saved); }
    ~FdLimitGuard() { ::setrlimit(RLIMIT_NOFILE, &saved); }
};

// A socket owned by a test that needs options RemoteClient does not set.
struct OwnedFd
{
    int fd = -1;
    ~OwnedFd()
    {
        if (fd >= 0)
            ::close(fd);
    }
    // A zero linger time turns close() into an RST.
    void reset()
    {
        const linger option = {1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, sizeof option);
        ::close(fd);
        fd = -1;
    }
};

} // namespace

Q_DECLARE_METATYPE(Transport)
Q_DECLARE_METATYPE(Ending)

class TestHostileClients : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_fdsBefore = openFdCount(); }
    void cleanup() { QCOMPARE_EQ(openFdCount(), m_fdsBefore); }

    void droppedWithItsReason_data();
    void droppedWithItsReason();
    void answeredWithAnError_data();
    void answeredWithAnError();
    void trickledOneByteAtATime_data();
    void trickledOneByteAtATime();
    void resetInTheMiddleOfAReply();
    void neverReadsItsReplies();
    void burstOfConnections_data();
    void burstOfConnections();
    void fdExhaustionThenRecovery();
    void callsFasterThanTheWorkersAnswer();

private:
    // Starts the daemon and the good client; the fd baseline is taken once both run.
    bool startWithGoodClient(DaemonFixture &daemon, CallingClient &good);
    // The hostile client is gone from the daemon (freed by the loop), the good client
    // got more correct replies, and every fd the hostile client cost is closed.
    bool hostileClientIsGone(DaemonFixture &daemon, CallingClient &good, int client);

    int m_fdsBefore = 0;
    int m_baseline = 0;
};

bool TestHostileClients::startWithGoodClient(DaemonFixture &daemon, CallingClient &good)
{
    if (!daemon.start()) {
        qWarning("%s", daemon.server().error().c_str());
        return false;
    }
    if (!good.start(daemon.socketPath()) || !good.waitForMoreReplies(3)) {
        qWarning("%s", good.problem().c_str());
        return false;
    }
    m_baseline = openFdCount();
    return true;
}

bool TestHostileClients::hostileClientIsGone(DaemonFixture &daemon, CallingClient &good, int client)
{
    if (daemon.waitFor(EventKind::FreeClient, withClient(client)) < 0) {
        qWarning("client %d was never freed", client);
        return false;
    }
    if (!good.waitForMoreReplies(3)) {
        qWarning("the good client: %s", good.problem().c_str());
        return false;
    }
    const int fds = openFdCount();
    if (fds != m_baseline) {
        qWarning("%d fds open, %d before the hostile client", fds, m_baseline);
        return false;
    }
    return true;
}

void TestHostileClients::droppedWithItsReason_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Ending>("ending");
    QTest::addColumn<QString>("reason");

    const QByteArray call = bytesOf(encodeRemoteCall(REMOTE_PROC_CONNECT_GET_TYPE, 0));
    const QByteArray half = call.left(call.size() / 2);
    QTest::addRow("length word 0") << Transport::Unix << words({0}) << Ending::StayConnected
                                   << "message length 0 too small (minimum 4)";
    QTest::addRow("length word 3") << Transport::Unix << words({3}) << Ending::StayConnected
                                   << "message length 3 too small (minimum 4)";
    QTest::addRow("length word 4, no room for a header")
        << Transport::Unix << words({4}) << Ending::StayConnected
        << "cannot decode the message header: bad message header: truncated: need 4 bytes at offset 4, have 0";
    QTest::addRow("length one over the limit")
        << Transport::Unix << words({REMOTE_MESSAGE_MAX + 4 + 1}) << Ending::StayConnected
        << "message length 262149 too large for max_message_length";
    QTest::addRow("length 0xFFFFFFFF") << Transport::Unix << words({0xFFFFFFFF}) << Ending::StayConnected
                                       << "message length 4294967295 too large for max_message_length";
    QTest::addRow("garbage after a valid length, shorter than a header")
        << Transport::Unix << words({16}) + QByteArray("\x01garbage bytes", 12) << Ending::StayConnected
        << "cannot decode the message header: bad message header: truncated: need 4 bytes at offset 16, have 0";
    QTest::addRow("length word then close") << Transport::Unix << call.left(4) << Ending::Close
                                            << "end of file in the middle of a message";
    QTest::addRow("half a frame then close") << Transport::Unix << half << Ending::Close
                                             << "end of file in the middle of a message";
    QTest::addRow("half a frame then reset") << Transport::Tcp << half << Ending::Reset
                                             << "read failed: Connection reset by peer";
}

void TestHostileClients::droppedWithItsReason()
{
    QFETCH(Transport, transport);
    QFETCH(QByteArray, bytes);
    QFETCH(Ending, ending);
    QFETCH(QString, reason);
    DaemonFixture daemon(withTcp);
    CallingClient good;
    QVERIFY(startWithGoodClient(daemon, good));

    RemoteClient hostile;
    QVERIFY2(connectHostile(hostile, daemon, transport), hostile.error().c_str());
    QVERIFY(hostile.send(spanOf(bytes)));
    if (ending == Ending::StayConnected) {
        // The daemon hangs up on it.
        QVERIFY(hostile.waitForClose(10s));
    } else {
        // Wait until the daemon has read all it was sent, so that the hang-up comes
        // in the middle of the message, not with it.
        QVERIFY(waitUntil([&] {
            daemon.drain();
            return bytesRead(daemon.log(), kHostileClient) == bytes.size();
        }));
        QVERIFY(good.waitForMoreReplies(2));
        hostile.hangUp(ending == Ending::Reset);
    }
    const int failure = daemon.waitFor(EventKind::ClientFailure, withClient(kHostileClient));
    QVERIFY(failure >= 0);
    QCOMPARE(QString::fromStdString(englishMessage(daemon.log().events()[size_t(failure)])), reason);
    hostile.hangUp();
    QVERIFY(hostileClientIsGone(daemon, good, kHostileClient));
    QCOMPARE_EQ(daemon.log().count(EventKind::ClientFailure, withClient(kGoodClient)), 0);
}

void TestHostileClients::answeredWithAnError_data()
{
    QTest::addColumn<bool>("readonlySocket");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<uint32_t>("serial");
    QTest::addColumn<QString>("message");

    const uint32_t call = uint32_t(MessageType::Call);
    const uint32_t ok = uint32_t(MessageStatus::Ok);
    QTest::addRow("unknown program") << false << callWithHeader(0x11111111, 1, 3, call, ok) << 42u
                                     << "program mismatch (actual 11111111, expected 20008086)";
    QTest::addRow("unknown version") << false << callWithHeader(REMOTE_PROGRAM, 7, 3, call, ok) << 42u
                                     << "version mismatch (actual 7, expected 1)";
    QTest::addRow("unknown procedure") << false << callWithHeader(REMOTE_PROGRAM, 1, 9999, call, ok) << 42u
                                       << "unknown procedure: 9999";
    QTest::addRow("negative procedure") << false << callWithHeader(REMOTE_PROGRAM, 1, -7, call, ok) << 42u
                                        << "unknown procedure: -7";
    QTest::addRow("REPLY from a client") << false << callWithHeader(REMOTE_PROGRAM, 1, 3, 1, ok) << 42u
                                         << "type (1) != REMOTE_CALL";
    QTest::addRow("unknown message type") << false << callWithHeader(REMOTE_PROGRAM, 1, 3, 77, ok) << 42u
                                          << "type (77) != REMOTE_CALL";
    QTest::addRow("status ERROR") << false << callWithHeader(REMOTE_PROGRAM, 1, 3, call, 1) << 42u
                                  << "Unexpected message status 1";
    QTest::addRow("unknown status") << false << callWithHeader(REMOTE_PROGRAM, 1, 3, call, 77) << 42u
                                    << "Unexpected message status 77";
    // Any 24 bytes decode as a header: garbage after a valid length is a call of
    // some unknown program.
    QTest::addRow("garbage after a valid length")
        << false << words({28, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef})
        << 0xdeadbeefu << "program mismatch (actual deadbeef, expected 20008086)";
    QTest::addRow("arguments that do not decode")
        << false << bytesOf(encodeRemoteCall(REMOTE_PROC_CONNECT_SUPPORTS_FEATURE, 42, spanOf(QByteArray("\x00\x00", 2))))
        << 42u << "Unable to decode message payload";
    XdrWriter domain;
    const TestHypervisor hypervisor;
    const TestDomain test = hypervisor.domains().front();
    xdrEncode(domain, RemoteNonnullDomain{test.name, test.uuid, test.id});
    QTest::addRow("read-only socket, DOMAIN_SUSPEND")
        << true << bytesOf(encodeRemoteCall(REMOTE_PROC_DOMAIN_SUSPEND, 42, domain.bytes())) << 42u
        << "operation forbidden: read only access prevents virDomainSuspend";
    QTest::addRow("read-only socket, DOMAIN_RESUME")
        << true << bytesOf(encodeRemoteCall(REMOTE_PROC_DOMAIN_RESUME, 42, domain.bytes())) << 42u
        << "operation forbidden: read only access prevents virDomainResume";
}

void TestHostileClients::answeredWithAnError()
{
    QFETCH(bool, readonlySocket);
    QFETCH(QByteArray, frame);
    QFETCH(uint32_t, serial);
    QFETCH(QString, message);
    DaemonFixture daemon;
    CallingClient good;
    QVERIFY(startWithGoodClient(daemon, good));

    RemoteClient hostile;
    QVERIFY(hostile.connectUnix(readonlySocket ? daemon.readonlySocketPath() : daemon.socketPath()));
    QVERIFY(openOn(hostile));
    QVERIFY(hostile.send(spanOf(frame)));
    const auto read = hostile.readFrame(10s);
    QCOMPARE(read.status, RemoteClient::ReadStatus::Frame);
    const RemoteReply reply = decodeRemoteReply(read.frame);
    QCOMPARE_EQ(reply.header.serial, serial);
    QCOMPARE_EQ(reply.header.status, uint32_t(MessageStatus::Error));
    QVERIFY(reply.error.has_value());
    const QString received = QString::fromStdString(reply.error->message.value_or(""));
    QVERIFY2(received.endsWith(message), qPrintable(received));
    // The trace says the same, and the connection stays usable.
    QVERIFY(daemon.waitFor(EventKind::RemoteDispatchEnd, allOf(withClient(kHostileClient), withText(message.toStdString())))
            >= 0);
    QVERIFY(good.waitForMoreReplies(3));
    QVERIFY(hostnameWorks(hostile));
    QCOMPARE_EQ(daemon.log().count(EventKind::ClientFailure), 0);
    hostile.hangUp();
    QVERIFY(hostileClientIsGone(daemon, good, kHostileClient));
}

void TestHostileClients::trickledOneByteAtATime_data()
{
    QTest::addColumn<int>("hangUpAfter"); // bytes sent before hanging up; -1: all of them
    QTest::addRow("whole call") << -1;
    QTest::addRow("hang-up after 37 bytes") << 37;
}

void TestHostileClients::trickledOneByteAtATime()
{
    QFETCH(int, hangUpAfter);
    DaemonFixture daemon;
    CallingClient good;
    QVERIFY(startWithGoodClient(daemon, good));

    RemoteClient hostile;
    QVERIFY(hostile.connectUnix(daemon.socketPath()));
    const std::vector<uint8_t> frame = encodeConnectOpenCall(hostile.nextSerial(), std::string("test:///default"), 0);
    const size_t bytes = hangUpAfter < 0 ? frame.size() : size_t(hangUpAfter);
    int from = 0;
    for (size_t i = 0; i < bytes; ++i) {
        QVERIFY(hostile.send(std::span(frame).subspan(i, 1)));
        // The daemon reads each byte as it comes, one read per byte...
        from = daemon.waitFor(EventKind::ClientRead, withClient(kHostileClient), from) + 1;
        QVERIFY(from > 0);
        QCOMPARE_EQ(daemon.log().events()[size_t(from - 1)].bytes, 1);
        // ...and serves the good client between them.
        if (i % 8 == 0)
            QVERIFY2(good.waitForMoreReplies(1), good.problem().c_str());
    }
    if (hangUpAfter < 0) {
        const auto read = hostile.readFrame(10s);
        QCOMPARE(read.status, RemoteClient::ReadStatus::Frame);
        const RemoteReply reply = decodeRemoteReply(read.frame);
        QVERIFY(reply.ok() && !reply.error);
        QVERIFY(hostnameWorks(hostile));
        const int received = daemon.waitFor(EventKind::MessageReceived, withClient(kHostileClient));
        QCOMPARE_EQ(daemon.log().events()[size_t(received)].length, int64_t(frame.size()));
    } else {
        hostile.hangUp();
        const int failure = daemon.waitFor(EventKind::ClientFailure, withClient(kHostileClient));
        QVERIFY(failure >= 0);
        QCOMPARE(englishMessage(daemon.log().events()[size_t(failure)]), std::string("end of file in the middle of a message"));
    }
    QCOMPARE_EQ(daemon.log().count(EventKind::ClientRead, allOf(withClient(kHostileClient), [](const TraceEvent &e) {
                    return e.bytes == 1;
                })),
                int(bytes));
    hostile.hangUp();
    QVERIFY(hostileClientIsGone(daemon, good, kHostileClient));
}

void TestHostileClients::resetInTheMiddleOfAReply()
{
    DaemonFixture daemon(withTcp);
    CallingClient good;
    QVERIFY(startWithGoodClient(daemon, good));

    // A small receive window and a small segment size keep what the kernel can hold
    // for this client well below one reply, so the daemon is stopped half-way
    // through writing it.
    OwnedFd hostile{::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)};
    QVERIFY(hostile.fd >= 0);
    const int window = 4096;
    const int segment = 536;
    QCOMPARE_EQ(::setsockopt(hostile.fd, SOL_SOCKET, SO_RCVBUF, &window, sizeof window), 0);
    QCOMPARE_EQ(::setsockopt(hostile.fd, IPPROTO_TCP, TCP_MAXSEG, &segment, sizeof segment), 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(daemon.server().tcpPort()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE_EQ(::connect(hostile.fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);

    // DOMAIN_GET_STATE of an unknown domain with the longest name a string may have:
    // the error reply repeats the name twice, about 128 KiB.
    // The call goes after OPEN's reply: two calls of one client sent at once may be
    // answered by two workers at once, in either order, as in libvirtd.
    const std::vector<uint8_t> open = encodeConnectOpenCall(0, std::string("test:///default"), 0);
    QCOMPARE_EQ(::send(hostile.fd, open.data(), open.size(), MSG_NOSIGNAL), ssize_t(open.size()));
    QVERIFY(daemon.waitFor(EventKind::MessageSent, withClient(kHostileClient)) >= 0);
    const RemoteNonnullDomain unknown{std::string(REMOTE_STRING_MAX, 'x'), Uuid{}, -1};
    const std::vector<uint8_t> big = encodeDomainGetStateCall(1, unknown, 0);
    QCOMPARE_EQ(::send(hostile.fd, big.data(), big.size(), MSG_NOSIGNAL), ssize_t(big.size()));

    // The daemon's write of the big reply stops on a full socket.
    const int full = daemon.waitFor(EventKind::ClientWrite, allOf(withClient(kHostileClient), [](const TraceEvent &e) {
                                        return e.bytes == 0;
                                    }));
    QVERIFY(full >= 0);
    const TraceEvent &stuck = daemon.log().events()[size_t(full)];
    QVERIFY(stuck.length > 120000);
    int64_t written = 0;
    for (int i = daemon.log().indexOf(EventKind::MessageSent, withClient(kHostileClient)) + 1; i < full; ++i) {
        const TraceEvent &e = daemon.log().events()[size_t(i)];
        if (e.kind == EventKind::ClientWrite && e.client == kHostileClient)
            written += e.bytes;
    }
    QVERIFY2(written > 0 && written < stuck.length, qPrintable(QString("%1 of %2 bytes written").arg(written).arg(stuck.length)));
    QVERIFY(good.waitForMoreReplies(3));

    hostile.reset();
    const int failure = daemon.waitFor(EventKind::ClientFailure, withClient(kHostileClient));
    QVERIFY(failure >= 0);
    const TraceEvent &dropped = daemon.log().events()[size_t(failure)];
    QCOMPARE(englishMessage(dropped), std::string("write failed: Connection reset by peer"));
    QCOMPARE_EQ(dropped.tx, 1);
    QVERIFY(hostileClientIsGone(daemon, good, kHostileClient));
}

void TestHostileClients::neverReadsItsReplies()
{
    DaemonFixture daemon;
    CallingClient good;
    QVERIFY(startWithGoodClient(daemon, good));

    RemoteClient stubborn;
    QVERIFY(stubborn.connectUnix(daemon.socketPath()));
    QVERIFY(openOn(stubborn));
    // Calls it never reads the replies to: they fill its socket, then all five
    // requests it may have in flight are answered and wait in tx for a POLLOUT that
    // does not come, and the daemon stops reading from it.
    for (uint32_t serial = 1; serial <= 300; ++serial)
        QVERIFY(stubborn.send(encodeConnectListAllDomainsCall(serial, 1, 0)));
    const int maxRequests = daemon.server().config().maxClientRequests;
    const int registered = daemon.waitFor(EventKind::RegisterClientEvent, withClient(kHostileClient));
    QVERIFY(registered >= 0);
    const int watch = daemon.log().events()[size_t(registered)].watch;
    // Stuck for good: its last handle mode is WRITABLE alone with every request
    // answered and waiting in tx, and a whole loop iteration polled its socket after
    // that without dispatching it, so the socket is full. Only the client reading
    // could change that now.
    const auto stuckForGood = [&] {
        daemon.drain();
        const TraceLog &log = daemon.log();
        int mode = -1;
        for (int i = int(log.events().size()) - 1; i >= 0 && mode < 0; --i) {
            const TraceEvent &e = log.events()[size_t(i)];
            if (e.kind == EventKind::CalculateHandleMode && e.client == kHostileClient)
                mode = i;
        }
        if (mode < 0)
            return false;
        const TraceEvent &last = log.events()[size_t(mode)];
        if (last.events != EventHandle::Writable || last.tx != maxRequests || last.nrequests != maxRequests)
            return false;
        const int build = log.indexOf(EventKind::MakePollFDs, {}, mode + 1);
        return build >= 0 && log.indexOf(EventKind::RunOnceEnd, {}, build + 1) >= 0
            && log.indexOf(EventKind::DispatchHandleBegin, withWatch(watch), mode + 1) < 0;
    };
    QVERIFY(waitUntil(stuckForGood));
    daemon.drain();
    const int received = daemon.log().count(EventKind::MessageReceived, withClient(kHostileClient));
    QVERIFY(received < 300);
    QVERIFY(daemon.log().count(EventKind::CalculateHandleMode,
                               allOf(withClient(kHostileClient), withReason(EventReason::ModeWritableOnly)))
            >= 1);
    const int throttled = daemon.log().indexOf(EventKind::ClientThrottled, withClient(kHostileClient));
    QVERIFY(throttled >= 0);
    QCOMPARE_EQ(daemon.log().events()[size_t(throttled)].nrequests, maxRequests);

    // Others are served meanwhile, and the stubborn client stays exactly as stuck.
    QVERIFY2(good.waitForMoreReplies(20), good.problem().c_str());
    QVERIFY(stuckForGood());
    QCOMPARE_EQ(daemon.log().count(EventKind::MessageReceived, withClient(kHostileClient)), received);
    const auto info = clientState(daemon, kHostileClient);
    QVERIFY(info && !info->rxPresent && info->nrequests == maxRequests && int(info->tx) == maxRequests);

    stubborn.hangUp();
    const int failure = daemon.waitFor(EventKind::ClientFailure, withClient(kHostileClient));
    QVERIFY(failure >= 0);
    // Which of these the kernel reports first depends on whether the close of a
    // socket with unread data is seen by the write or by poll; each names the hang-up.
    const QString reason = QString::fromStdString(englishMessage(daemon.log().events()[size_t(failure)]));
    const QStringList hangUps = {"write failed: Broken pipe", "write failed: Connection reset by peer",
                                 "poll() reported HANGUP: the peer is gone"};
    QVERIFY2(hangUps.contains(reason), qPrintable(reason));
    QVERIFY(hostileClientIsGone(daemon, good, kHostileClient));
}

void TestHostileClients::burstOfConnections_data()
{
    QTest::addColumn<int>("connections");
    QTest::addColumn<int>("maxClients");
    QTest::addRow("1000 at once, all accepted") << 1000 << 1001;
    QTest::addRow("1000 at once, max_clients 501") << 1000 << 501;
    QTest::addRow("one more than max_clients") << 3 << 3;
}

void TestHostileClients::burstOfConnections()
{
    QFETCH(int, connections);
    QFETCH(int, maxClients);
    // Each connection costs two fds here (the client's and the daemon's).
    FdLimitGuard limit;
    const rlim_t needed = rlim_t(2 * connections + 256);
    if (limit.saved.rlim_cur < needed) {
        if (limit.saved.rlim_max < needed)
            QSKIP("the hard RLIMIT_NOFILE is too low for this many connections");
        rlimit raised = limit.saved;
        raised.rlim_cur = limit.saved.rlim_max;
        QCOMPARE_EQ(::setrlimit(RLIMIT_NOFILE, &raised), 0);
    }
    DaemonFixture daemon([&](DaemonConfig &config) { config.maxClients = maxClients; });
    CallingClient good;
    QVERIFY(startWithGoodClient(daemon, good));

    // All connect before any of them is used; the daemon accepts them as the backlog
    // of 30 lets them in.
    std::vector<std::unique_ptr<RemoteClient>> clients;
    for (int i = 0; i < connections; ++i) {
        clients.push_back(std::make_unique<RemoteClient>());
        QVERIFY2(clients.back()->connectUnix(daemon.socketPath()), clients.back()->error().c_str());
    }
    const int accepted = std::min(connections, maxClients - 1);
    const int rejected = connections - accepted;
    // Accept events include the good client's.
    QVERIFY(waitForCount(daemon, EventKind::Accept, accepted + 1));
    QVERIFY(waitForCount(daemon, EventKind::ClientRejected, rejected));
    QCOMPARE_EQ(daemon.log().count(EventKind::AcceptFailed), 0);
    if (rejected > 0) {
        const TraceEvent *first = daemon.log().first(EventKind::ClientRejected);
        QVERIFY(englishMessage(*first).find("Too many active clients (" + std::to_string(maxClients) + ")") == 0);
    }
    QVERIFY2(good.waitForMoreReplies(3), good.problem().c_str());

    // Connections are accepted in the order they were made: the first ones are
    // served, the rest were closed at once.
    for (int i = 0; i < connections; ++i) {
        RemoteClient &client = *clients[size_t(i)];
        if (i < accepted) {
            const auto reply = client.call(REMOTE_PROC_AUTH_LIST);
            QVERIFY2(reply && reply->ok() && !reply->error, qPrintable(QString("client %1: %2").arg(i).arg(client.error().c_str())));
        } else {
            QVERIFY(client.waitForClose(10s));
        }
    }
    QVERIFY2(good.waitForMoreReplies(3), good.problem().c_str());
    clients.clear();
    QVERIFY(waitForCount(daemon, EventKind::FreeClient, accepted));
    QVERIFY2(good.waitForMoreReplies(3), good.problem().c_str());
    QCOMPARE_EQ(openFdCount(), m_baseline);
}

void TestHostileClients::fdExhaustionThenRecovery()
{
    DaemonFixture daemon;
    CallingClient good;
    QVERIFY(startWithGoodClient(daemon, good));

    // Leave exactly one fd number free below the limit: the new client's socket
    // takes it, so the daemon's accept() of that connection fails with EMFILE.
    FdLimitGuard limit;
    const int lastFree = ::dup(0);
    rlimit lowered = limit.saved;
    lowered.rlim_cur = rlim_t(lastFree + 1);
    QCOMPARE_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    ::close(lastFree);
    RemoteClient waiting;
    const bool connected = waiting.connectUnix(daemon.socketPath());
    const int failed = connected ? daemon.waitFor(EventKind::AcceptFailed) : -1;
    // Backing off, not spinning, while the good client is still served.
    const int failedAgain = failed >= 0 ? daemon.waitFor(EventKind::AcceptFailed, {}, failed + 1) : -1;
    const bool servedMeanwhile = good.waitForMoreReplies(3);
    QCOMPARE_EQ(::setrlimit(RLIMIT_NOFILE, &limit.saved), 0);
    QVERIFY2(connected, waiting.error().c_str());
    QVERIFY(failed >= 0);
    QVERIFY(failedAgain > failed);
    QVERIFY2(servedMeanwhile, good.problem().c_str());
    const TraceEvent &event = daemon.log().events()[size_t(failed)];
    QCOMPARE_EQ(event.err, EMFILE);
    QCOMPARE(englishMessage(event),
             std::string("Failed to accept connection: Too many open files; listener paused, retrying in 10 ms"));

    // With the limit raised again, the waiting connection is accepted and served.
    QVERIFY(daemon.waitFor(EventKind::AcceptResumed) >= 0);
    QVERIFY(daemon.waitFor(EventKind::RegisterClientEvent, withClient(kHostileClient)) >= 0);
    QVERIFY(openOn(waiting));
    QVERIFY(hostnameWorks(waiting));
    waiting.hangUp();
    QVERIFY(hostileClientIsGone(daemon, good, kHostileClient));
}

void TestHostileClients::callsFasterThanTheWorkersAnswer()
{
    constexpr int kCalls = 1000;
    constexpr size_t kPadding = 64 * 1024;
    DaemonFixture daemon([](DaemonConfig &config) { config.workerDelayMs = 5; });
    CallingClient good;
    QVERIFY(startWithGoodClient(daemon, good));
    const int maxRequests = daemon.server().config().maxClientRequests;

    RemoteClient flood;
    QVERIFY(flood.connectUnix(daemon.socketPath()));
    QVERIFY(openOn(flood));
    // Each call carries 64 KiB the arguments do not use (XDR ignores trailing
    // bytes): unthrottled, the daemon would hold all of them at once.
    std::atomic<int> sent{0};
    std::thread writer([&] {
        const std::vector<uint8_t> padding(kPadding, 0xab);
        while (sent < kCalls && flood.send(encodeRemoteCall(REMOTE_PROC_CONNECT_GET_HOSTNAME, uint32_t(1000 + sent), padding)))
            ++sent;
    });
    // Workers answer a client's requests in parallel, so replies may come in any
    // order; each serial must come back exactly once.
    std::atomic<int> replies{0};
    std::atomic<bool> wrong{false};
    std::thread reader([&] {
        std::vector<bool> seen(kCalls, false);
        for (int i = 0; i < kCalls; ++i) {
            const auto read = flood.readFrame(30s);
            const RemoteReply reply = read.status == RemoteClient::ReadStatus::Frame ? decodeRemoteReply(read.frame)
                                                                                      : RemoteReply{};
            const auto *ret = std::get_if<ConnectGetHostnameRet>(&reply.ret);
            const uint32_t index = reply.header.serial - 1000;
            if (read.status != RemoteClient::ReadStatus::Frame || reply.error || index >= uint32_t(kCalls) || seen[index]
                || !ret || ret->hostname != TestHypervisor::localHostname()) {
                wrong = true;
                return;
            }
            seen[index] = true;
            ++replies;
        }
    });

    // Sample the daemon's queues and the process's memory until every reply is in.
    // The trace is counted and let go as it comes, so that it does not weigh in.
    int maxInFlight = 0;
    size_t maxQueued = 0;
    int throttled = 0;
    Growth heap;
    Growth resident;
    const int goodBefore = good.correctReplies();
    const auto deadline = std::chrono::steady_clock::now() + 120s;
    while (replies < kCalls && !wrong && std::chrono::steady_clock::now() < deadline) {
        if (const auto info = clientState(daemon, kHostileClient)) {
            maxInFlight = std::max(maxInFlight, info->nrequests);
            maxQueued = std::max(maxQueued, info->dx + info->tx);
        }
        daemon.drain();
        throttled += daemon.log().count(EventKind::ClientThrottled, withClient(kHostileClient));
        daemon.log().clear();
        // Memory is compared from the point where the queues have been full once.
        heap.sample(heapInUse(), replies >= kCalls / 10);
        resident.sample(residentBytes(), replies >= kCalls / 10);
        std::this_thread::sleep_for(1ms);
    }
    // If replies stopped coming, the writer may be blocked on a full socket.
    if (replies < kCalls)
        ::shutdown(flood.fd(), SHUT_RDWR);
    writer.join();
    reader.join();
    QCOMPARE_EQ(sent.load(), kCalls);
    QVERIFY(!wrong);
    QCOMPARE_EQ(replies.load(), kCalls);
    // Bounded by max_client_requests, not by the thousand calls sent.
    QVERIFY(throttled >= 1);
    QVERIFY2(maxInFlight <= maxRequests, qPrintable(QString::number(maxInFlight)));
    QVERIFY2(maxQueued <= size_t(maxRequests), qPrintable(QString::number(maxQueued)));
    // 64 MiB went through; what stays is the few messages in flight and the trace
    // strings, well under 16 MiB.
    QVERIFY2(heap.bytes() < 16u * 1024 * 1024,
             qPrintable(QString("heap in use %1 -> %2 bytes").arg(heap.warm).arg(heap.peak)));
#if !defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer keeps freed memory in quarantine, resident on purpose.
    QVERIFY2(resident.bytes() < 16u * 1024 * 1024,
             qPrintable(QString("resident %1 -> %2 bytes").arg(resident.warm).arg(resident.peak)));
#endif
    QVERIFY2(good.correctReplies() > goodBefore && good.problem().empty(), good.problem().c_str());
    flood.hangUp();
    QVERIFY(hostileClientIsGone(daemon, good, kHostileClient));
}

QTEST_GUILESS_MAIN(TestHostileClients)
#include "tst_hostileclients.moc"
