// The test hypervisor: libvirt test:///default's type and domain "test", plus three
// more domains in other states, all with fixed, distinct UUIDs; lookups by UUID, name
// and id; the host name from gethostname(); and the test driver's state changes, each
// queueing its lifecycle event (or refused with libvirt 9's error).
#include "rpc/remoteerror.h"
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
    void stateChanges();
    void defineAndUndefine();
    void hostname();
    void formatUuid();
};

void TestTestHypervisor::identity()
{
    const TestHypervisor hypervisor("example");
    QCOMPARE(QString::fromStdString(hypervisor.type()), QStringLiteral("TEST"));
    QCOMPARE(hypervisor.version(), uint64_t(2));
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
    QTest::addRow("test") << "test" << 1 << VIR_DOMAIN_RUNNING << VIR_DOMAIN_REASON_UNKNOWN << true;
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
    const std::optional<TestDomain> domain = hypervisor.findByName(name.toStdString());
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
        QCOMPARE(hypervisor.findByUuid(domain.uuid)->name, domain.name);
        QCOMPARE(hypervisor.findByName(domain.name)->uuid, domain.uuid);
        if (domain.isActive())
            QCOMPARE(hypervisor.findById(domain.id)->name, domain.name);
    }
    QVERIFY(!hypervisor.findById(-1));
    QVERIFY(!hypervisor.findByName("nosuch"));
    QVERIFY(!hypervisor.findByName(""));
    QVERIFY(!hypervisor.findByUuid(Uuid{}));
}

void TestTestHypervisor::stateChanges()
{
    TestHypervisor hypervisor("example");
    std::vector<std::pair<uint64_t, bool>> hooked;
    hypervisor.setEventQueuedHook(
        [&](const DomainLifecycleEvent &event, bool first) {
            hooked.emplace_back(event.sequence, first);
            return true;
        });
    const Uuid test = hypervisor.findByName("test")->uuid;
    QVERIFY(!hypervisor.suspend(test, 7));
    QCOMPARE(hypervisor.findByUuid(test)->state, VIR_DOMAIN_PAUSED);
    // Suspending a paused domain is the test driver's internal error.
    const std::optional<DriverError> again = hypervisor.suspend(test, 7);
    QVERIFY(again);
    QCOMPARE(again->code, VIR_ERR_INTERNAL_ERROR);
    QCOMPARE(*again->detail, std::string("domain 'test' not running"));
    QVERIFY(!hypervisor.resume(test, 8));
    QCOMPARE(hypervisor.findByUuid(test)->reason, VIR_DOMAIN_RUNNING_UNPAUSED);
    QVERIFY(!hypervisor.destroy(test, 9));
    QCOMPARE(hypervisor.findByUuid(test)->id, -1);
    QCOMPARE(hypervisor.destroy(test, 9)->code, VIR_ERR_OPERATION_INVALID);
    QVERIFY(!hypervisor.create(test, 10));
    // Ids go on from the last one given: web and db hold 2 and 3.
    QCOMPARE(hypervisor.findByUuid(test)->id, 4);

    const std::vector<DomainLifecycleEvent> events = hypervisor.takeEvents();
    QCOMPARE(events.size(), size_t(4));
    const std::pair<int32_t, int32_t> expected[] = {
        {VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED},
        {VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED},
        {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED},
        {VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED},
    };
    for (size_t i = 0; i < events.size(); ++i) {
        QCOMPARE(events[i].event, expected[i].first);
        QCOMPARE(events[i].detail, expected[i].second);
        QCOMPARE(events[i].sequence, uint64_t(i + 1));
    }
    QCOMPARE(events[0].flow, uint64_t(7));
    // Only the first event of a batch arms the flush.
    QCOMPARE(hooked.size(), size_t(4));
    QVERIFY(hooked[0].second);
    QVERIFY(!hooked[1].second);
    QVERIFY(hypervisor.takeEvents().empty());
}

void TestTestHypervisor::defineAndUndefine()
{
    TestHypervisor hypervisor("example");
    DomainDefinition definition;
    definition.name = "extra";
    TestDomain defined;
    QVERIFY(!hypervisor.define(definition, 1, &defined));
    QCOMPARE(defined.state, VIR_DOMAIN_SHUTOFF);
    QVERIFY(hypervisor.findByName("extra"));
    // The same name again without the UUID it got: libvirt's "already exists".
    const std::optional<DriverError> clash = hypervisor.define(definition, 2, &defined);
    QVERIFY(clash);
    QCOMPARE(clash->code, VIR_ERR_OPERATION_FAILED);
    QVERIFY(!hypervisor.undefine(hypervisor.findByName("extra")->uuid, 3));
    QVERIFY(!hypervisor.findByName("extra"));
    const std::vector<DomainLifecycleEvent> events = hypervisor.takeEvents();
    QCOMPARE(events.size(), size_t(2));
    QCOMPARE(events[0].event, VIR_DOMAIN_EVENT_DEFINED);
    QCOMPARE(events[1].event, VIR_DOMAIN_EVENT_UNDEFINED);
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
