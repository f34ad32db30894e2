// The client helpers: CALL frames carry REMOTE_PROGRAM version 1, type CALL, status
// OK and the caller's serial, with exactly the bytes of the specification; replies
// decode into the return struct their procedure number selects, or into the
// remote_error; anything that is not a well-formed reply is reported, never trusted.
#include "hexbytes.h"
#include "rpc/remotecall.h"
#include "rpc/remoteprocedures.h"
#include "rpc/xdrwriter.h"

#include <QTest>

using namespace pollscope;
using namespace pollscope::test;

class TestRemoteCall : public QObject
{
    Q_OBJECT

private slots:
    void authListCall();
    void connectOpenCall();
    void typedCalls();
    void authListReply();
    void typedReplies();
    void errorReply();
    void badReplies_data();
    void badReplies();
};

void TestRemoteCall::authListCall()
{
    QCOMPARE(toHex(encodeRemoteCall(REMOTE_PROC_AUTH_LIST, 0)),
             normalizedHex("0000001c | 20008086 | 00000001 | 00000042 | 00000000 | 00000000 | 00000000"));
}

void TestRemoteCall::connectOpenCall()
{
    const std::vector<uint8_t> frame = encodeConnectOpenCall(2, "test:///default", 6);
    QCOMPARE(frame.size(), size_t(56));
    QCOMPARE(toHex(frame), normalizedHex("00000038 20008086 00000001 00000001 00000000 00000002 00000000"
                                         "00000001 0000000f 74657374 3a2f2f2f 64656661 756c7400 00000006"));
}

void TestRemoteCall::typedCalls()
{
    QCOMPARE(toHex(encodeConnectSupportsFeatureCall(1, VIR_DRV_FEATURE_PROGRAM_KEEPALIVE)),
             normalizedHex("00000020 20008086 00000001 0000003c 00000000 00000001 00000000 0000000a"));
    QCOMPARE(toHex(encodeConnectListAllDomainsCall(5, 1, 3)),
             normalizedHex("00000024 20008086 00000001 00000111 00000000 00000005 00000000 00000001 00000003"));
    const RemoteNonnullDomain dom{"db", Uuid{}, 3};
    QCOMPARE(toHex(encodeDomainGetStateCall(6, dom, 0)),
             normalizedHex("0000003c 20008086 00000001 000000d4 00000000 00000006 00000000"
                           "00000002 64620000 00000000 00000000 00000000 00000000 00000003 00000000"));
    QCOMPARE(toHex(encodeRemoteCall(REMOTE_PROC_CONNECT_GET_TYPE, 5, fromHex("deadbeef"))),
             normalizedHex("00000020 20008086 00000001 00000003 00000000 00000005 00000000 deadbeef"));
}

void TestRemoteCall::authListReply()
{
    // Specification 3.8: the reply [NONE] to the AUTH_LIST call, 36 bytes.
    const RemoteReply reply = decodeRemoteReply(fromHex(
        "00000024 | 20008086 | 00000001 | 00000042 | 00000001 | 00000000 | 00000000 | 00000001 | 00000000"));
    QVERIFY2(reply.ok(), reply.problem.c_str());
    QCOMPARE(reply.header.proc, REMOTE_PROC_AUTH_LIST);
    QCOMPARE(reply.header.serial, 0u);
    QVERIFY(!reply.error);
    const auto *ret = std::get_if<AuthListRet>(&reply.ret);
    QVERIFY(ret);
    QCOMPARE(ret->types, std::vector<int32_t>{REMOTE_AUTH_NONE});
}

namespace {

template<typename Ret>
std::vector<uint8_t> replyFrame(int32_t proc, const Ret &ret)
{
    XdrWriter writer;
    xdrEncode(writer, ret);
    return encodeMessage({REMOTE_PROGRAM, 1, proc, uint32_t(MessageType::Reply), 9, uint32_t(MessageStatus::Ok)},
                         writer.bytes());
}

} // namespace

