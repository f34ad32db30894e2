// Procedure names: every number a modern virsh may send has libvirt's name without
// the REMOTE_PROC_ prefix, and any other number has none.
#include "rpc/remoteprocedures.h"

#include <QTest>

using namespace pollscope;

class TestRemoteProcedures : public QObject
{
    Q_OBJECT

private slots:
    void names_data();
    void names();
};

void TestRemoteProcedures::names_data()
{
    QTest::addColumn<int32_t>("proc");
    QTest::addColumn<QString>("name");
    QTest::addRow("1") << 1 << "CONNECT_OPEN";
    QTest::addRow("2") << 2 << "CONNECT_CLOSE";
    QTest::addRow("3") << 3 << "CONNECT_GET_TYPE";
    QTest::addRow("4") << 4 << "CONNECT_GET_VERSION";
    QTest::addRow("16") << 16 << "DOMAIN_GET_INFO";
    QTest::addRow("21") << 21 << "CONNECT_LIST_DEFINED_DOMAINS";
    QTest::addRow("22") << 22 << "DOMAIN_LOOKUP_BY_ID";
    QTest::addRow("23") << 23 << "DOMAIN_LOOKUP_BY_NAME";
    QTest::addRow("25") << 25 << "CONNECT_NUM_OF_DEFINED_DOMAINS";
    QTest::addRow("28") << 28 << "DOMAIN_RESUME";
    QTest::addRow("34") << 34 << "DOMAIN_SUSPEND";
    QTest::addRow("37") << 37 << "CONNECT_LIST_DOMAINS";
    QTest::addRow("51") << 51 << "CONNECT_NUM_OF_DOMAINS";
    QTest::addRow("59") << 59 << "CONNECT_GET_HOSTNAME";
    QTest::addRow("60") << 60 << "CONNECT_SUPPORTS_FEATURE";
    QTest::addRow("66") << 66 << "AUTH_LIST";
    QTest::addRow("67") << 67 << "AUTH_SASL_INIT";
    QTest::addRow("68") << 68 << "AUTH_SASL_START";
    QTest::addRow("69") << 69 << "AUTH_SASL_STEP";
    QTest::addRow("70") << 70 << "AUTH_POLKIT";
    QTest::addRow("110") << 110 << "CONNECT_GET_URI";
    QTest::addRow("157") << 157 << "CONNECT_GET_LIB_VERSION";
    QTest::addRow("212") << 212 << "DOMAIN_GET_STATE";
    QTest::addRow("273") << 273 << "CONNECT_LIST_ALL_DOMAINS";
    QTest::addRow("360") << 360 << "CONNECT_REGISTER_CLOSE_CALLBACK";
    QTest::addRow("361") << 361 << "CONNECT_UNREGISTER_CLOSE_CALLBACK";
    QTest::addRow("0") << 0 << "";
    QTest::addRow("5") << 5 << "";
    QTest::addRow("-1") << -1 << "";
    QTest::addRow("100000") << 100000 << "";
}

void TestRemoteProcedures::names()
{
    QFETCH(int32_t, proc);
    QFETCH(QString, name);
    const char *actual = remoteProcedureName(proc);
    QCOMPARE(actual ? QString::fromLatin1(actual) : QString(), name);
}

QTEST_APPLESS_MAIN(TestRemoteProcedures)
#include "tst_remoteprocedures.moc"
