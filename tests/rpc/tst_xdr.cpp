// XDR as RFC 4506 defines it and libvirt uses it: every type encodes to the expected
// big-endian bytes and decodes back; every read checks the bytes left before reading,
// and the first failure is sticky, leaves the reader where the failed item started
// and names what went wrong. Lengths and counts from the wire never cause an
// allocation larger than the input.
#include "hexbytes.h"
#include "rpc/xdrreader.h"
#include "rpc/xdrwriter.h"

#include <QTest>

#include <array>
#include <climits>
#include <functional>

using namespace pollscope;
using namespace pollscope::test;

using ReadStep = std::function<void(XdrReader &)>;
Q_DECLARE_METATYPE(ReadStep)

class TestXdr : public QObject
{
    Q_OBJECT

private slots:
    void u32_data();
    void u32();
    void i32_data();
    void i32();
    void hyper_data();
    void hyper();
    void boolean_data();
    void boolean();
    void fixedOpaque_data();
    void fixedOpaque();
    void string_data();
    void string();
    void optionalString_data();
    void optionalString();
    void arrayCount();
    void paddingNeedNotBeZero();
    void readErrors_data();
    void readErrors();
    void errorsAreSticky();
    void callerFailureKeepsFirstError();
    void hugeLengthsAllocateNothing();
};

void TestXdr::u32_data()
{
    QTest::addColumn<uint32_t>("value");
    QTest::addColumn<QString>("bytes");
    QTest::addRow("zero") << 0u << "00000000";
    QTest::addRow("one") << 1u << "00000001";
    QTest::addRow("REMOTE_PROGRAM") << 0x20008086u << "20008086";
    QTest::addRow("max") << 0xffffffffu << "ffffffff";
}

void TestXdr::u32()
{
    QFETCH(uint32_t, value);
    QFETCH(QString, bytes);
    XdrWriter writer;
    writer.writeU32(value);
    QCOMPARE(toHex(writer.bytes()), bytes);
    XdrReader reader(writer.bytes());
    QCOMPARE(reader.readU32(), value);
    QVERIFY(reader.ok());
    QCOMPARE(reader.remaining(), size_t(0));
}

void TestXdr::i32_data()
{
    QTest::addColumn<int32_t>("value");
    QTest::addColumn<QString>("bytes");
    QTest::addRow("minus one") << -1 << "ffffffff";
    QTest::addRow("min") << INT32_MIN << "80000000";
    QTest::addRow("max") << INT32_MAX << "7fffffff";
    QTest::addRow("273") << 273 << "00000111";
}

void TestXdr::i32()
{
    QFETCH(int32_t, value);
    QFETCH(QString, bytes);
    XdrWriter writer;
    writer.writeI32(value);
    QCOMPARE(toHex(writer.bytes()), bytes);
    XdrReader reader(writer.bytes());
    QCOMPARE(reader.readI32(), value);
    QVERIFY(reader.ok());
}

void TestXdr::hyper_data()
{
    QTest::addColumn<qulonglong>("value");
    QTest::addColumn<QString>("bytes");
    QTest::addRow("9.0.0") << qulonglong(9000000) << "00000000 00895440";
    QTest::addRow("high word") << qulonglong(0x0123456789abcdefULL) << "01234567 89abcdef";
    QTest::addRow("all ones") << qulonglong(~0ULL) << "ffffffff ffffffff";
}

void TestXdr::hyper()
{
    QFETCH(qulonglong, value);
    QFETCH(QString, bytes);
    XdrWriter unsignedWriter;
    unsignedWriter.writeU64(value);
    QCOMPARE(toHex(unsignedWriter.bytes()), bytes);
    XdrReader unsignedReader(unsignedWriter.bytes());
    QCOMPARE(unsignedReader.readU64(), uint64_t(value));

    XdrWriter signedWriter;
    signedWriter.writeI64(static_cast<int64_t>(value));
    QCOMPARE(toHex(signedWriter.bytes()), bytes);
    XdrReader signedReader(signedWriter.bytes());
    QCOMPARE(signedReader.readI64(), static_cast<int64_t>(value));
    QVERIFY(unsignedReader.ok() && signedReader.ok());
}

