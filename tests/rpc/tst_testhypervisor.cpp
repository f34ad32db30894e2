// The test hypervisor: libvirt test:///default's type and domain "test", plus three
// more domains in other states, all with fixed, distinct UUIDs; lookups by UUID and
// by name; and the host name from gethostname().
#include "rpc/testhypervisor.h"

#include <QTest>

#include <climits>
#include <set>
#include <unistd.h>

using namespace pollscope;

class TestTestHypervisor : public QObject
{
    Q_OBJECT

private slots:
    void identity();
    void defaultDomains_data();
    void defaultDomains();
    void uuidsAreDistinctAndStable();
    void lookups();
    void hostname();
    void formatUuid();
};

void TestTestHypervisor::identity()
{
    const TestHypervisor hypervisor("example");
    QCOMPARE(QString::fromStdString(hypervisor.type()), QStringLiteral("TEST"));
    QCOMPARE(hypervisor.version(), uint64_t(2000000));
    QCOMPARE(hypervisor.libVersion(), uint64_t(9000000));
    QCOMPARE(hypervisor.domains().size(), size_t(4));
}

void TestTestHypervisor::defaultDomains_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("id");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("reason");
    QTest::addColumn<bool>("active");
    QTest::addRow("test") << "test" << 1 << VIR_DOMAIN_RUNNING << VIR_DOMAIN_RUNNING_BOOTED << true;
    QTest::addRow("web") << "web" << 2 << VIR_DOMAIN_RUNNING << VIR_DOMAIN_RUNNING_BOOTED << true;
    QTest::addRow("db") << "db" << 3 << VIR_DOMAIN_PAUSED << VIR_DOMAIN_PAUSED_USER << true;
    QTest::addRow("backup") << "backup" << -1 << VIR_DOMAIN_SHUTOFF << VIR_DOMAIN_SHUTOFF_SHUTDOWN << false;
}

void TestTestHypervisor::defaultDomains()
{
    QFETCH(QString, name);
    QFETCH(int, id);
    QFETCH(int, state);
    QFETCH(int, reason);
    QFETCH(bool, active);
    const TestHypervisor hypervisor("example");
    const TestDomain *domain = hypervisor.findByName(name.toStdString());
    QVERIFY(domain);
    QCOMPARE(domain->id, id);
    QCOMPARE(domain->state, state);
    QCOMPARE(domain->reason, reason);
    QCOMPARE(domain->isActive(), active);
}

void TestTestHypervisor::uuidsAreDistinctAndStable()
{
    const TestHypervisor first("a");
    const TestHypervisor second("b");
    std::set<Uuid> seen;
    for (size_t i = 0; i < first.domains().size(); ++i) {
        QVERIFY(seen.insert(first.domains()[i].uuid).second);
        QCOMPARE(first.domains()[i].uuid, second.domains()[i].uuid);
    }
    // The "test" domain keeps libvirt's own test:///default UUID.
    QCOMPARE(QString::fromStdString(TestHypervisor::formatUuid(first.findByName("test")->uuid)),
             QStringLiteral("6695eb01-f6a4-8304-79aa-97f2502e193f"));
}

void TestTestHypervisor::lookups()
{
    const TestHypervisor hypervisor("example");
    for (const TestDomain &domain : hypervisor.domains()) {
        QCOMPARE(hypervisor.findByUuid(domain.uuid), &domain);
        QCOMPARE(hypervisor.findByName(domain.name), &domain);
    }
    QVERIFY(!hypervisor.findByName("nosuch"));
    QVERIFY(!hypervisor.findByName(""));
    QVERIFY(!hypervisor.findByUuid(Uuid{}));
}

void TestTestHypervisor::hostname()
{
    QCOMPARE(QString::fromStdString(TestHypervisor("builder.example").hostname()), QStringLiteral("builder.example"));
    char expected[HOST_NAME_MAX + 1] = {};
    QCOMPARE(::gethostname(expected, sizeof expected - 1), 0);
    QCOMPARE(QString::fromStdString(TestHypervisor().hostname()), QString::fromLocal8Bit(expected));
    QCOMPARE(TestHypervisor::localHostname(), std::string(expected));
}

void TestTestHypervisor::formatUuid()
{
    Uuid uuid;
    for (size_t i = 0; i < uuid.size(); ++i)
        uuid[i] = uint8_t(i * 17);
    QCOMPARE(QString::fromStdString(TestHypervisor::formatUuid(uuid)),
             QStringLiteral("00112233-4455-6677-8899-aabbccddeeff"));
}

QTEST_APPLESS_MAIN(TestTestHypervisor)
#include "tst_testhypervisor.moc"
