// The dispatcher, call by call, as the daemon will drive it: each case encodes a CALL
// with the client helpers, dispatches it, and decodes the reply frame.
//
// Behaviour under test: the exact sequence a virsh 9.0 sends for `list --all`; each
// implemented procedure's answer; the checks in libvirt's order (program, version,
// type, status, procedure, arguments, open connection, write access) and the exact
// error each one sends (code, domain, level, message, str1, echoed header); STREAM
// packets dropped without a reply; arguments that do not decode, however hostile,
// answered with an error and never a crash.
#include "hexbytes.h"
#include "rpc/remotecall.h"
#include "rpc/remotedispatch.h"
#include "rpc/remoteprocedures.h"
#include "rpc/testhypervisor.h"
#include "rpc/xdrwriter.h"

#include <QTest>

using namespace pollscope;
using namespace pollscope::test;

namespace {

struct Exchange
{
    DispatchOutcome outcome;
    RemoteReply reply; // decoded outcome.reply; left empty when there is none
};

template<typename Args>
std::vector<uint8_t> payloadOf(const Args &args)
{
    XdrWriter writer;
    xdrEncode(writer, args);
    return writer.takeBytes();
}

RemoteNonnullDomain wireDomain(const TestDomain &domain)
{
    return {domain.name, domain.uuid, domain.id};
}

QString text(const std::optional<std::string> &value)
{
    return value ? QString::fromStdString(*value) : QStringLiteral("<absent>");
}

} // namespace

class TestRemoteDispatch : public QObject
{
    Q_OBJECT

private slots:
    void virshListAllSession();
    void authListReplyBytes();
    void supportsFeature_data();
    void supportsFeature();
    void connectOpen_data();
    void connectOpen();
    void secondOpenIsRefused();
    void hostInformation();
    void listAllDomains_data();
    void listAllDomains();
    void domainGetState_data();
    void domainGetState();
    void unknownDomain_data();
    void unknownDomain();
    void headerErrors_data();
    void headerErrors();
    void streamPacketsGetNoReply();
    void streamPacketErrorGoesBackOnTheStream();
    void unknownProcedure_data();
    void unknownProcedure();
    void callBeforeOpen_data();
    void callBeforeOpen();
    void allowedBeforeOpen_data();
    void allowedBeforeOpen();
    void undecodableArguments_data();
    void undecodableArguments();
    void everyTruncationIsRefused_data();
    void everyTruncationIsRefused();
    void trailingBytesAreIgnored();
    void writeAccess_data();
    void writeAccess();
    void readOnlyConnectionMayRead_data();
    void readOnlyConnectionMayRead();
    void closeAsksToCloseAfterTheReply();

private:
    Exchange call(RemoteConnection &connection, const std::vector<uint8_t> &frame) const;
    Exchange callRaw(RemoteConnection &connection, const MessageHeader &header,
                     const std::vector<uint8_t> &payload = {}) const;
    RemoteConnection openedConnection(bool readonly = false) const;
    // Well-formed arguments for a procedure that takes some.
    std::vector<uint8_t> validArguments(int32_t proc) const;
    // Checks an error reply against libvirt's fields; the caller checks with QTest.
    static void verifyError(const Exchange &exchange, const MessageHeader &request, int32_t code, int32_t domain,
                            const QString &message);

    const TestHypervisor m_hypervisor{"pollscope-host"};
};

Exchange TestRemoteDispatch::call(RemoteConnection &connection, const std::vector<uint8_t> &frame) const
{
    const Result<MessageHeader> header = decodeMessageHeader(frame);
    if (!header)
        qFatal("the test built a bad frame");
    Exchange exchange;
    exchange.outcome = dispatchRemoteCall(connection, m_hypervisor, *header, messagePayload(frame));
    if (!exchange.outcome.reply.empty())
        exchange.reply = decodeRemoteReply(exchange.outcome.reply);
    return exchange;
}

Exchange TestRemoteDispatch::callRaw(RemoteConnection &connection, const MessageHeader &header,
                                     const std::vector<uint8_t> &payload) const
{
    return call(connection, encodeMessage(header, payload));
}

RemoteConnection TestRemoteDispatch::openedConnection(bool readonly) const
{
    RemoteConnection connection;
    call(connection, encodeConnectOpenCall(0, "test:///default", readonly ? VIR_CONNECT_RO : 0));
    return connection;
}

void TestRemoteDispatch::verifyError(const Exchange &exchange, const MessageHeader &request, int32_t code,
                                     int32_t domain, const QString &message)
{
    QVERIFY(exchange.outcome.isError);
    QVERIFY(!exchange.outcome.closeAfterReply);
    QVERIFY2(exchange.reply.ok(), exchange.reply.problem.c_str());
    const MessageHeader &header = exchange.reply.header;
    QCOMPARE(header.prog, request.prog);
    QCOMPARE(header.vers, request.vers);
    QCOMPARE(header.proc, request.proc);
    QCOMPARE(header.serial, request.serial);
    QCOMPARE(header.type, uint32_t(MessageType::Reply));
    QCOMPARE(header.status, uint32_t(MessageStatus::Error));
    QVERIFY(exchange.reply.error);
    const RemoteError &error = *exchange.reply.error;
    QCOMPARE(error.code, code);
    QCOMPARE(error.domain, domain);
    QCOMPARE(error.level, VIR_ERR_ERROR);
    QCOMPARE(text(error.message), message);
    QCOMPARE(text(error.str1), message);
    QVERIFY(!error.str2 && !error.str3);
    QVERIFY(QString::fromStdString(exchange.outcome.summary).contains(QLatin1String(" -> error: ") + message));
}