void TestXdr::boolean_data()
{
    QTest::addColumn<bool>("value");
    QTest::addColumn<QString>("bytes");
    QTest::addRow("false") << false << "00000000";
    QTest::addRow("true") << true << "00000001";
}

void TestXdr::boolean()
{
    QFETCH(bool, value);
    QFETCH(QString, bytes);
    XdrWriter writer;
    writer.writeBool(value);
    QCOMPARE(toHex(writer.bytes()), bytes);
    XdrReader reader(writer.bytes());
    QCOMPARE(reader.readBool(), value);
    QVERIFY(reader.ok());
}

void TestXdr::fixedOpaque_data()
{
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("bytes");
    QTest::addRow("empty") << "" << "";
    QTest::addRow("1 byte, 3 padding") << "aa" << "aa000000";
    QTest::addRow("3 bytes, 1 padding") << "aabbcc" << "aabbcc00";
    QTest::addRow("4 bytes, no padding") << "aabbccdd" << "aabbccdd";
    QTest::addRow("5 bytes, 3 padding") << "0102030405" << "01020304 05000000";
    QTest::addRow("uuid") << "6695eb01f6a4830479aa97f2502e193f" << "6695eb01 f6a48304 79aa97f2 502e193f";
}

void TestXdr::fixedOpaque()
{
    QFETCH(QString, data);
    QFETCH(QString, bytes);
    const std::vector<uint8_t> input = fromHex(data.toStdString());
    XdrWriter writer;
    writer.writeFixedOpaque(input);
    QCOMPARE(toHex(writer.bytes()), normalizedHex(bytes.toStdString()));
    std::vector<uint8_t> output(input.size(), 0xee);
    XdrReader reader(writer.bytes());
    reader.readFixedOpaque(output);
    QVERIFY(reader.ok());
    QCOMPARE(toHex(output), toHex(input));
    QCOMPARE(reader.remaining(), size_t(0));
}

void TestXdr::string_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("bytes");
    QTest::addRow("empty") << "" << "00000000";
    QTest::addRow("one char") << "a" << "00000001 61000000";
    QTest::addRow("four chars") << "TEST" << "00000004 54455354";
    QTest::addRow("test:///default") << "test:///default"
                                     << "0000000f 74657374 3a2f2f2f 64656661 756c7400";
}

void TestXdr::string()
{
    QFETCH(QString, text);
    QFETCH(QString, bytes);
    XdrWriter writer;
    writer.writeString(text.toStdString());
    QCOMPARE(toHex(writer.bytes()), normalizedHex(bytes.toStdString()));
    XdrReader reader(writer.bytes());
    QCOMPARE(QString::fromStdString(reader.readString(65536)), text);
    QVERIFY(reader.ok());
    QCOMPARE(reader.remaining(), size_t(0));
}

void TestXdr::optionalString_data()
{
    QTest::addColumn<bool>("present");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("bytes");
    QTest::addRow("absent") << false << "" << "00000000";
    QTest::addRow("present, empty") << true << "" << "00000001 00000000";
    QTest::addRow("present") << true << "ab" << "00000001 00000002 61620000";
}

void TestXdr::optionalString()
{
    QFETCH(bool, present);
    QFETCH(QString, text);
    QFETCH(QString, bytes);
    const std::optional<std::string> value = present ? std::optional(text.toStdString()) : std::nullopt;
    XdrWriter writer;
    writer.writeOptionalString(value);
    QCOMPARE(toHex(writer.bytes()), normalizedHex(bytes.toStdString()));
    XdrReader reader(writer.bytes());
    QCOMPARE(reader.readOptionalString(65536), value);
    QVERIFY(reader.ok());
}

