// Framing of libvirt RPC messages: the length word counts itself, the header is six
// big-endian words, lengths below 4 or above the maximum are refused, and a header is
// only decoded from a frame whose length word matches its size. Unknown type and
// status values survive a round trip so that they can be traced.
#include "hexbytes.h"
#include "rpc/messageheader.h"

#include <QTest>

using namespace pollscope;
using namespace pollscope::test;

class TestMessageHeader : public QObject
{
    Q_OBJECT

private slots:
    void authListCallBytes();
    void headerRoundTrip_data();
    void headerRoundTrip();
    void lengthWord_data();
    void lengthWord();
    void decodeLengthWordNeedsFourBytes();
    void badFrames_data();
    void badFrames();
    void payloadAfterHeader();
    void typeNames_data();
    void typeNames();
    void statusNames_data();
    void statusNames();
};

void TestMessageHeader::authListCallBytes()
{
    // Specification 3.8: the first message a modern virsh sends.
    const MessageHeader header{REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, 66,
                               uint32_t(MessageType::Call), 0, uint32_t(MessageStatus::Ok)};
    const std::vector<uint8_t> frame = encodeMessage(header);
    QCOMPARE(toHex(frame),
             normalizedHex("0000001c | 20008086 | 00000001 | 00000042 | 00000000 | 00000000 | 00000000"));
    QCOMPARE(decodeLengthWord(frame), 28u);
}

void TestMessageHeader::headerRoundTrip_data()
{
    QTest::addColumn<uint32_t>("prog");
    QTest::addColumn<int32_t>("proc");
    QTest::addColumn<uint32_t>("type");
    QTest::addColumn<uint32_t>("serial");
    QTest::addColumn<uint32_t>("status");
    QTest::addColumn<QString>("payload");

    QTest::addRow("call") << REMOTE_PROGRAM << 1 << 0u << 2u << 0u << "00000000 00000000";
    QTest::addRow("error reply") << REMOTE_PROGRAM << 5 << 1u << 7u << 1u << "00000027";
    QTest::addRow("keepalive") << KEEPALIVE_PROGRAM << 1 << 2u << 0u << 0u << "";
    QTest::addRow("negative proc") << REMOTE_PROGRAM << -3 << 0u << 0xffffffffu << 0u << "";
    QTest::addRow("unknown type and status") << REMOTE_PROGRAM << 3 << 99u << 1u << 77u << "01";
}

void TestMessageHeader::headerRoundTrip()
{
    QFETCH(uint32_t, prog);
    QFETCH(int32_t, proc);
    QFETCH(uint32_t, type);
    QFETCH(uint32_t, serial);
    QFETCH(uint32_t, status);
    QFETCH(QString, payload);
    const MessageHeader header{prog, 1, proc, type, serial, status};
    const std::vector<uint8_t> body = fromHex(payload.toStdString());
    const std::vector<uint8_t> frame = encodeMessage(header, body);
    QCOMPARE(frame.size(), 28 + body.size());
    QCOMPARE(decodeLengthWord(frame), uint32_t(frame.size()));

    const Result<MessageHeader> decoded = decodeMessageHeader(frame);
    QVERIFY2(decoded, decoded.errorText().c_str());
    QVERIFY(*decoded == header);
    QCOMPARE(toHex(messagePayload(frame)), toHex(body));
}

void TestMessageHeader::lengthWord_data()
{
    QTest::addColumn<uint32_t>("length");
    QTest::addColumn<uint32_t>("maxMessage");
    QTest::addColumn<QString>("problem");

    QTest::addRow("0") << 0u << REMOTE_MESSAGE_MAX << "message length 0 too small (minimum 4)";
    QTest::addRow("3") << 3u << REMOTE_MESSAGE_MAX << "message length 3 too small (minimum 4)";
    QTest::addRow("4: only the length word") << 4u << REMOTE_MESSAGE_MAX << "";
    QTest::addRow("28: a bare header") << 28u << REMOTE_MESSAGE_MAX << "";
    QTest::addRow("maximum") << REMOTE_MESSAGE_MAX + 4 << REMOTE_MESSAGE_MAX << "";
    QTest::addRow("one over the maximum")
        << REMOTE_MESSAGE_MAX + 5 << REMOTE_MESSAGE_MAX
        << "message length 262149 too large (maximum 262144 after the length word)";
    QTest::addRow("4 GiB") << 0xffffffffu << REMOTE_MESSAGE_MAX
                           << "message length 4294967295 too large (maximum 262144 after the length word)";
    QTest::addRow("custom maximum, fits") << 104u << 100u << "";
    QTest::addRow("custom maximum, too large") << 105u << 100u
                                               << "message length 105 too large (maximum 100 after the length word)";
}

