// Keepalive packets: PING and PONG are exactly the 28 bytes of the specification
// (program "keep", version 1, type MESSAGE, serial 0, status OK, no payload), and a
// header is recognised as keepalive by program, version and type alone, as
// virKeepAliveCheckMessage does.
#include "hexbytes.h"
#include "rpc/keepalive.h"

#include <QTest>

using namespace pollscope;
using namespace pollscope::test;

Q_DECLARE_METATYPE(KeepaliveKind)

class TestKeepalive : public QObject
{
    Q_OBJECT

private slots:
    void pingBytes();
    void pongBytes();
    void kinds_data();
    void kinds();
};

void TestKeepalive::pingBytes()
{
    QCOMPARE(toHex(encodeKeepalivePing()),
             normalizedHex("00 00 00 1c 6b 65 65 70 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00 00 00 00 00 00"));
}

void TestKeepalive::pongBytes()
{
    QCOMPARE(toHex(encodeKeepalivePong()),
             normalizedHex("00 00 00 1c 6b 65 65 70 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00 00 00 00 00 00"));
}

void TestKeepalive::kinds_data()
{
    QTest::addColumn<uint32_t>("prog");
    QTest::addColumn<uint32_t>("vers");
    QTest::addColumn<int32_t>("proc");
    QTest::addColumn<uint32_t>("type");
    QTest::addColumn<uint32_t>("status");
    QTest::addColumn<KeepaliveKind>("kind");

    const uint32_t message = uint32_t(MessageType::Message);
    QTest::addRow("ping") << KEEPALIVE_PROGRAM << 1u << 1 << message << 0u << KeepaliveKind::Ping;
    QTest::addRow("pong") << KEEPALIVE_PROGRAM << 1u << 2 << message << 0u << KeepaliveKind::Pong;
    QTest::addRow("ping with status ERROR") << KEEPALIVE_PROGRAM << 1u << 1 << message << 1u << KeepaliveKind::Ping;
    QTest::addRow("unknown keepalive proc") << KEEPALIVE_PROGRAM << 1u << 3 << message << 0u
                                            << KeepaliveKind::Unknown;
    QTest::addRow("keepalive program as a CALL") << KEEPALIVE_PROGRAM << 1u << 1 << uint32_t(MessageType::Call) << 0u
                                                 << KeepaliveKind::NotKeepalive;
    QTest::addRow("keepalive version 2") << KEEPALIVE_PROGRAM << 2u << 1 << message << 0u
                                         << KeepaliveKind::NotKeepalive;
    QTest::addRow("remote program message") << REMOTE_PROGRAM << 1u << 1 << message << 0u
                                            << KeepaliveKind::NotKeepalive;
}

void TestKeepalive::kinds()
{
    QFETCH(uint32_t, prog);
    QFETCH(uint32_t, vers);
    QFETCH(int32_t, proc);
    QFETCH(uint32_t, type);
    QFETCH(uint32_t, status);
    QFETCH(KeepaliveKind, kind);
    QCOMPARE(keepaliveKind(MessageHeader{prog, vers, proc, type, 0, status}), kind);
}

QTEST_APPLESS_MAIN(TestKeepalive)
#include "tst_keepalive.moc"
