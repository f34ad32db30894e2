// The daemon's TLS listener (libvirtd 0.9's remoteListenTCP with type TLS), over
// real sockets with a gnutls client:
//   - a missing PKI file stops the start, and the error names the file;
//   - the handshake runs on the loop thread without blocking, and the client's
//     handle mode follows gnutls's direction: a client that does not read the
//     daemon's large first flight makes it wait to write (WRITABLE only); once
//     the client reads, the handshake ends and the mode comes from the queues;
//   - the client certificate is checked as 0.9 checks it, and a refused one lets
//     the client in only with tls_no_verify_certificate;
//   - after the handshake the daemon sends the byte 0x01, then answers calls over
//     TLS, also two calls that arrive in one TLS record (the second waits in
//     gnutls's buffer, where poll() cannot see it), also when the first call
//     throttles the client and the second can be read only once the reply is out;
//   - the trace of all of it keeps every invariant of the trace checker.
#include "daemonfixture.h"
#include "testpki.h"
#include "tlstestclient.h"
#include "tracequeries.h"

#include "rpc/remoteprocedures.h"
#include "trace/threadnames.h"
#include "trace/tracechecker.h"

#include <QTest>

#include <filesystem>

using namespace pollscope;
using namespace pollscope::test;
using namespace std::chrono_literals;

namespace {

void withTls(DaemonConfig &config, const std::string &pki)
{
    config.listen.push_back(ListenAddress::parse("tls:127.0.0.1:0", false).value());
    config.pkiDirectory = pki;
}

std::vector<uint8_t> authListCall(uint32_t serial)
{
    return encodeMessage({REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, REMOTE_PROC_AUTH_LIST,
                          uint32_t(MessageType::Call), serial, uint32_t(MessageStatus::Ok)});
}

// An AUTH_LIST reply with the given serial, status OK.
bool isAuthListReply(const std::optional<std::vector<uint8_t>> &frame, uint32_t serial)
{
    if (!frame)
        return false;
    const auto header = decodeMessageHeader(*frame);
    return header && header->proc == REMOTE_PROC_AUTH_LIST && header->type == uint32_t(MessageType::Reply)
        && header->serial == serial && header->status == uint32_t(MessageStatus::Ok);
}

QString violationsOf(DaemonFixture &daemon)
{
    TraceSession session;
    session.events = daemon.log().events();
    session.threadNames = ThreadNames::snapshot();
    QString text;
    for (const TraceViolation &violation : checkTrace(session))
        text += QString::fromStdString(violation.rule + ": " + violation.message + "\n");
    return text;
}

// The handle modes qemudCalculateHandleMode gave `client` while it was handshaking.
QList<int> handshakeModes(const TraceLog &log, int client)
{
    QList<int> modes;
    for (const TraceEvent &event : log.events()) {
        if (event.kind == EventKind::CalculateHandleMode && event.client == client && event.has(TraceField::Direction))
            modes << event.events;
    }
    return modes;
}

} // namespace

class TestTlsDaemon : public QObject
{
    Q_OBJECT

private slots:
    void missingPkiFile_data();
    void missingPkiFile();
    void handshakeWaitsToWriteThenToRead();
    void clientCertificate_data();
    void clientCertificate();
    void twoCallsInOneRecord_data();
    void twoCallsInOneRecord();
};

void TestTlsDaemon::missingPkiFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addRow("CA certificate") << "cacert.pem";
    QTest::addRow("server certificate") << "servercert.pem";
    QTest::addRow("server key") << "serverkey.pem";
}

void TestTlsDaemon::missingPkiFile()
{
    QFETCH(QString, file);
    TestPki pki;
    QVERIFY2(pki.isValid(), pki.error().c_str());
    const std::string path = pki.file(file.toUtf8().constData());
    std::filesystem::remove(path);

    DaemonFixture daemon([&](DaemonConfig &config) { withTls(config, pki.folder()); });
    QVERIFY(!daemon.start());
    const std::string error = daemon.server().error();
    QVERIFY2(error.find("'" + path + "'") != std::string::npos, error.c_str());
    QVERIFY2(error.find("No such file or directory") != std::string::npos, error.c_str());
    daemon.drain();
    const TraceEvent *init = daemon.log().first(EventKind::TlsInit);
    QVERIFY(init);
    QCOMPARE(init->result, -1);
    // Nothing listens on TCP: the credentials come before the TLS listener.
    QCOMPARE(daemon.log().count(EventKind::ListenTcp), 0);
}