void TestRemoteDispatch::virshListAllSession()
{
    // Specification 3.8a: `virsh -c test+unix:///default?socket=... list --all` as root.
    RemoteConnection connection;
    uint32_t serial = 0;

    Exchange step = call(connection, encodeRemoteCall(REMOTE_PROC_AUTH_LIST, serial++));
    QCOMPARE(std::get<AuthListRet>(step.reply.ret).types, std::vector<int32_t>{REMOTE_AUTH_NONE});
    QCOMPARE(QString::fromStdString(step.outcome.summary), QStringLiteral("AUTH_LIST -> ok types=[0]"));

    step = call(connection, encodeConnectSupportsFeatureCall(serial++, VIR_DRV_FEATURE_PROGRAM_KEEPALIVE));
    QCOMPARE(std::get<ConnectSupportsFeatureRet>(step.reply.ret).supported, 1);

    step = call(connection, encodeConnectOpenCall(serial++, "test:///default", 0));
    QVERIFY(std::holds_alternative<RemoteVoid>(step.reply.ret));
    QCOMPARE(QString::fromStdString(step.outcome.summary),
             QStringLiteral("CONNECT_OPEN name=test:///default flags=0 -> ok"));
    QVERIFY(connection.opened);
    QVERIFY(!connection.openedReadonly);

    for (int32_t feature : {VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK, VIR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK}) {
        step = call(connection, encodeConnectSupportsFeatureCall(serial++, feature));
        QCOMPARE(std::get<ConnectSupportsFeatureRet>(step.reply.ret).supported, 0);
    }

    step = call(connection, encodeConnectListAllDomainsCall(serial++, 1,
                                                            VIR_CONNECT_LIST_DOMAINS_ACTIVE
                                                                | VIR_CONNECT_LIST_DOMAINS_INACTIVE));
    QCOMPARE(step.reply.header.serial, 5u);
    const auto domains = std::get<ConnectListAllDomainsRet>(step.reply.ret);
    QCOMPARE(domains.ret, 4u);
    QCOMPARE(domains.domains.size(), size_t(4));
    QCOMPARE(QString::fromStdString(step.outcome.summary),
             QStringLiteral("CONNECT_LIST_ALL_DOMAINS need_results=1 flags=3 -> ok ret=4"));

    for (const RemoteNonnullDomain &dom : domains.domains) {
        step = call(connection, encodeDomainGetStateCall(serial++, dom, 0));
        const TestDomain *expected = m_hypervisor.findByName(dom.name);
        QVERIFY(expected);
        QCOMPARE(dom.uuid, expected->uuid);
        QCOMPARE(dom.id, expected->id);
        QCOMPARE(std::get<DomainGetStateRet>(step.reply.ret).state, expected->state);
        QVERIFY(!step.outcome.closeAfterReply);
    }

    step = call(connection, encodeRemoteCall(REMOTE_PROC_CONNECT_CLOSE, serial));
    QCOMPARE(step.reply.header.serial, 10u);
    QVERIFY(step.outcome.closeAfterReply);
    QVERIFY(!step.outcome.isError);
}

void TestRemoteDispatch::authListReplyBytes()
{
    RemoteConnection connection;
    const Exchange exchange = call(connection, encodeRemoteCall(REMOTE_PROC_AUTH_LIST, 0));
    QCOMPARE(toHex(exchange.outcome.reply),
             normalizedHex("00000024 | 20008086 | 00000001 | 00000042 | 00000001 | 00000000 | 00000000 | "
                           "00000001 | 00000000"));
}

void TestRemoteDispatch::supportsFeature_data()
{
    QTest::addColumn<int32_t>("feature");
    QTest::addColumn<int32_t>("supported");
    QTest::addRow("PROGRAM_KEEPALIVE") << VIR_DRV_FEATURE_PROGRAM_KEEPALIVE << 1;
    QTest::addRow("REMOTE_EVENT_CALLBACK") << VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK << 0;
    QTest::addRow("REMOTE_CLOSE_CALLBACK") << VIR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK << 0;
    QTest::addRow("MIGRATION_V1") << 1 << 0;
    QTest::addRow("TYPED_PARAM_STRING") << 9 << 0;
    QTest::addRow("negative") << -1 << 0;
}

void TestRemoteDispatch::supportsFeature()
{
    QFETCH(int32_t, feature);
    QFETCH(int32_t, supported);
    // Answered before and after CONNECT_OPEN alike.
    for (bool open : {false, true}) {
        RemoteConnection connection = open ? openedConnection() : RemoteConnection{};
        const Exchange exchange = call(connection, encodeConnectSupportsFeatureCall(3, feature));
        QVERIFY2(exchange.reply.ok(), exchange.reply.problem.c_str());
        QCOMPARE(std::get<ConnectSupportsFeatureRet>(exchange.reply.ret).supported, supported);
        QCOMPARE(QString::fromStdString(exchange.outcome.summary),
                 QStringLiteral("CONNECT_SUPPORTS_FEATURE feature=%1 -> ok supported=%2").arg(feature).arg(supported));
    }
}