void TestXdr::arrayCount()
{
    XdrWriter writer;
    writer.writeU32(3);
    for (int32_t value : {7, 8, 9})
        writer.writeI32(value);
    XdrReader reader(writer.bytes());
    QCOMPARE(reader.readArrayCount(20, 4), 3u);
    QCOMPARE(reader.readI32(), 7);
    QCOMPARE(reader.readI32(), 8);
    QCOMPARE(reader.readI32(), 9);
    QVERIFY(reader.ok());
}

void TestXdr::paddingNeedNotBeZero()
{
    const std::vector<uint8_t> bytes = fromHex("00000001 61ffffff 0000002a");
    XdrReader reader(bytes);
    QCOMPARE(reader.readString(16), std::string("a"));
    QCOMPARE(reader.readU32(), 42u);
    QVERIFY2(reader.ok(), reader.error().c_str());
}

void TestXdr::readErrors_data()
{
    QTest::addColumn<QString>("bytes");
    QTest::addColumn<ReadStep>("read");
    QTest::addColumn<QString>("error");

    QTest::addRow("u32 from 2 bytes") << "0000" << ReadStep([](XdrReader &r) { r.readU32(); })
                                      << "truncated: need 4 bytes at offset 0, have 2";
    QTest::addRow("u32 from nothing") << "" << ReadStep([](XdrReader &r) { r.readU32(); })
                                      << "truncated: need 4 bytes at offset 0, have 0";
    QTest::addRow("i32 after a full header")
        << "00000000 00000000 00000000 00000000 00000000 00000000 0000"
        << ReadStep([](XdrReader &r) {
               for (int i = 0; i < 7; ++i)
                   r.readI32();
           })
        << "truncated: need 4 bytes at offset 24, have 2";
    QTest::addRow("hyper from 7 bytes") << "00000000 000000" << ReadStep([](XdrReader &r) { r.readU64(); })
                                        << "truncated: need 8 bytes at offset 0, have 7";
    QTest::addRow("signed hyper from 4 bytes") << "00000000" << ReadStep([](XdrReader &r) { r.readI64(); })
                                               << "truncated: need 8 bytes at offset 0, have 4";
    QTest::addRow("bool 2") << "00000002" << ReadStep([](XdrReader &r) { r.readBool(); })
                            << "bool value 2 at offset 0 is neither 0 nor 1";
    QTest::addRow("bool from 3 bytes") << "000000" << ReadStep([](XdrReader &r) { r.readBool(); })
                                       << "truncated: need 4 bytes at offset 0, have 3";
    QTest::addRow("opaque[16] from 15 bytes") << "00000000 00000000 00000000 000000"
                                              << ReadStep([](XdrReader &r) {
                                                     std::array<uint8_t, 16> uuid;
                                                     r.readFixedOpaque(uuid);
                                                 })
                                              << "truncated: need 16 bytes at offset 0, have 15";
    QTest::addRow("opaque[5] without its padding") << "01020304 05"
                                                   << ReadStep([](XdrReader &r) {
                                                          std::array<uint8_t, 5> data;
                                                          r.readFixedOpaque(data);
                                                      })
                                                   << "truncated: need 8 bytes at offset 0, have 5";
    QTest::addRow("string over maximum") << "00011170" << ReadStep([](XdrReader &r) { r.readString(65536); })
                                         << "string length 70000 exceeds maximum 65536";
    QTest::addRow("string past the end") << "00000005 616263" << ReadStep([](XdrReader &r) { r.readString(64); })
                                         << "truncated: need 8 bytes at offset 4, have 3";
    QTest::addRow("string without its padding") << "00000001 61" << ReadStep([](XdrReader &r) { r.readString(64); })
                                                << "truncated: need 4 bytes at offset 4, have 1";
    QTest::addRow("string length cut") << "000000" << ReadStep([](XdrReader &r) { r.readString(64); })
                                       << "truncated: need 4 bytes at offset 0, have 3";
    QTest::addRow("optional discriminant 2") << "00000002"
                                             << ReadStep([](XdrReader &r) { r.readOptionalString(64); })
                                             << "optional discriminant 2 at offset 0 is neither 0 nor 1";
    QTest::addRow("optional discriminant -1") << "ffffffff" << ReadStep([](XdrReader &r) { r.readOptionalTag(); })
                                              << "optional discriminant 4294967295 at offset 0 is neither 0 nor 1";
    QTest::addRow("optional present, value missing") << "00000001"
                                                     << ReadStep([](XdrReader &r) { r.readOptionalString(64); })
                                                     << "truncated: need 4 bytes at offset 4, have 0";
    QTest::addRow("array count over maximum") << "00004001"
                                              << ReadStep([](XdrReader &r) { r.readArrayCount(16384, 24); })
                                              << "array count 16385 exceeds maximum 16384";
    QTest::addRow("array count beyond the data") << "00000003 00000000 00000000"
                                                 << ReadStep([](XdrReader &r) { r.readArrayCount(20, 4); })
                                                 << "array count 3 needs at least 12 bytes at offset 4, have 8";
}

