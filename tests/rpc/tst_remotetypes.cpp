// The argument and return structs of the implemented procedures: each encodes to the
// layout of remote_protocol.x and decodes back; CONNECT_OPEN's arguments match the
// bytes of the specification; hostile array counts fail before any allocation.
#include "hexbytes.h"
#include "rpc/remotetypes.h"
#include "rpc/xdrreader.h"
#include "rpc/xdrwriter.h"

#include <QTest>

using namespace pollscope;
using namespace pollscope::test;

namespace {

// Encodes, then decodes; nullopt unless the decoder consumed exactly what was written.
template<typename T>
std::optional<T> roundTrip(const T &value, QString *hex = nullptr)
{
    XdrWriter writer;
    xdrEncode(writer, value);
    if (hex)
        *hex = toHex(writer.bytes());
    XdrReader reader(writer.bytes());
    T decoded{};
    xdrDecode(reader, decoded);
    if (!reader.ok() || reader.remaining() != 0)
        return std::nullopt;
    return decoded;
}

RemoteNonnullDomain sampleDomain()
{
    return {"test", {0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04, 0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f}, 1};
}

} // namespace

class TestRemoteTypes : public QObject
{
    Q_OBJECT

private slots:
    void connectOpenArgsBytes();
    void connectOpenArgsWithoutName();
    void nonnullDomainBytes();
    void scalarStructs();
    void authList();
    void listAllDomains();
    void domainArgs();
    void hostileCounts_data();
    void hostileCounts();
};

void TestRemoteTypes::connectOpenArgsBytes()
{
    // Specification 3.8: what virsh sends as a non-root user.
    QString hex;
    const auto decoded = roundTrip(ConnectOpenArgs{"test:///default", 6}, &hex);
    QCOMPARE(hex, normalizedHex("00000001 | 0000000f | 74657374 3a2f2f2f 64656661 756c7400 | 00000006"));
    QCOMPARE(fromHex(hex.toStdString()).size(), size_t(28));
    QVERIFY(decoded);
    QCOMPARE(decoded->name, std::optional<std::string>("test:///default"));
    QCOMPARE(decoded->flags, 6u);
}

void TestRemoteTypes::connectOpenArgsWithoutName()
{
    QString hex;
    const auto decoded = roundTrip(ConnectOpenArgs{std::nullopt, 1}, &hex);
    QCOMPARE(hex, normalizedHex("00000000 00000001"));
    QVERIFY(decoded);
    QVERIFY(!decoded->name);
    QCOMPARE(decoded->flags, 1u);
}

void TestRemoteTypes::nonnullDomainBytes()
{
    QString hex;
    const auto decoded = roundTrip(sampleDomain(), &hex);
    QCOMPARE(hex, normalizedHex("00000004 74657374 6695eb01 f6a48304 79aa97f2 502e193f 00000001"));
    QVERIFY(decoded == sampleDomain());
}

void TestRemoteTypes::scalarStructs()
{
    QString hex;
    QCOMPARE(roundTrip(ConnectSupportsFeatureArgs{10}, &hex).value().feature, 10);
    QCOMPARE(hex, QStringLiteral("0000000a"));
    QCOMPARE(roundTrip(ConnectSupportsFeatureRet{1}, &hex).value().supported, 1);
    QCOMPARE(hex, QStringLiteral("00000001"));
    QCOMPARE(roundTrip(ConnectGetTypeRet{"TEST"}, &hex).value().type, std::string("TEST"));
    QCOMPARE(hex, QStringLiteral("00000004 54455354"));
    QCOMPARE(roundTrip(ConnectGetVersionRet{2000000}, &hex).value().hvVer, uint64_t(2000000));
    QCOMPARE(hex, QStringLiteral("00000000 001e8480"));
    QCOMPARE(roundTrip(ConnectGetLibVersionRet{9000000}, &hex).value().libVer, uint64_t(9000000));
    QCOMPARE(hex, QStringLiteral("00000000 00895440"));
    QCOMPARE(roundTrip(ConnectGetHostnameRet{"host"}, &hex).value().hostname, std::string("host"));
    QCOMPARE(hex, QStringLiteral("00000004 686f7374"));
    const auto state = roundTrip(DomainGetStateRet{3, 1}, &hex);
    QCOMPARE(hex, QStringLiteral("00000003 00000001"));
    QVERIFY(state);
    QCOMPARE(state->state, 3);
    QCOMPARE(state->reason, 1);
    QVERIFY(roundTrip(RemoteVoid{}, &hex));
    QCOMPARE(hex, QString());
}