void TestRemoteDispatch::connectOpen_data()
{
    QTest::addColumn<bool>("readonlySocket");
    QTest::addColumn<bool>("hasName");
    QTest::addColumn<uint32_t>("flags");
    QTest::addColumn<bool>("openedReadonly");
    QTest::addColumn<QString>("summary");

    QTest::addRow("root, read-write") << false << true << 0u << false
                                      << "CONNECT_OPEN name=test:///default flags=0 -> ok";
    QTest::addRow("user flags") << false << true << (REMOTE_DRIVER_OPEN_USER | REMOTE_DRIVER_OPEN_AUTOSTART) << false
                                << "CONNECT_OPEN name=test:///default flags=6 -> ok";
    QTest::addRow("virsh -r") << false << true << VIR_CONNECT_RO << true
                              << "CONNECT_OPEN name=test:///default flags=1 -> ok read-only";
    QTest::addRow("read-only socket forces read-only") << true << true << 0u << true
                                                       << "CONNECT_OPEN name=test:///default flags=0 -> ok read-only";
    QTest::addRow("read-only socket and flag") << true << true << 7u << true
                                               << "CONNECT_OPEN name=test:///default flags=7 -> ok read-only";
    QTest::addRow("no name") << false << false << 0u << false << "CONNECT_OPEN name=<null> flags=0 -> ok";
}

void TestRemoteDispatch::connectOpen()
{
    QFETCH(bool, readonlySocket);
    QFETCH(bool, hasName);
    QFETCH(uint32_t, flags);
    QFETCH(bool, openedReadonly);
    QFETCH(QString, summary);
    RemoteConnection connection;
    connection.readonlySocket = readonlySocket;
    const Exchange exchange =
        call(connection, encodeConnectOpenCall(2, hasName ? std::optional<std::string>("test:///default") : std::nullopt,
                                               flags));
    QVERIFY2(exchange.reply.ok(), exchange.reply.problem.c_str());
    QVERIFY(!exchange.outcome.isError);
    QCOMPARE(exchange.reply.header.status, uint32_t(MessageStatus::Ok));
    QCOMPARE(exchange.outcome.reply.size(), size_t(28)); // void return: header only
    QVERIFY(connection.opened);
    QCOMPARE(connection.openedReadonly, openedReadonly);
    QCOMPARE(connection.readonlySocket, readonlySocket);
    QCOMPARE(QString::fromStdString(exchange.outcome.summary), summary);
}

void TestRemoteDispatch::secondOpenIsRefused()
{
    RemoteConnection connection = openedConnection();
    const std::vector<uint8_t> frame = encodeConnectOpenCall(7, "test:///default", VIR_CONNECT_RO);
    const Exchange exchange = call(connection, frame);
    verifyError(exchange, *decodeMessageHeader(frame), VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC,
                QStringLiteral("internal error: connection already open"));
    // The first open stands: still open, still read-write.
    QVERIFY(connection.opened);
    QVERIFY(!connection.openedReadonly);
}

void TestRemoteDispatch::hostInformation()
{
    RemoteConnection connection = openedConnection();
    Exchange exchange = call(connection, encodeRemoteCall(REMOTE_PROC_CONNECT_GET_TYPE, 5));
    QCOMPARE(std::get<ConnectGetTypeRet>(exchange.reply.ret).type, std::string("TEST"));
    QCOMPARE(QString::fromStdString(exchange.outcome.summary), QStringLiteral("CONNECT_GET_TYPE -> ok type=TEST"));
    exchange = call(connection, encodeRemoteCall(REMOTE_PROC_CONNECT_GET_VERSION, 6));
    QCOMPARE(std::get<ConnectGetVersionRet>(exchange.reply.ret).hvVer, m_hypervisor.version());
    exchange = call(connection, encodeRemoteCall(REMOTE_PROC_CONNECT_GET_LIB_VERSION, 7));
    QCOMPARE(std::get<ConnectGetLibVersionRet>(exchange.reply.ret).libVer, uint64_t(9000000));
    exchange = call(connection, encodeRemoteCall(REMOTE_PROC_CONNECT_GET_HOSTNAME, 8));
    QCOMPARE(std::get<ConnectGetHostnameRet>(exchange.reply.ret).hostname, std::string("pollscope-host"));
    QCOMPARE(exchange.reply.header.serial, 8u);
}

void TestRemoteDispatch::listAllDomains_data()
{
    QTest::addColumn<int32_t>("needResults");
    QTest::addColumn<uint32_t>("flags");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<uint32_t>("count");

    const QStringList all = {"test", "web", "db", "backup"};
    QTest::addRow("no filter") << 1 << 0u << all << 4u;
    QTest::addRow("active") << 1 << VIR_CONNECT_LIST_DOMAINS_ACTIVE << QStringList{"test", "web", "db"} << 3u;
    QTest::addRow("inactive") << 1 << VIR_CONNECT_LIST_DOMAINS_INACTIVE << QStringList{"backup"} << 1u;
    QTest::addRow("both: virsh list --all") << 1 << 3u << all << 4u;
    QTest::addRow("count only") << 0 << 0u << QStringList{} << 4u;
    QTest::addRow("count of active only") << 0 << VIR_CONNECT_LIST_DOMAINS_ACTIVE << QStringList{} << 3u;
    QTest::addRow("unmodelled groups are ignored") << 1 << (VIR_CONNECT_LIST_DOMAINS_INACTIVE | 16u)
                                                   << QStringList{"backup"} << 1u;
}

