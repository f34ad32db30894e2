// The remote_error payload: field order and optional markers as remote_protocol.x
// defines them, the message prefixes virErrorMsg gives each code, the message
// repeated in str1, and a peer's dom and net skipped rather than misread.
#include "hexbytes.h"
#include "rpc/remoteerror.h"
#include "rpc/xdrreader.h"
#include "rpc/xdrwriter.h"

#include <QTest>

using namespace pollscope;
using namespace pollscope::test;

class TestRemoteError : public QObject
{
    Q_OBJECT

private slots:
    void messagePrefixes_data();
    void messagePrefixes();
    void unknownProcedureBytes();
    void roundTripWithEveryField();
    void skipsPeerDomainAndNetwork();
    void truncatedPayloads_data();
    void truncatedPayloads();
};

void TestRemoteError::messagePrefixes_data()
{
    QTest::addColumn<int32_t>("code");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("message");

    QTest::addRow("RPC: no prefix") << VIR_ERR_RPC << "unknown procedure: 5" << "unknown procedure: 5";
    QTest::addRow("internal error") << VIR_ERR_INTERNAL_ERROR << "connection already open"
                                    << "internal error: connection already open";
    QTest::addRow("no support") << VIR_ERR_NO_SUPPORT << "virDomainSuspend"
                                << "this function is not supported by the connection driver: virDomainSuspend";
    QTest::addRow("operation denied") << VIR_ERR_OPERATION_DENIED << "read only access prevents virDomainSuspend"
                                      << "operation forbidden: read only access prevents virDomainSuspend";
    QTest::addRow("no domain") << VIR_ERR_NO_DOMAIN << "no domain with matching uuid 'x' (y)"
                               << "Domain not found: no domain with matching uuid 'x' (y)";
    QTest::addRow("operation invalid") << VIR_ERR_OPERATION_INVALID << "domain is not running"
                                       << "Requested operation is not valid: domain is not running";
}

void TestRemoteError::messagePrefixes()
{
    QFETCH(int32_t, code);
    QFETCH(QString, detail);
    QFETCH(QString, message);
    const RemoteError error = makeRemoteError(code, VIR_FROM_RPC, detail.toStdString());
    QCOMPARE(error.code, code);
    QCOMPARE(error.domain, VIR_FROM_RPC);
    QCOMPARE(error.level, VIR_ERR_ERROR);
    QCOMPARE(QString::fromStdString(error.message.value()), message);
    QCOMPARE(QString::fromStdString(error.str1.value()), message);
    QVERIFY(!error.str2 && !error.str3);
    QCOMPARE(error.int1, 0);
    QCOMPARE(error.int2, 0);
}

void TestRemoteError::unknownProcedureBytes()
{
    // code, domain, [1, message], level, dom 0, [1, str1], str2 0, str3 0, int1, int2, net 0.
    XdrWriter writer;
    xdrEncode(writer, makeRemoteError(VIR_ERR_RPC, VIR_FROM_RPC, "unknown procedure: 5"));
    QCOMPARE(toHex(writer.bytes()),
             normalizedHex("00000027 00000007"
                           "00000001 00000014 756e6b6e 6f776e20 70726f63 65647572 653a2035"
                           "00000002 00000000"
                           "00000001 00000014 756e6b6e 6f776e20 70726f63 65647572 653a2035"
                           "00000000 00000000 00000000 00000000 00000000"));
}

void TestRemoteError::roundTripWithEveryField()
{
    RemoteError error;
    error.code = VIR_ERR_NO_DOMAIN;
    error.domain = VIR_FROM_TEST;
    error.message = "Domain not found";
    error.level = VIR_ERR_WARNING;
    error.str1 = "one";
    error.str2 = "two";
    error.str3 = "";
    error.int1 = -1;
    error.int2 = 42;
    XdrWriter writer;
    xdrEncode(writer, error);
    XdrReader reader(writer.bytes());
    RemoteError decoded;
    xdrDecode(reader, decoded);
    QVERIFY2(reader.ok(), reader.error().c_str());
    QCOMPARE(reader.remaining(), size_t(0));
    QVERIFY(decoded == error);
}

void TestRemoteError::skipsPeerDomainAndNetwork()
{
    // A real libvirtd may fill dom and net; both are skipped field by field.
    const std::vector<uint8_t> bytes = fromHex("0000002a 0000000c"
                                               "00000000"                                      // message
                                               "00000002"                                      // level
                                               "00000001 00000004 74657374"                    // dom: name "test"
                                               "6695eb01 f6a48304 79aa97f2 502e193f 00000001"  // uuid, id 1
                                               "00000001 00000001 78000000"                    // str1 "x"
                                               "00000000 00000000"                             // str2, str3
                                               "00000007 00000008"                             // int1, int2
                                               "00000001 00000003 6e657400"                    // net: name "net"
                                               "00000000 00000000 00000000 00000000");         // uuid
    XdrReader reader(bytes);
    RemoteError error;
    xdrDecode(reader, error);
    QVERIFY2(reader.ok(), reader.error().c_str());
    QCOMPARE(reader.remaining(), size_t(0));
    QCOMPARE(error.code, VIR_ERR_NO_DOMAIN);
    QCOMPARE(error.domain, VIR_FROM_TEST);
    QVERIFY(!error.message);
    QCOMPARE(error.str1, std::optional<std::string>("x"));
    QCOMPARE(error.int1, 7);
    QCOMPARE(error.int2, 8);
}

void TestRemoteError::truncatedPayloads_data()
{
    QTest::addColumn<int>("keep");
    XdrWriter writer;
    xdrEncode(writer, makeRemoteError(VIR_ERR_RPC, VIR_FROM_RPC, "x"));
    // Every proper prefix of a valid error must fail to decode.
    for (size_t keep = 0; keep < writer.size(); ++keep)
        QTest::addRow("%zu bytes", keep) << int(keep);
}

void TestRemoteError::truncatedPayloads()
{
    QFETCH(int, keep);
    XdrWriter writer;
    xdrEncode(writer, makeRemoteError(VIR_ERR_RPC, VIR_FROM_RPC, "x"));
    XdrReader reader(std::span(writer.bytes()).first(size_t(keep)));
    RemoteError error;
    xdrDecode(reader, error);
    QVERIFY(!reader.ok());
    QVERIFY(QString::fromStdString(reader.error()).startsWith(QLatin1String("truncated: ")));
}

QTEST_APPLESS_MAIN(TestRemoteError)
#include "tst_remoteerror.moc"