void TestMessageHeader::lengthWord()
{
    QFETCH(uint32_t, length);
    QFETCH(uint32_t, maxMessage);
    QFETCH(QString, problem);
    QCOMPARE(QString::fromStdString(validateLengthWord(length, maxMessage).errorText()), problem);
}

void TestMessageHeader::decodeLengthWordNeedsFourBytes()
{
    const std::vector<uint8_t> bytes = fromHex("000000");
    QCOMPARE(decodeLengthWord(bytes), 0u);
    QCOMPARE(decodeLengthWord(fromHex("0004001c ffff")), 0x0004001cu);
}

void TestMessageHeader::badFrames_data()
{
    QTest::addColumn<QString>("bytes");
    QTest::addColumn<QString>("error");

    QTest::addRow("empty") << "" << "bad message header: truncated: need 4 bytes at offset 0, have 0";
    QTest::addRow("length word only") << "00000004"
                                      << "bad message header: truncated: need 4 bytes at offset 4, have 0";
    QTest::addRow("header cut short")
        << "0000001b 20008086 00000001 00000042 00000000 00000000 000000"
        << "bad message header: truncated: need 4 bytes at offset 24, have 3";
    QTest::addRow("length word larger than the frame")
        << "00000020 20008086 00000001 00000042 00000000 00000000 00000000"
        << "bad message header: length word 32 does not match frame size 28";
    QTest::addRow("length word smaller than the frame")
        << "0000001c 20008086 00000001 00000042 00000000 00000000 00000000 00000000"
        << "bad message header: length word 28 does not match frame size 32";
}

void TestMessageHeader::badFrames()
{
    QFETCH(QString, bytes);
    QFETCH(QString, error);
    const std::vector<uint8_t> frame = fromHex(bytes.toStdString());
    const Result<MessageHeader> decoded = decodeMessageHeader(frame);
    QVERIFY(!decoded);
    QCOMPARE(QString::fromStdString(decoded.error().message), error);
}

void TestMessageHeader::payloadAfterHeader()
{
    const std::vector<uint8_t> bare = fromHex("0000001c 20008086 00000001 00000042 00000000 00000000 00000000");
    QVERIFY(messagePayload(bare).empty());
    QVERIFY(messagePayload(fromHex("00000008 0000")).empty());
}

void TestMessageHeader::typeNames_data()
{
    QTest::addColumn<uint32_t>("type");
    QTest::addColumn<QString>("name");
    QTest::addRow("0") << 0u << "CALL";
    QTest::addRow("1") << 1u << "REPLY";
    QTest::addRow("2") << 2u << "MESSAGE";
    QTest::addRow("3") << 3u << "STREAM";
    QTest::addRow("4") << 4u << "CALL_WITH_FDS";
    QTest::addRow("5") << 5u << "REPLY_WITH_FDS";
    QTest::addRow("6") << 6u << "STREAM_HOLE";
    QTest::addRow("7") << 7u << "";
    QTest::addRow("max") << 0xffffffffu << "";
}

void TestMessageHeader::typeNames()
{
    QFETCH(uint32_t, type);
    QFETCH(QString, name);
    const char *actual = messageTypeName(type);
    QCOMPARE(actual ? QString::fromLatin1(actual) : QString(), name);
}

void TestMessageHeader::statusNames_data()
{
    QTest::addColumn<uint32_t>("status");
    QTest::addColumn<QString>("name");
    QTest::addRow("0") << 0u << "OK";
    QTest::addRow("1") << 1u << "ERROR";
    QTest::addRow("2") << 2u << "CONTINUE";
    QTest::addRow("3") << 3u << "";
}

void TestMessageHeader::statusNames()
{
    QFETCH(uint32_t, status);
    QFETCH(QString, name);
    const char *actual = messageStatusName(status);
    QCOMPARE(actual ? QString::fromLatin1(actual) : QString(), name);
}

QTEST_APPLESS_MAIN(TestMessageHeader)
#include "tst_messageheader.moc"