void TestRemoteDispatch::listAllDomains()
{
    QFETCH(int32_t, needResults);
    QFETCH(uint32_t, flags);
    QFETCH(QStringList, names);
    QFETCH(uint32_t, count);
    RemoteConnection connection = openedConnection();
    const Exchange exchange = call(connection, encodeConnectListAllDomainsCall(5, needResults, flags));
    QVERIFY2(exchange.reply.ok(), exchange.reply.problem.c_str());
    const auto &ret = std::get<ConnectListAllDomainsRet>(exchange.reply.ret);
    QCOMPARE(ret.ret, count);
    QStringList actual;
    for (const RemoteNonnullDomain &dom : ret.domains) {
        actual << QString::fromStdString(dom.name);
        const TestDomain *domain = m_hypervisor.findByName(dom.name);
        QVERIFY(domain);
        QVERIFY(dom == wireDomain(*domain));
    }
    QCOMPARE(actual, names);
}

void TestRemoteDispatch::domainGetState_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int32_t>("state");
    QTest::addColumn<int32_t>("reason");
    QTest::addRow("test") << "test" << VIR_DOMAIN_RUNNING << VIR_DOMAIN_RUNNING_BOOTED;
    QTest::addRow("web") << "web" << VIR_DOMAIN_RUNNING << VIR_DOMAIN_RUNNING_BOOTED;
    QTest::addRow("db") << "db" << VIR_DOMAIN_PAUSED << VIR_DOMAIN_PAUSED_USER;
    QTest::addRow("backup") << "backup" << VIR_DOMAIN_SHUTOFF << VIR_DOMAIN_SHUTOFF_SHUTDOWN;
}

void TestRemoteDispatch::domainGetState()
{
    QFETCH(QString, name);
    QFETCH(int32_t, state);
    QFETCH(int32_t, reason);
    RemoteConnection connection = openedConnection();
    const TestDomain *domain = m_hypervisor.findByName(name.toStdString());
    QVERIFY(domain);
    const Exchange exchange = call(connection, encodeDomainGetStateCall(6, wireDomain(*domain), 0));
    QVERIFY2(exchange.reply.ok(), exchange.reply.problem.c_str());
    const auto &ret = std::get<DomainGetStateRet>(exchange.reply.ret);
    QCOMPARE(ret.state, state);
    QCOMPARE(ret.reason, reason);
    QCOMPARE(QString::fromStdString(exchange.outcome.summary),
             QStringLiteral("DOMAIN_GET_STATE dom=%1 flags=0 -> ok state=%2 reason=%3").arg(name).arg(state).arg(reason));
}

void TestRemoteDispatch::unknownDomain_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("uuid");
    QTest::addColumn<QString>("message");
    QTest::addRow("nothing matches") << "ghost" << "00000000000000000000000000000000"
                                     << "Domain not found: no domain with matching uuid "
                                        "'00000000-0000-0000-0000-000000000000' (ghost)";
    // Like libvirt's drivers, the lookup is by UUID: a known name does not help.
    QTest::addRow("known name, other uuid") << "test" << "6695eb01f6a4830479aa97f2502e1940"
                                            << "Domain not found: no domain with matching uuid "
                                               "'6695eb01-f6a4-8304-79aa-97f2502e1940' (test)";
}

void TestRemoteDispatch::unknownDomain()
{
    QFETCH(QString, name);
    QFETCH(QString, uuid);
    QFETCH(QString, message);
    RemoteConnection connection = openedConnection();
    RemoteNonnullDomain dom{name.toStdString(), {}, 7};
    const std::vector<uint8_t> raw = fromHex(uuid.toStdString());
    std::copy(raw.begin(), raw.end(), dom.uuid.begin());
    const std::vector<uint8_t> frame = encodeDomainGetStateCall(11, dom, 0);
    verifyError(call(connection, frame), *decodeMessageHeader(frame), VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, message);
}