void TestTlsDaemon::handshakeWaitsToWriteThenToRead()
{
    // About 30 KB of host names in the server certificate: more than a client's
    // small receive window and the daemon's small send buffer hold together.
    TestPki pki(120);
    QVERIFY2(pki.isValid(), pki.error().c_str());
    DaemonFixture daemon([&](DaemonConfig &config) {
        withTls(config, pki.folder());
        config.clientSendBufferBytes = 4096;
    });
    QVERIFY2(daemon.start(), daemon.server().error().c_str());

    TlsTestClient client;
    QVERIFY2(client.connect(daemon.server().tlsPort(), 4096), client.error().c_str());
    QVERIFY2(client.startHandshake(pki.folder(), TlsTestClient::Certificate::Present), client.error().c_str());

    // The daemon answers the hello and its flight gets stuck: it waits to write,
    // and the mode becomes WRITABLE only.
    const int waitsToWrite = daemon.waitFor(EventKind::CalculateHandleMode, [](const TraceEvent &e) {
        return e.client == 1 && e.has(TraceField::Direction) && e.direction == 1;
    });
    QVERIFY2(waitsToWrite >= 0, "the handshake never waited to write");
    QCOMPARE(daemon.log().events()[size_t(waitsToWrite)].events, int(EventHandle::Writable));

    // Reading lets it finish its flight; then it waits for the client's answer.
    QVERIFY2(client.finishHandshake(), client.error().c_str());
    QCOMPARE(client.readConfirmation(), std::optional<uint8_t>(1));
    QVERIFY2(client.sendRecord(authListCall(0)), client.error().c_str());
    QVERIFY(isAuthListReply(client.readMessage(), 0));

    const int done = daemon.waitFor(EventKind::ClientHandshake, [](const TraceEvent &e) { return e.result == 0; });
    QVERIFY(done > waitsToWrite);
    // While the handshake lasts each mode is one way alone, never both (whether
    // READABLE comes back before the end depends on how fast the client answers);
    // once it is done, the queues decide: READABLE|WRITABLE for the confirmation.
    const QList<int> modes = handshakeModes(daemon.log(), 1);
    QVERIFY(modes.contains(int(EventHandle::Writable)));
    for (int mode : modes)
        QVERIFY(mode == int(EventHandle::Readable) || mode == int(EventHandle::Writable));
    const int afterHandshake = daemon.log().indexOf(EventKind::CalculateHandleMode, {}, done);
    QCOMPARE(daemon.log().events()[size_t(afterHandshake)].events, int(EventHandle::Readable | EventHandle::Writable));
    // The confirmation byte went out, raw, before the reply.
    QVERIFY(daemon.waitFor(EventKind::MessageSent, withText("confirmation byte"), done) >= 0);
    const TraceEvent *check = daemon.log().first(EventKind::CheckCertificate);
    QVERIFY(check && check->result == 0);

    daemon.shutdown();
    const QString violations = violationsOf(daemon);
    QVERIFY2(violations.isEmpty(), qPrintable(violations));
}

void TestTlsDaemon::clientCertificate_data()
{
    QTest::addColumn<bool>("present");
    QTest::addColumn<bool>("noVerify");
    QTest::addColumn<bool>("admitted");
    QTest::addColumn<QString>("checkText");
    QTest::addRow("signed by the CA")
        << true << false << true << "client certificate accepted: C=GB,ST=London,L=London,O=pollscope,CN=pollscope test client";
    QTest::addRow("none, verified") << false << false << false << "client certificate refused: ";
    QTest::addRow("none, tls_no_verify_certificate") << false << true << true
                                                     << "ignored: tls_no_verify_certificate is set";
}