void TestRemoteCall::typedReplies()
{
    {
        const RemoteReply reply = decodeRemoteReply(replyFrame(REMOTE_PROC_CONNECT_GET_HOSTNAME,
                                                               ConnectGetHostnameRet{"box"}));
        QVERIFY2(reply.ok(), reply.problem.c_str());
        QCOMPARE(std::get<ConnectGetHostnameRet>(reply.ret).hostname, std::string("box"));
        QCOMPARE(reply.header.serial, 9u);
    }
    {
        const RemoteReply reply = decodeRemoteReply(replyFrame(REMOTE_PROC_CONNECT_OPEN, RemoteVoid{}));
        QVERIFY2(reply.ok(), reply.problem.c_str());
        QVERIFY(std::holds_alternative<RemoteVoid>(reply.ret));
    }
    {
        const RemoteReply reply = decodeRemoteReply(replyFrame(REMOTE_PROC_DOMAIN_GET_STATE, DomainGetStateRet{5, 1}));
        QVERIFY2(reply.ok(), reply.problem.c_str());
        QCOMPARE(std::get<DomainGetStateRet>(reply.ret).state, VIR_DOMAIN_SHUTOFF);
    }
}

void TestRemoteCall::errorReply()
{
    XdrWriter writer;
    xdrEncode(writer, makeRemoteError(VIR_ERR_RPC, VIR_FROM_RPC, "unknown procedure: 5"));
    const std::vector<uint8_t> frame =
        encodeMessage({REMOTE_PROGRAM, 1, 5, uint32_t(MessageType::Reply), 3, uint32_t(MessageStatus::Error)},
                      writer.bytes());
    const RemoteReply reply = decodeRemoteReply(frame);
    QVERIFY2(reply.ok(), reply.problem.c_str());
    QVERIFY(reply.error);
    QCOMPARE(reply.error->code, VIR_ERR_RPC);
    QCOMPARE(reply.error->domain, VIR_FROM_RPC);
    QCOMPARE(reply.error->message, std::optional<std::string>("unknown procedure: 5"));
}

void TestRemoteCall::badReplies_data()
{
    QTest::addColumn<QString>("bytes");
    QTest::addColumn<QString>("problem");

    QTest::addRow("too short") << "0000001c 20008086"
                               << "bad message header: truncated: need 4 bytes at offset 8, have 0";
    QTest::addRow("a CALL") << "0000001c 20008086 00000001 00000042 00000000 00000000 00000000"
                            << "message type 0 is not REPLY";
    QTest::addRow("status CONTINUE") << "0000001c 20008086 00000001 00000003 00000001 00000000 00000002"
                                     << "reply status 2 is neither OK nor ERROR";
    QTest::addRow("OK reply to an unknown procedure")
        << "0000001c 20008086 00000001 00000005 00000001 00000000 00000000"
        << "no return type known for procedure 5";
    QTest::addRow("OK reply with its return value missing")
        << "0000001c 20008086 00000001 00000003 00000001 00000000 00000000"
        << "bad reply payload: truncated: need 4 bytes at offset 0, have 0";
    QTest::addRow("error reply cut short") << "00000024 20008086 00000001 00000005 00000001 00000000 00000001"
                                              "00000027 00000007"
                                           << "bad reply payload: truncated: need 4 bytes at offset 8, have 0";
    QTest::addRow("4 billion domains")
        << "00000024 20008086 00000001 00000111 00000001 00000000 00000000 ffffffff 00000000"
        << "bad reply payload: array count 4294967295 exceeds maximum 16384";
    QTest::addRow("16384 domains in 4 bytes")
        << "00000024 20008086 00000001 00000111 00000001 00000000 00000000 00004000 00000000"
        << "bad reply payload: array count 16384 needs at least 393216 bytes at offset 4, have 4";
    QTest::addRow("a 4 GiB host name") << "00000024 20008086 00000001 0000003b 00000001 00000000 00000000"
                                          "ffffffff 41414141"
                                       << "bad reply payload: string length 4294967295 exceeds maximum 65536";
}

void TestRemoteCall::badReplies()
{
    QFETCH(QString, bytes);
    QFETCH(QString, problem);
    const RemoteReply reply = decodeRemoteReply(fromHex(bytes.toStdString()));
    QVERIFY(!reply.ok());
    QCOMPARE(QString::fromStdString(reply.problem), problem);
}

QTEST_APPLESS_MAIN(TestRemoteCall)
#include "tst_remotecall.moc"