void TestRemoteDispatch::headerErrors_data()
{
    QTest::addColumn<uint32_t>("prog");
    QTest::addColumn<uint32_t>("vers");
    QTest::addColumn<uint32_t>("type");
    QTest::addColumn<uint32_t>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("summary");

    const uint32_t call = uint32_t(MessageType::Call);
    QTest::addRow("QEMU program") << 0x20008087u << 1u << call << 0u
                                  << "program mismatch (actual 20008087, expected 20008086)"
                                  << "proc 3 -> error: program mismatch (actual 20008087, expected 20008086)";
    QTest::addRow("keepalive program") << KEEPALIVE_PROGRAM << 1u << uint32_t(MessageType::Message) << 0u
                                       << "program mismatch (actual 6b656570, expected 20008086)"
                                       << "proc 3 -> error: program mismatch (actual 6b656570, expected 20008086)";
    QTest::addRow("version 2") << REMOTE_PROGRAM << 2u << call << 0u << "version mismatch (actual 2, expected 1)"
                               << "proc 3 -> error: version mismatch (actual 2, expected 1)";
    QTest::addRow("version 0x10") << REMOTE_PROGRAM << 16u << call << 0u
                                  << "version mismatch (actual 10, expected 1)"
                                  << "proc 3 -> error: version mismatch (actual 10, expected 1)";
    QTest::addRow("a REPLY") << REMOTE_PROGRAM << 1u << uint32_t(MessageType::Reply) << 0u
                             << "type (1) != REMOTE_CALL" << "CONNECT_GET_TYPE -> error: type (1) != REMOTE_CALL";
    QTest::addRow("a MESSAGE") << REMOTE_PROGRAM << 1u << uint32_t(MessageType::Message) << 0u
                               << "type (2) != REMOTE_CALL" << "CONNECT_GET_TYPE -> error: type (2) != REMOTE_CALL";
    QTest::addRow("CALL_WITH_FDS") << REMOTE_PROGRAM << 1u << uint32_t(MessageType::CallWithFds) << 0u
                                   << "type (4) != REMOTE_CALL"
                                   << "CONNECT_GET_TYPE -> error: type (4) != REMOTE_CALL";
    QTest::addRow("undefined type") << REMOTE_PROGRAM << 1u << 99u << 0u << "type (99) != REMOTE_CALL"
                                    << "CONNECT_GET_TYPE -> error: type (99) != REMOTE_CALL";
    QTest::addRow("status ERROR") << REMOTE_PROGRAM << 1u << call << 1u << "Unexpected message status 1"
                                  << "CONNECT_GET_TYPE -> error: Unexpected message status 1";
    QTest::addRow("status CONTINUE") << REMOTE_PROGRAM << 1u << call << 2u << "Unexpected message status 2"
                                     << "CONNECT_GET_TYPE -> error: Unexpected message status 2";
    QTest::addRow("undefined status") << REMOTE_PROGRAM << 1u << call << 4000000000u
                                      << "Unexpected message status 4000000000"
                                      << "CONNECT_GET_TYPE -> error: Unexpected message status 4000000000";
}

void TestRemoteDispatch::headerErrors()
{
    QFETCH(uint32_t, prog);
    QFETCH(uint32_t, vers);
    QFETCH(uint32_t, type);
    QFETCH(uint32_t, status);
    QFETCH(QString, message);
    QFETCH(QString, summary);
    RemoteConnection connection = openedConnection();
    const MessageHeader request{prog, vers, REMOTE_PROC_CONNECT_GET_TYPE, type, 41, status};
    const Exchange exchange = callRaw(connection, request);
    verifyError(exchange, request, VIR_ERR_RPC, VIR_FROM_RPC, message);
    QCOMPARE(QString::fromStdString(exchange.outcome.summary), summary);
}

void TestRemoteDispatch::streamPacketsGetNoReply()
{
    RemoteConnection connection = openedConnection();
    const MessageHeader request{REMOTE_PROGRAM, 1, 209, uint32_t(MessageType::Stream), 12,
                                uint32_t(MessageStatus::Continue)};
    const Exchange exchange = callRaw(connection, request, fromHex("01020304"));
    QVERIFY(exchange.outcome.reply.empty());
    QVERIFY(!exchange.outcome.isError);
    QVERIFY(!exchange.outcome.closeAfterReply);
    QCOMPARE(QString::fromStdString(exchange.outcome.summary), QStringLiteral("proc 209 -> STREAM message ignored"));
}

void TestRemoteDispatch::streamPacketErrorGoesBackOnTheStream()
{
    RemoteConnection connection = openedConnection();
    const MessageHeader request{REMOTE_PROGRAM, 3, 209, uint32_t(MessageType::Stream), 12, 0};
    const Exchange exchange = callRaw(connection, request);
    QVERIFY(exchange.outcome.isError);
    const Result<MessageHeader> reply = decodeMessageHeader(exchange.outcome.reply);
    QVERIFY(reply);
    QCOMPARE(reply->type, uint32_t(MessageType::Stream));
    QCOMPARE(reply->status, uint32_t(MessageStatus::Error));
    QCOMPARE(reply->serial, 12u);
}

void TestRemoteDispatch::unknownProcedure_data()
{
    QTest::addColumn<int32_t>("proc");
    QTest::addColumn<bool>("open");
    QTest::addColumn<QString>("summary");
    QTest::addRow("0") << 0 << true << "proc 0 -> error: unknown procedure: 0";
    QTest::addRow("5, not open") << 5 << false << "proc 5 -> error: unknown procedure: 5";
    QTest::addRow("-1") << -1 << true << "proc -1 -> error: unknown procedure: -1";
    QTest::addRow("DOMAIN_GET_INFO, named but not implemented")
        << REMOTE_PROC_DOMAIN_GET_INFO << true << "DOMAIN_GET_INFO -> error: unknown procedure: 16";
    QTest::addRow("CONNECT_REGISTER_CLOSE_CALLBACK") << REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK << true
                                                     << "CONNECT_REGISTER_CLOSE_CALLBACK -> error: unknown procedure: 360";
    QTest::addRow("100000") << 100000 << true << "proc 100000 -> error: unknown procedure: 100000";
}