void TestRemoteTypes::authList()
{
    QString hex;
    QCOMPARE(roundTrip(AuthListRet{{0}}, &hex).value().types, std::vector<int32_t>{0});
    QCOMPARE(hex, QStringLiteral("00000001 00000000"));
    QCOMPARE(roundTrip(AuthListRet{}, &hex).value().types, std::vector<int32_t>{});
    QCOMPARE(hex, QStringLiteral("00000000"));
}

void TestRemoteTypes::listAllDomains()
{
    QString hex;
    const auto args = roundTrip(ConnectListAllDomainsArgs{1, 3}, &hex);
    QCOMPARE(hex, QStringLiteral("00000001 00000003"));
    QVERIFY(args);
    QCOMPARE(args->needResults, 1);
    QCOMPARE(args->flags, 3u);

    ConnectListAllDomainsRet ret;
    ret.domains = {sampleDomain(), {"backup", Uuid{}, -1}};
    ret.ret = 2;
    const auto decoded = roundTrip(ret, &hex);
    QVERIFY(hex.startsWith(QLatin1String("00000002 00000004 74657374")));
    QVERIFY(hex.endsWith(QLatin1String("ffffffff 00000002")));
    QVERIFY(decoded);
    QCOMPARE(decoded->domains, ret.domains);
    QCOMPARE(decoded->ret, 2u);
}

void TestRemoteTypes::domainArgs()
{
    QString hex;
    const auto state = roundTrip(DomainGetStateArgs{sampleDomain(), 0}, &hex);
    QVERIFY(hex.endsWith(QLatin1String("00000001 00000000")));
    QVERIFY(state);
    QVERIFY(state->dom == sampleDomain());
    QCOMPARE(state->flags, 0u);
    const auto suspend = roundTrip(DomainSuspendArgs{sampleDomain()});
    QVERIFY(suspend);
    QVERIFY(suspend->dom == sampleDomain());
}

void TestRemoteTypes::hostileCounts_data()
{
    QTest::addColumn<bool>("domainList");
    QTest::addColumn<QString>("bytes");
    QTest::addColumn<QString>("error");
    QTest::addRow("4 billion domains") << true << "ffffffff 00000000"
                                       << "array count 4294967295 exceeds maximum 16384";
    QTest::addRow("16385 domains") << true << "00004001" << "array count 16385 exceeds maximum 16384";
    QTest::addRow("16384 domains in 4 bytes")
        << true << "00004000 00000000" << "array count 16384 needs at least 393216 bytes at offset 4, have 4";
    QTest::addRow("one domain, name too long")
        << true << "00000001 00011170 00000000 00000000 00000000 00000000 00000000"
        << "string length 70000 exceeds maximum 65536";
    QTest::addRow("21 auth types") << false << "00000015" << "array count 21 exceeds maximum 20";
    QTest::addRow("2 auth types, one present") << false << "00000002 00000000"
                                               << "array count 2 needs at least 8 bytes at offset 4, have 4";
}

void TestRemoteTypes::hostileCounts()
{
    QFETCH(bool, domainList);
    QFETCH(QString, bytes);
    QFETCH(QString, error);
    const std::vector<uint8_t> data = fromHex(bytes.toStdString());
    XdrReader reader(data);
    if (domainList) {
        ConnectListAllDomainsRet ret;
        xdrDecode(reader, ret);
        QVERIFY(ret.domains.capacity() <= 1);
    } else {
        AuthListRet ret;
        xdrDecode(reader, ret);
        QVERIFY(ret.types.empty());
    }
    QCOMPARE(QString::fromStdString(reader.error()), error);
}

QTEST_APPLESS_MAIN(TestRemoteTypes)
#include "tst_remotetypes.moc"
