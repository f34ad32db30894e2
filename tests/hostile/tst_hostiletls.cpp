// Hostile clients of the daemon's TLS listener, next to a well-behaved client that
// keeps calling on the Unix socket and a TLS client that connects meanwhile:
//   - a client that sends plain, unencrypted RPC bytes to the TLS port is dropped
//     with gnutls's error as the reason (client_handshake, then client_failure);
//   - a client that stalls in the handshake (silent after connecting, half a
//     ClientHello, or a whole one and then nothing) is dropped when the handshake
//     deadline passes (handshake_timeout, then client_failure): libvirt 0.9 had no
//     deadline and kept such a client for ever;
//   - meanwhile the loop never blocks on the hostile client: the Unix client keeps
//     getting correct replies, and a second TLS client finishes its handshake and
//     is answered before the stalled one is dropped.
#include "callingclient.h"
#include "daemonfixture.h"
#include "manualclock.h"
#include "testpki.h"
#include "tlstestclient.h"
#include "tracequeries.h"

#include "rpc/remoteprocedures.h"

#include <QTest>

using namespace pollscope;
using namespace pollscope::test;
using namespace std::chrono_literals;

namespace {

// The good Unix client connects first, so the hostile one is client 2 and the
// good TLS client is client 3.
constexpr int kHostile = 2;
constexpr int kGoodTls = 3;
constexpr int kHandshakeTimeoutMs = 1500;

enum class Stall { Silent, HalfHello, WholeHello };

void withTls(DaemonConfig &config, const std::string &pki)
{
    config.listen.push_back(ListenAddress::parse("tls:127.0.0.1:0", false).value());
    config.pkiDirectory = pki;
    config.tlsHandshakeTimeoutMs = kHandshakeTimeoutMs;
}

std::vector<uint8_t> authListCall(uint32_t serial)
{
    return encodeMessage({REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, REMOTE_PROC_AUTH_LIST,
                          uint32_t(MessageType::Call), serial, uint32_t(MessageStatus::Ok)});
}

// A TLS client that does everything right: handshake, confirmation, one call.
QString goodTlsSession(int port, const std::string &pki)
{
    TlsTestClient client;
    if (!client.connect(port) || !client.handshake(pki, TlsTestClient::Certificate::Present))
        return QString::fromStdString(client.error());
    if (client.readConfirmation() != std::optional<uint8_t>(1))
        return QStringLiteral("no confirmation byte");
    if (!client.sendRecord(authListCall(5)))
        return QString::fromStdString(client.error());
    const auto reply = client.readMessage();
    if (!reply)
        return QStringLiteral("no reply to the call: ") + QString::fromStdString(client.error());
    const auto header = decodeMessageHeader(*reply);
    if (!header || header->serial != 5 || header->status != uint32_t(MessageStatus::Ok))
        return QStringLiteral("no proper reply to the call: ") + QString::fromStdString(header.errorText());
    return {};
}

// Every client's handshake steps, for a failure message.
std::string handshakeSteps(const TraceLog &log)
{
    std::string steps = "handshake steps:";
    for (const TraceEvent &event : log.events()) {
        if (event.kind == EventKind::TlsHandshakeStart || event.kind == EventKind::ClientHandshake)
            steps += std::string(" ") + eventKindInfo(event.kind).name + "(client " + std::to_string(event.client)
                + ", result " + std::to_string(event.result) + ")";
    }
    return steps;
}

} // namespace

Q_DECLARE_METATYPE(Stall)

class TestHostileTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void plainBytes();
    void stalledHandshake_data();
    void stalledHandshake();

private:
    std::unique_ptr<TestPki> m_pki;
};

void TestHostileTls::initTestCase()
{
    m_pki = std::make_unique<TestPki>();
    QVERIFY2(m_pki->isValid(), m_pki->error().c_str());
}