void TestRemoteDispatch::unknownProcedure()
{
    QFETCH(int32_t, proc);
    QFETCH(bool, open);
    QFETCH(QString, summary);
    RemoteConnection connection = open ? openedConnection() : RemoteConnection{};
    const MessageHeader request{REMOTE_PROGRAM, 1, proc, uint32_t(MessageType::Call), 8, 0};
    const Exchange exchange = callRaw(connection, request);
    // Exactly what a modern client turns into VIR_ERR_NO_SUPPORT.
    verifyError(exchange, request, VIR_ERR_RPC, VIR_FROM_RPC, QStringLiteral("unknown procedure: %1").arg(proc));
    QVERIFY(exchange.reply.error->message->starts_with("unknown procedure"));
    QCOMPARE(QString::fromStdString(exchange.outcome.summary), summary);
}

void TestRemoteDispatch::callBeforeOpen_data()
{
    QTest::addColumn<int32_t>("proc");
    for (int32_t proc : {REMOTE_PROC_CONNECT_GET_TYPE, REMOTE_PROC_CONNECT_GET_VERSION,
                         REMOTE_PROC_CONNECT_GET_LIB_VERSION, REMOTE_PROC_CONNECT_GET_HOSTNAME,
                         REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, REMOTE_PROC_DOMAIN_GET_STATE,
                         REMOTE_PROC_DOMAIN_SUSPEND, REMOTE_PROC_DOMAIN_RESUME})
        QTest::addRow("%s", remoteProcedureName(proc)) << proc;
}

void TestRemoteDispatch::callBeforeOpen()
{
    QFETCH(int32_t, proc);
    RemoteConnection connection;
    const bool takesArguments = proc == REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS || proc == REMOTE_PROC_DOMAIN_GET_STATE
        || proc == REMOTE_PROC_DOMAIN_SUSPEND || proc == REMOTE_PROC_DOMAIN_RESUME;
    const std::vector<uint8_t> frame =
        encodeRemoteCall(proc, 4, takesArguments ? validArguments(proc) : std::vector<uint8_t>{});
    verifyError(call(connection, frame), *decodeMessageHeader(frame), VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC,
                QStringLiteral("internal error: hypervisor connection not open"));
    QVERIFY(!connection.opened);
}

void TestRemoteDispatch::allowedBeforeOpen_data()
{
    QTest::addColumn<int32_t>("proc");
    QTest::addRow("AUTH_LIST") << REMOTE_PROC_AUTH_LIST;
    QTest::addRow("CONNECT_SUPPORTS_FEATURE") << REMOTE_PROC_CONNECT_SUPPORTS_FEATURE;
    QTest::addRow("CONNECT_OPEN") << REMOTE_PROC_CONNECT_OPEN;
    QTest::addRow("CONNECT_CLOSE") << REMOTE_PROC_CONNECT_CLOSE;
}

void TestRemoteDispatch::allowedBeforeOpen()
{
    QFETCH(int32_t, proc);
    RemoteConnection connection;
    std::vector<uint8_t> frame;
    if (proc == REMOTE_PROC_CONNECT_SUPPORTS_FEATURE)
        frame = encodeConnectSupportsFeatureCall(1, VIR_DRV_FEATURE_PROGRAM_KEEPALIVE);
    else if (proc == REMOTE_PROC_CONNECT_OPEN)
        frame = encodeConnectOpenCall(1, "test:///default", 0);
    else
        frame = encodeRemoteCall(proc, 1);
    const Exchange exchange = call(connection, frame);
    QVERIFY2(!exchange.outcome.isError, exchange.outcome.summary.c_str());
    QVERIFY2(exchange.reply.ok(), exchange.reply.problem.c_str());
    QCOMPARE(exchange.reply.header.status, uint32_t(MessageStatus::Ok));
}

void TestRemoteDispatch::undecodableArguments_data()
{
    QTest::addColumn<int32_t>("proc");
    QTest::addColumn<bool>("open");
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("detail");

    QTest::addRow("CONNECT_OPEN without arguments")
        << REMOTE_PROC_CONNECT_OPEN << false << "" << "truncated: need 4 bytes at offset 0, have 0";
    QTest::addRow("CONNECT_OPEN with discriminant 2")
        << REMOTE_PROC_CONNECT_OPEN << false << "00000002 00000000"
        << "optional discriminant 2 at offset 0 is neither 0 nor 1";
    QTest::addRow("CONNECT_OPEN with a 4 GiB name")
        << REMOTE_PROC_CONNECT_OPEN << false << "00000001 ffffffff 74657374"
        << "string length 4294967295 exceeds maximum 65536";
    QTest::addRow("CONNECT_OPEN with a 70000-byte name")
        << REMOTE_PROC_CONNECT_OPEN << false << "00000001 00011170"
        << "string length 70000 exceeds maximum 65536";
    QTest::addRow("CONNECT_OPEN with a name past the end")
        << REMOTE_PROC_CONNECT_OPEN << false << "00000001 00000100 74657374"
        << "truncated: need 256 bytes at offset 8, have 4";
    QTest::addRow("CONNECT_OPEN without flags")
        << REMOTE_PROC_CONNECT_OPEN << false << "00000000" << "truncated: need 4 bytes at offset 4, have 0";
    QTest::addRow("CONNECT_SUPPORTS_FEATURE without a feature")
        << REMOTE_PROC_CONNECT_SUPPORTS_FEATURE << false << "0000" << "truncated: need 4 bytes at offset 0, have 2";
    QTest::addRow("CONNECT_LIST_ALL_DOMAINS without flags")
        << REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS << true << "00000001"
        << "truncated: need 4 bytes at offset 4, have 0";
    QTest::addRow("DOMAIN_GET_STATE with half a UUID")
        << REMOTE_PROC_DOMAIN_GET_STATE << true << "00000004 74657374 6695eb01 f6a48304"
        << "truncated: need 16 bytes at offset 8, have 8";
    // Arguments are decoded before the connection is checked, as libvirt does.
    QTest::addRow("DOMAIN_GET_STATE, not open") << REMOTE_PROC_DOMAIN_GET_STATE << false << "ffffffff"
                                                << "string length 4294967295 exceeds maximum 65536";
    QTest::addRow("DOMAIN_SUSPEND without a domain")
        << REMOTE_PROC_DOMAIN_SUSPEND << true << "" << "truncated: need 4 bytes at offset 0, have 0";
}