void TestTlsDaemon::clientCertificate()
{
    QFETCH(bool, present);
    QFETCH(bool, noVerify);
    QFETCH(bool, admitted);
    QFETCH(QString, checkText);
    TestPki pki;
    QVERIFY2(pki.isValid(), pki.error().c_str());
    DaemonFixture daemon([&](DaemonConfig &config) {
        withTls(config, pki.folder());
        config.tlsNoVerifyCertificate = noVerify;
    });
    QVERIFY2(daemon.start(), daemon.server().error().c_str());

    TlsTestClient client;
    QVERIFY2(client.connect(daemon.server().tlsPort()), client.error().c_str());
    // The handshake itself passes either way: the certificate is asked for, not required.
    QVERIFY2(client.handshake(pki.folder(), present ? TlsTestClient::Certificate::Present
                                                    : TlsTestClient::Certificate::Absent),
             client.error().c_str());
    const std::optional<uint8_t> confirmation = client.readConfirmation();
    QCOMPARE(confirmation.has_value(), admitted);

    QVERIFY(daemon.waitFor(EventKind::CheckCertificate) >= 0);
    const TraceEvent *check = daemon.log().first(EventKind::CheckCertificate);
    QCOMPARE(check->result, present ? 0 : -1);
    QVERIFY2(englishMessage(*check).find(checkText.toStdString()) != std::string::npos, englishMessage(*check).c_str());
    if (admitted) {
        QCOMPARE(*confirmation, uint8_t(1));
        QVERIFY2(client.sendRecord(authListCall(7)), client.error().c_str());
        QVERIFY(isAuthListReply(client.readMessage(), 7));
    } else if (daemon.log().count(EventKind::RegisterClientEvent) > 0) {
        // Refused after a handshake that the loop stepped: the client fails.
        const int failure = daemon.waitFor(EventKind::ClientFailure);
        QVERIFY(failure >= 0);
        QVERIFY(englishMessage(daemon.log().events()[size_t(failure)]).starts_with("client certificate refused: "));
    } else {
        // The whole handshake fitted in qemudDispatchServer's first call, so the
        // refused client is closed there, never registered, as in libvirt 0.9.
        const TraceEvent *start = daemon.log().first(EventKind::TlsHandshakeStart);
        QVERIFY(start && start->result == 0);
    }
}

void TestTlsDaemon::twoCallsInOneRecord_data()
{
    QTest::addColumn<int>("maxClientRequests");
    QTest::addRow("read on at once") << 5;
    QTest::addRow("read after the throttle") << 1;
}

void TestTlsDaemon::twoCallsInOneRecord()
{
    QFETCH(int, maxClientRequests);
    TestPki pki;
    QVERIFY2(pki.isValid(), pki.error().c_str());
    DaemonFixture daemon([&](DaemonConfig &config) {
        withTls(config, pki.folder());
        config.maxClientRequests = maxClientRequests;
    });
    QVERIFY2(daemon.start(), daemon.server().error().c_str());
    TlsTestClient client;
    QVERIFY2(client.connect(daemon.server().tlsPort()), client.error().c_str());
    QVERIFY2(client.handshake(pki.folder(), TlsTestClient::Certificate::Present), client.error().c_str());
    QCOMPARE(client.readConfirmation(), std::optional<uint8_t>(1));

    std::vector<uint8_t> both = authListCall(1);
    const std::vector<uint8_t> secondCall = authListCall(2);
    both.insert(both.end(), secondCall.begin(), secondCall.end());
    QVERIFY2(client.sendRecord(both), client.error().c_str());
    // Both answered, although the socket had nothing more once the record was read.
    // Read on at once, the two calls run on two workers, so either reply may be
    // queued first, as with libvirtd.
    const std::optional<std::vector<uint8_t>> first = client.readMessage();
    const std::optional<std::vector<uint8_t>> second = client.readMessage();
    QVERIFY((isAuthListReply(first, 1) && isAuthListReply(second, 2))
            || (maxClientRequests > 1 && isAuthListReply(first, 2) && isAuthListReply(second, 1)));
    if (maxClientRequests == 1) {
        // Throttled after the first call: the second was read by the timer that
        // giving the receive buffer back armed.
        const int unthrottled = daemon.waitFor(EventKind::ClientUnthrottled);
        QVERIFY(unthrottled >= 0);
        QVERIFY(daemon.waitFor(EventKind::DispatchTimeoutBegin, withText("tlsPendingRead"), unthrottled) >= 0);
    } else {
        QVERIFY(daemon.waitFor(EventKind::ClientRead, withText("gnutls had decrypted already")) >= 0);
    }
}

QTEST_GUILESS_MAIN(TestTlsDaemon)
#include "tst_tlsdaemon.moc"