void TestXdr::readErrors()
{
    QFETCH(QString, bytes);
    QFETCH(ReadStep, read);
    QFETCH(QString, error);
    const std::vector<uint8_t> data = fromHex(bytes.toStdString());
    XdrReader reader(data);
    read(reader);
    QVERIFY(!reader.ok());
    QCOMPARE(QString::fromStdString(reader.error()), error);
}

void TestXdr::errorsAreSticky()
{
    // A bad discriminant, then perfectly good words: nothing after the failure reads.
    const std::vector<uint8_t> data = fromHex("00000007 00000001 00000002");
    XdrReader reader(data);
    QCOMPARE(reader.readOptionalString(64), std::nullopt);
    QCOMPARE(reader.offset(), size_t(0));
    QCOMPARE(reader.readU32(), 0u);
    QCOMPARE(reader.readBool(), false);
    QCOMPARE(reader.readString(64), std::string());
    QCOMPARE(reader.readArrayCount(20, 4), 0u);
    std::array<uint8_t, 4> out = {1, 2, 3, 4};
    reader.readFixedOpaque(out);
    QCOMPARE(out, (std::array<uint8_t, 4>{0, 0, 0, 0}));
    QCOMPARE(reader.offset(), size_t(0));
    QCOMPARE(QString::fromStdString(reader.error()),
             QStringLiteral("optional discriminant 7 at offset 0 is neither 0 nor 1"));
}

void TestXdr::callerFailureKeepsFirstError()
{
    const std::vector<uint8_t> data = fromHex("00");
    XdrReader reader(data);
    reader.fail("semantic problem");
    reader.readU32();
    reader.fail("second problem");
    QCOMPARE(QString::fromStdString(reader.error()), QStringLiteral("semantic problem"));
}

void TestXdr::hugeLengthsAllocateNothing()
{
    // A 4 GiB string or a 4-billion element array announced in 8 bytes: refused by the
    // length check before anything is allocated, even with no maximum to stop it.
    const std::vector<uint8_t> data = fromHex("ffffffff 61626364");
    XdrReader stringReader(data);
    QCOMPARE(stringReader.readString(UINT32_MAX), std::string());
    QCOMPARE(QString::fromStdString(stringReader.error()),
             QStringLiteral("truncated: need 4294967296 bytes at offset 4, have 4"));
    XdrReader arrayReader(data);
    QCOMPARE(arrayReader.readArrayCount(UINT32_MAX, 1), 0u);
    QCOMPARE(QString::fromStdString(arrayReader.error()),
             QStringLiteral("array count 4294967295 needs at least 4294967295 bytes at offset 4, have 4"));
}

QTEST_APPLESS_MAIN(TestXdr)
#include "tst_xdr.moc"