void TestRemoteDispatch::undecodableArguments()
{
    QFETCH(int32_t, proc);
    QFETCH(bool, open);
    QFETCH(QString, payload);
    QFETCH(QString, detail);
    RemoteConnection connection = open ? openedConnection() : RemoteConnection{};
    const std::vector<uint8_t> frame = encodeRemoteCall(proc, 9, fromHex(payload.toStdString()));
    const Exchange exchange = call(connection, frame);
    verifyError(exchange, *decodeMessageHeader(frame), VIR_ERR_RPC, VIR_FROM_RPC,
                QStringLiteral("Unable to decode message payload"));
    QCOMPARE(QString::fromStdString(exchange.outcome.summary),
             QStringLiteral("%1 -> error: Unable to decode message payload (%2)")
                 .arg(QLatin1String(remoteProcedureName(proc)), detail));
    QCOMPARE(connection.opened, open);
}

std::vector<uint8_t> TestRemoteDispatch::validArguments(int32_t proc) const
{
    const RemoteNonnullDomain dom = wireDomain(m_hypervisor.domains().front());
    switch (proc) {
    case REMOTE_PROC_CONNECT_OPEN:
        return payloadOf(ConnectOpenArgs{"test:///default", 6});
    case REMOTE_PROC_CONNECT_SUPPORTS_FEATURE:
        return payloadOf(ConnectSupportsFeatureArgs{VIR_DRV_FEATURE_PROGRAM_KEEPALIVE});
    case REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS:
        return payloadOf(ConnectListAllDomainsArgs{1, 3});
    case REMOTE_PROC_DOMAIN_GET_STATE:
        return payloadOf(DomainGetStateArgs{dom, 0});
    default:
        return payloadOf(DomainSuspendArgs{dom});
    }
}

void TestRemoteDispatch::everyTruncationIsRefused_data()
{
    QTest::addColumn<int32_t>("proc");
    QTest::addColumn<int>("keep");
    for (int32_t proc : {REMOTE_PROC_CONNECT_OPEN, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                         REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, REMOTE_PROC_DOMAIN_GET_STATE,
                         REMOTE_PROC_DOMAIN_SUSPEND, REMOTE_PROC_DOMAIN_RESUME}) {
        const size_t size = validArguments(proc).size();
        for (size_t keep = 0; keep < size; ++keep)
            QTest::addRow("%s, %zu of %zu bytes", remoteProcedureName(proc), keep, size) << proc << int(keep);
    }
}

void TestRemoteDispatch::everyTruncationIsRefused()
{
    QFETCH(int32_t, proc);
    QFETCH(int, keep);
    std::vector<uint8_t> payload = validArguments(proc);
    payload.resize(size_t(keep));
    RemoteConnection connection = openedConnection();
    const std::vector<uint8_t> frame = encodeRemoteCall(proc, 1, payload);
    verifyError(call(connection, frame), *decodeMessageHeader(frame), VIR_ERR_RPC, VIR_FROM_RPC,
                QStringLiteral("Unable to decode message payload"));
}

void TestRemoteDispatch::trailingBytesAreIgnored()
{
    RemoteConnection connection;
    std::vector<uint8_t> payload = payloadOf(ConnectSupportsFeatureArgs{VIR_DRV_FEATURE_PROGRAM_KEEPALIVE});
    payload.insert(payload.end(), {0xde, 0xad, 0xbe, 0xef, 0x01});
    Exchange exchange = call(connection, encodeRemoteCall(REMOTE_PROC_CONNECT_SUPPORTS_FEATURE, 1, payload));
    QVERIFY2(!exchange.outcome.isError, exchange.outcome.summary.c_str());
    QCOMPARE(std::get<ConnectSupportsFeatureRet>(exchange.reply.ret).supported, 1);

    payload = payloadOf(ConnectOpenArgs{"test:///default", 0});
    payload.insert(payload.end(), 12, 0xff);
    exchange = call(connection, encodeRemoteCall(REMOTE_PROC_CONNECT_OPEN, 2, payload));
    QVERIFY2(!exchange.outcome.isError, exchange.outcome.summary.c_str());
    QVERIFY(connection.opened);
}