void TestHostileTls::plainBytes()
{
    DaemonFixture daemon([this](DaemonConfig &config) { withTls(config, m_pki->folder()); });
    QVERIFY2(daemon.start(), daemon.server().error().c_str());
    CallingClient good;
    QVERIFY2(good.start(daemon.socketPath()), good.problem().c_str());
    QVERIFY2(good.waitForMoreReplies(2), good.problem().c_str());

    TlsTestClient hostile;
    QVERIFY2(hostile.connect(daemon.server().tlsPort()), hostile.error().c_str());
    // Once the daemon has started the handshake and waits for a hello, it gets an
    // RPC call in the clear instead.
    QVERIFY(daemon.waitFor(EventKind::TlsHandshakeStart, withClient(kHostile)) >= 0);
    QVERIFY2(hostile.sendPlain(authListCall(0)), hostile.error().c_str());
    QVERIFY(hostile.waitForClose(10s));

    const int failed = daemon.waitFor(EventKind::ClientHandshake, allOf(withClient(kHostile), withText("TLS handshake failed: ")));
    QVERIFY2(failed >= 0, daemon.log().dump().c_str());
    QVERIFY(daemon.log().events()[size_t(failed)].result < 0);
    const int failure = daemon.waitFor(EventKind::ClientFailure, withClient(kHostile), failed);
    QVERIFY(failure >= 0);
    QVERIFY(englishMessage(daemon.log().events()[size_t(failure)]).starts_with("TLS handshake failed: "));
    QVERIFY(daemon.waitFor(EventKind::FreeClient, withClient(kHostile)) >= 0);

    QVERIFY2(good.waitForMoreReplies(3), good.problem().c_str());
    const QString tls = goodTlsSession(daemon.server().tlsPort(), m_pki->folder());
    QVERIFY2(tls.isEmpty(), qPrintable(tls));
}

void TestHostileTls::stalledHandshake_data()
{
    QTest::addColumn<Stall>("stall");
    QTest::addRow("silent after connecting") << Stall::Silent;
    QTest::addRow("half a ClientHello") << Stall::HalfHello;
    QTest::addRow("a whole ClientHello, then nothing") << Stall::WholeHello;
}

void TestHostileTls::stalledHandshake()
{
    QFETCH(Stall, stall);
    // The handshake deadline is on a clock the test moves: it passes once the good
    // TLS client is served, however long that takes on a busy machine.
    ManualClock clock;
    DaemonFixture daemon([this](DaemonConfig &config) { withTls(config, m_pki->folder()); }, clock);
    QVERIFY2(daemon.start(), daemon.server().error().c_str());
    CallingClient good;
    QVERIFY2(good.start(daemon.socketPath()), good.problem().c_str());
    QVERIFY2(good.waitForMoreReplies(2), good.problem().c_str());

    TlsTestClient hostile;
    QVERIFY2(hostile.connect(daemon.server().tlsPort()), hostile.error().c_str());
    const std::vector<uint8_t> hello = TlsTestClient::clientHello();
    QVERIFY(hello.size() > 100);
    if (stall != Stall::Silent) {
        const size_t sent = stall == Stall::HalfHello ? hello.size() / 2 : hello.size();
        QVERIFY2(hostile.sendPlain(std::span(hello).first(sent)), hostile.error().c_str());
    }
    if (stall == Stall::WholeHello) {
        // The daemon answered and now waits for the client's next flight.
        QVERIFY(daemon.waitFor(EventKind::CalculateHandleMode, [](const TraceEvent &e) {
            return e.client == kHostile && e.has(TraceField::Direction) && e.direction == 0;
        }) >= 0);
    }

    // While the hostile handshake hangs, the loop serves everybody else.
    const QString tls = goodTlsSession(daemon.server().tlsPort(), m_pki->folder());
    QVERIFY2(tls.isEmpty(), qPrintable(tls));
    QVERIFY2(good.waitForMoreReplies(3), good.problem().c_str());
    // Its handshake is over when the daemon checks its certificate: whether the last
    // step was a later one or the accept's first (the client's last flight already in
    // the socket when that gnutls_handshake call wanted it).
    const int goodDone = daemon.waitFor(EventKind::CheckCertificate, allOf(withClient(kGoodTls), [](const TraceEvent &e) {
                                            return e.result == 0;
                                        }));
    QVERIFY2(goodDone >= 0, handshakeSteps(daemon.log()).c_str());
    QCOMPARE_EQ(daemon.log().count(EventKind::HandshakeTimeout), 0);

    clock.advance(kHandshakeTimeoutMs);
    QVERIFY(hostile.waitForClose(10s));
    const int timeout = daemon.waitFor(EventKind::HandshakeTimeout, withClient(kHostile));
    QVERIFY2(timeout > goodDone, "the hostile client was dropped before the good TLS client was served");
    const TraceEvent &expired = daemon.log().events()[size_t(timeout)];
    QCOMPARE(expired.frequency, kHandshakeTimeoutMs);
    QCOMPARE(expired.direction, 0); // it was waiting for the client
    const int failure = daemon.waitFor(EventKind::ClientFailure, withClient(kHostile), timeout);
    QVERIFY(failure >= 0);
    QCOMPARE(englishMessage(daemon.log().events()[size_t(failure)]),
             std::string("TLS handshake not finished in time"));
    QVERIFY(daemon.waitFor(EventKind::FreeClient, withClient(kHostile)) >= 0);
    QVERIFY2(good.waitForMoreReplies(2), good.problem().c_str());
}

QTEST_GUILESS_MAIN(TestHostileTls)
#include "tst_hostiletls.moc"