void TestRemoteDispatch::writeAccess_data()
{
    QTest::addColumn<int32_t>("proc");
    QTest::addColumn<bool>("readonly");
    QTest::addColumn<int32_t>("code");
    QTest::addColumn<QString>("message");

    QTest::addRow("suspend, read-only") << REMOTE_PROC_DOMAIN_SUSPEND << true << VIR_ERR_OPERATION_DENIED
                                        << "operation forbidden: read only access prevents virDomainSuspend";
    QTest::addRow("resume, read-only") << REMOTE_PROC_DOMAIN_RESUME << true << VIR_ERR_OPERATION_DENIED
                                       << "operation forbidden: read only access prevents virDomainResume";
    // Past the access check, the immutable test hypervisor has no such method.
    QTest::addRow("suspend, read-write") << REMOTE_PROC_DOMAIN_SUSPEND << false << VIR_ERR_NO_SUPPORT
                                         << "this function is not supported by the connection driver: "
                                            "virDomainSuspend";
    QTest::addRow("resume, read-write") << REMOTE_PROC_DOMAIN_RESUME << false << VIR_ERR_NO_SUPPORT
                                        << "this function is not supported by the connection driver: "
                                           "virDomainResume";
}

void TestRemoteDispatch::writeAccess()
{
    QFETCH(int32_t, proc);
    QFETCH(bool, readonly);
    QFETCH(int32_t, code);
    QFETCH(QString, message);
    RemoteConnection connection = openedConnection(readonly);
    QCOMPARE(connection.openedReadonly, readonly);
    const TestDomain *domain = m_hypervisor.findByName("web");
    const std::vector<uint8_t> frame = encodeRemoteCall(proc, 13, payloadOf(DomainSuspendArgs{wireDomain(*domain)}));
    const Exchange exchange = call(connection, frame);
    verifyError(exchange, *decodeMessageHeader(frame), code, VIR_FROM_DOMAIN, message);
    QVERIFY(QString::fromStdString(exchange.outcome.summary)
                .startsWith(QLatin1String(remoteProcedureName(proc)) + QLatin1String(" dom=web -> error: ")));
}

void TestRemoteDispatch::readOnlyConnectionMayRead_data()
{
    QTest::addColumn<int32_t>("proc");
    QTest::addRow("AUTH_LIST") << REMOTE_PROC_AUTH_LIST;
    QTest::addRow("CONNECT_SUPPORTS_FEATURE") << REMOTE_PROC_CONNECT_SUPPORTS_FEATURE;
    QTest::addRow("CONNECT_GET_TYPE") << REMOTE_PROC_CONNECT_GET_TYPE;
    QTest::addRow("CONNECT_GET_VERSION") << REMOTE_PROC_CONNECT_GET_VERSION;
    QTest::addRow("CONNECT_GET_LIB_VERSION") << REMOTE_PROC_CONNECT_GET_LIB_VERSION;
    QTest::addRow("CONNECT_GET_HOSTNAME") << REMOTE_PROC_CONNECT_GET_HOSTNAME;
    QTest::addRow("CONNECT_LIST_ALL_DOMAINS") << REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS;
    QTest::addRow("DOMAIN_GET_STATE") << REMOTE_PROC_DOMAIN_GET_STATE;
    QTest::addRow("CONNECT_CLOSE") << REMOTE_PROC_CONNECT_CLOSE;
}

void TestRemoteDispatch::readOnlyConnectionMayRead()
{
    QFETCH(int32_t, proc);
    RemoteConnection connection;
    connection.readonlySocket = true;
    call(connection, encodeConnectOpenCall(0, "test:///default", 0));
    QVERIFY(connection.openedReadonly);
    std::vector<uint8_t> frame;
    if (proc == REMOTE_PROC_CONNECT_SUPPORTS_FEATURE)
        frame = encodeConnectSupportsFeatureCall(1, 10);
    else if (proc == REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS)
        frame = encodeConnectListAllDomainsCall(1, 1, 0);
    else if (proc == REMOTE_PROC_DOMAIN_GET_STATE)
        frame = encodeDomainGetStateCall(1, wireDomain(m_hypervisor.domains().front()), 0);
    else
        frame = encodeRemoteCall(proc, 1);
    const Exchange exchange = call(connection, frame);
    QVERIFY2(!exchange.outcome.isError, exchange.outcome.summary.c_str());
    QVERIFY2(exchange.reply.ok(), exchange.reply.problem.c_str());
}

void TestRemoteDispatch::closeAsksToCloseAfterTheReply()
{
    RemoteConnection connection = openedConnection();
    const Exchange exchange = call(connection, encodeRemoteCall(REMOTE_PROC_CONNECT_CLOSE, 7));
    QVERIFY(exchange.outcome.closeAfterReply);
    QVERIFY(!exchange.outcome.isError);
    QCOMPARE(toHex(exchange.outcome.reply),
             normalizedHex("0000001c 20008086 00000001 00000002 00000001 00000007 00000000"));
    QCOMPARE(QString::fromStdString(exchange.outcome.summary), QStringLiteral("CONNECT_CLOSE -> ok"));
}

QTEST_APPLESS_MAIN(TestRemoteDispatch)
#include "tst_remotedispatch.moc"
