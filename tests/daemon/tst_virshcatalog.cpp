// Debian's real virsh 9.0 runs the command catalog a learner types (node, domain,
// network and pool queries, state changes, define and undefine, wrong names and bad
// XML) against the daemon, one command per process, in order, on one daemon whose
// state persists; each output and exit code is checked. All along, `virsh event --all
// --loop` listens in another process and must print exactly one line per lifecycle
// event; the daemon's trace then passes `pollscope check`, whose
// events-follow-their-cause rule ties every event message to its state change and to
// a registered client. Where Debian's libvirtd 9 is installed, the same commands run
// against it too (test:///default, a private configuration, no other driver) and each
// output must match the replica's, apart from times, CPU times, socket paths, host
// names and generated UUIDs; the lists may differ by the replica's teaching domains.
#include "daemonfixture.h"

#include "rpc/testhypervisor.h"
#include "rpc/testnode.h"
#include "trace/threadnames.h"
#include "trace/tracechecker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace pollscope;
using namespace pollscope::test;

namespace {


constexpr const char *kTestXml = R"(<domain type='test' id='1'>
  <name>test</name>
  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
  <memory unit='KiB'>8388608</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='i686'>hvm</type>
    <boot dev='hd'/>
  </os>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <source file='/guest/diskimage1'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </disk>
    <interface type='network'>
      <mac address='aa:bb:cc:dd:ee:ff'/>
      <source network='default'/>
      <target dev='testnet0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
    </interface>
    <memballoon model='virtio'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </memballoon>
  </devices>
</domain>

)";

// A second domain to define: test's XML without id and UUID, under another name.
QString secondDomainXml()
{
    QString xml = QString::fromLatin1(kTestXml);
    xml.replace(" id='1'", "");
    xml.replace("<name>test</name>", "<name>test2</name>");
    xml.remove(QRegularExpression("  <uuid>[^<]*</uuid>\n"));
    return xml;
}

const QStringList kExpectedEvents = {
    "event 'lifecycle' for domain 'test': Suspended Paused",
    "event 'lifecycle' for domain 'test': Resumed Unpaused",
    "event 'lifecycle' for domain 'test': Stopped Destroyed",
    "event 'lifecycle' for domain 'test': Started Booted",
    "event 'lifecycle' for domain 'test': Stopped Shutdown",
    "event 'lifecycle' for domain 'test': Started Booted",
    "event 'lifecycle' for domain 'test2': Defined Added",
    "event 'lifecycle' for domain 'test2': Undefined Removed",
};

QProcessEnvironment virshEnvironment(const QString &home)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("HOME", home);
    environment.insert("XDG_CACHE_HOME", home + "/cache");
    environment.insert("XDG_CONFIG_HOME", home + "/config");
    environment.insert("LC_ALL", "C");
    return environment;
}

// A daemon the commands run against, with its `virsh event --all --loop` listener.
struct Target
{
    QString uri;
    QString socketPath;
    std::unique_ptr<QProcess> listener;
};

} // namespace

class TestVirshCatalog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void command_data();
    void command();
    void interactiveSession();
    void eventsAndTrace();
    void cleanupTestCase();

private:
    struct Run
    {
        int exitCode = -1;
        QString output; // stdout, then stderr, masked
    };
    Run runVirsh(const Target &target, const QStringList &arguments);
    QString mask(QString text, const Target &target) const;
    bool startListener(Target &target);
    bool startLibvirtd();
    void stopLibvirtd();

    QString m_virsh;
    QTemporaryDir m_home;
    QTemporaryDir m_files;
    std::unique_ptr<DaemonFixture> m_daemon;
    Target m_replica;
    // Debian's libvirtd 9, when installed: its folder, process and target.
    std::unique_ptr<QTemporaryDir> m_libvirtdDir;
    std::unique_ptr<QProcess> m_libvirtd;
    std::optional<Target> m_real;
};

void TestVirshCatalog::initTestCase()
{
    m_virsh = QStandardPaths::findExecutable(QStringLiteral("virsh"));
    QVERIFY2(!m_virsh.isEmpty(), "virsh is not installed: the project's set-up installs libvirt-clients");
    QVERIFY(m_home.isValid() && m_files.isValid());
    QFile second(m_files.filePath("test2.xml"));
    QVERIFY(second.open(QIODevice::WriteOnly));
    second.write(secondDomainXml().toUtf8());
    second.close();
    QFile bad(m_files.filePath("bad.xml"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("<domain\n");
    bad.close();
    QFile noOs(m_files.filePath("noos.xml"));
    QVERIFY(noOs.open(QIODevice::WriteOnly));
    noOs.write("<domain type='test'><name>x</name></domain>\n");
    noOs.close();

    m_daemon = std::make_unique<DaemonFixture>([](DaemonConfig &config) { config.keepaliveIntervalMs = 5000; });
    QVERIFY2(m_daemon->start(), m_daemon->server().error().c_str());
    m_replica.socketPath = QString::fromStdString(m_daemon->socketPath());
    m_replica.uri = "test+unix:///default?socket=" + m_replica.socketPath;
    QVERIFY(startListener(m_replica));
    // The listener registers all 27 event ids before the first command changes anything.
    QVERIFY(m_daemon->waitFor(EventKind::EventCallbackRegistered, [](const TraceEvent &event) {
        return event.result == VIR_DOMAIN_EVENT_ID_LAST - 1;
    }) >= 0);

    if (startLibvirtd()) {
        QVERIFY(startListener(*m_real));
        // libvirtd's event log shows each registration: wait for all 27.
        QFile log(m_libvirtdDir->path() + "/libvirtd.log");
        QElapsedTimer clock;
        clock.start();
        int registered = 0;
        while (registered < VIR_DOMAIN_EVENT_ID_LAST && clock.elapsed() < 20000) {
            QThread::msleep(50);
            if (log.open(QIODevice::ReadOnly)) {
                registered = int(log.readAll().count("virObjectEventCallbackListAddID"));
                log.close();
            }
        }
        QCOMPARE(registered, VIR_DOMAIN_EVENT_ID_LAST);
    } else {
        qInfo("libvirtd 9 is not installed: the replica's outputs are not compared with the real daemon's");
    }
}

bool TestVirshCatalog::startListener(Target &target)
{
    target.listener = std::make_unique<QProcess>();
    target.listener->setProcessEnvironment(virshEnvironment(m_home.path()));
    target.listener->start(m_virsh, {"-c", target.uri, "event", "--all", "--loop"});
    return target.listener->waitForStarted();
}

bool TestVirshCatalog::startLibvirtd()
{
    const QString libvirtd = QStandardPaths::findExecutable("libvirtd", {"/usr/sbin", "/usr/bin"});
    if (libvirtd.isEmpty())
        return false;
    m_libvirtdDir = std::make_unique<QTemporaryDir>();
    const QString dir = m_libvirtdDir->path();
    QDir(dir).mkpath("drivers");
    QFile config(dir + "/libvirtd.conf");
    if (!config.open(QIODevice::WriteOnly))
        return false;
    // Only the built-in test driver: no D-Bus, udev or QEMU, and no privileges.
    config.write(QString("unix_sock_dir = \"%1\"\nauth_unix_rw = \"none\"\nauth_unix_ro = \"none\"\n"
                         "log_filters = \"1:event\"\nlog_outputs = \"1:file:%1/libvirtd.log\"\n")
                     .arg(dir)
                     .toUtf8());
    config.close();
    m_libvirtd = std::make_unique<QProcess>();
    QProcessEnvironment environment = virshEnvironment(m_home.path());
    environment.insert("LIBVIRT_DRIVER_DIR", dir + "/drivers");
    // Its runtime state goes there too, apart from any other libvirtd.
    environment.insert("XDG_RUNTIME_DIR", dir);
    m_libvirtd->setProcessEnvironment(environment);
    // Its own pid file: as root the default is /run/libvirtd.pid, a system daemon's.
    m_libvirtd->start(libvirtd, {"-f", dir + "/libvirtd.conf", "-p", dir + "/libvirtd.pid"});
    if (!m_libvirtd->waitForStarted())
        return false;
    Target real;
    real.socketPath = dir + "/libvirt-sock";
    real.uri = "test+unix:///default?socket=" + real.socketPath;
    // Ready once its socket exists and it answers.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 30000) {
        if (QFile::exists(real.socketPath) && runVirsh(real, {"uri"}).exitCode == 0) {
            m_real = std::move(real);
            return true;
        }
        if (m_libvirtd->waitForFinished(100))
            return false;
    }
    return false;
}

void TestVirshCatalog::stopLibvirtd()
{
    if (!m_libvirtd)
        return;
    m_libvirtd->terminate();
    if (!m_libvirtd->waitForFinished(10000))
        m_libvirtd->kill();
    m_libvirtd.reset();
}

void TestVirshCatalog::cleanupTestCase()
{
    for (Target *target : {&m_replica, m_real ? &*m_real : nullptr}) {
        if (target && target->listener && target->listener->state() != QProcess::NotRunning) {
            target->listener->kill();
            target->listener->waitForFinished();
        }
    }
    stopLibvirtd();
    m_daemon.reset();
}

TestVirshCatalog::Run TestVirshCatalog::runVirsh(const Target &target, const QStringList &arguments)
{
    QProcess virsh;
    virsh.setProcessEnvironment(virshEnvironment(m_home.path()));
    QStringList resolved;
    for (QString argument : arguments)
        resolved << argument.replace("{files}", m_files.path());
    virsh.start(m_virsh, QStringList{"-c", target.uri} + resolved);
    Run run;
    if (!virsh.waitForFinished(30000)) {
        virsh.kill();
        virsh.waitForFinished();
        return run;
    }
    run.exitCode = virsh.exitStatus() == QProcess::NormalExit ? virsh.exitCode() : -1;
    run.output = mask(QString::fromUtf8(virsh.readAllStandardOutput() + virsh.readAllStandardError()), target);
    return run;
}

QString TestVirshCatalog::mask(QString text, const Target &target) const
{
    text.replace(target.socketPath, "{socket}");
    text.replace(m_files.path(), "{files}");
    const QString host = QRegularExpression::escape(QString::fromStdString(TestHypervisor::localHostname()));
    text.replace(QRegularExpression("^" + host + "$", QRegularExpression::MultilineOption), "{host}");
    // Both daemons report the time of day as CPU time.
    text.replace(QRegularExpression("CPU time: +[0-9.]+s"), "CPU time: {t}");
    // A UUID that define generated: random in libvirt, counted in the replica.
    static const QRegularExpression generated("(?!6695eb01-f6a4-8304-79aa-97f2502e193f)"
                                              "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    text.replace(generated, "{uuid}");
    return text;
}

void TestVirshCatalog::command_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");
    // A list is compared with the real daemon's only in the lines without the
    // replica's teaching domains; everything else byte for byte, once masked.
    QTest::addColumn<bool>("list");

    const auto row = [](const char *name, const QStringList &arguments, const QString &expected, int exitCode = 0,
                        bool list = false) {
        QTest::newRow(name) << arguments << exitCode << expected << list;
    };
    // The node and the connection.
    row("version", {"version"},
        "Compiled against library: libvirt 9.0.0\nUsing library: libvirt 9.0.0\nUsing API: TEST 9.0.0\n"
        "Running hypervisor: TEST 0.0.2\n\n");
    row("hostname", {"hostname"}, "{host}\n\n");
    row("uri", {"uri"}, "test+unix:///default?socket={socket}\n\n");
    row("nodeinfo", {"nodeinfo"},
        "CPU model:           i686\nCPU(s):              16\nCPU frequency:       1400 MHz\n"
        "CPU socket(s):       2\nCore(s) per socket:  2\nThread(s) per core:  2\nNUMA cell(s):        2\n"
        "Memory size:         3145728 KiB\n\n");
    row("sysinfo", {"sysinfo"}, QString::fromStdString(testNodeSysinfo()) + "\n");
    row("capabilities", {"capabilities"}, QString::fromStdString(testNodeCapabilities()) + "\n\n");
    row("freecell", {"freecell"}, "Total: 3072 KiB\n\n");
    // Lists: the replica adds its teaching domains web, db and backup.
    row("list --all", {"list", "--all"},
        " Id   Name     State\n-------------------------\n 1    test     running\n 2    web      running\n"
        " 3    db       paused\n -    backup   shut off\n\n",
        0, true);
    row("list --name", {"list", "--name"}, "test\nweb\ndb\n\n", 0, true);
    row("list --uuid", {"list", "--uuid"},
        "6695eb01-f6a4-8304-79aa-97f2502e193f\n{uuid}\n{uuid}\n\n", 0, true);
    row("list --state-running", {"list", "--state-running"},
        " Id   Name   State\n----------------------\n 1    test   running\n 2    web    running\n\n", 0,
        true);
    row("list --state-paused", {"list", "--state-paused"},
        " Id   Name   State\n---------------------\n 3    db     paused\n\n", 0, true);
    row("list --state-shutoff", {"list", "--state-shutoff"},
        " Id   Name     State\n-------------------------\n -    backup   shut off\n\n", 0, true);
    // The domain test, libvirt's.
    row("dominfo", {"dominfo", "test"},
        "Id:             1\nName:           test\nUUID:           6695eb01-f6a4-8304-79aa-97f2502e193f\n"
        "OS Type:        linux\nState:          running\nCPU(s):         2\nCPU time: {t}\n"
        "Max memory:     8388608 KiB\nUsed memory:    2097152 KiB\nPersistent:     yes\nAutostart:      disable\n"
        "Managed save:   no\nSecurity model: testSecurity\nSecurity DOI:   \n"
        "Security label: libvirt-test (enforcing)\n\n");
    row("domstate", {"domstate", "test"}, "running\n\n");
    row("domstate --reason", {"domstate", "--reason", "test"}, "running (unknown)\n\n");
    row("domid", {"domid", "test"}, "1\n\n");
    row("domname", {"domname", "1"}, "test\n\n");
    row("domuuid", {"domuuid", "test"}, "6695eb01-f6a4-8304-79aa-97f2502e193f\n\n");
    row("domid by uuid", {"domid", "6695eb01-f6a4-8304-79aa-97f2502e193f"}, "1\n\n");
    row("dumpxml", {"dumpxml", "test"}, QString::fromLatin1(kTestXml));
    row("vcpuinfo", {"vcpuinfo", "test"},
        "VCPU:           0\nCPU:            15\nState:          running\nCPU time: {t}\nCPU Affinity:   yyyyyyyy\n\n"
        "VCPU:           1\nCPU:            15\nState:          running\nCPU time: {t}\nCPU Affinity:   yyyyyyyy\n\n");
    row("dommemstat", {"dommemstat", "test"},
        "actual 2097152\nswap_in 0\nswap_out 0\nmajor_fault 0\nminor_fault 0\nunused 1048576\navailable 2097152\n"
        "usable 1048576\nlast_update 627319920\ndisk_caches 262144\nhugetlb_pgalloc 0\nhugetlb_pgfail 0\n"
        "rss 1048576\n\n");
    row("schedinfo", {"schedinfo", "test"}, "Scheduler      : fair\nweight         : 50\n\n");
    row("domblklist", {"domblklist", "test"},
        " Target   Source\n-----------------------------\n vda      /guest/diskimage1\n\n");
    row("domiflist", {"domiflist", "test"},
        " Interface   Type      Source    Model   MAC\n"
        "------------------------------------------------------------\n"
        " testnet0    network   default   -       aa:bb:cc:dd:ee:ff\n\n");
    row("net-list --all", {"net-list", "--all"},
        " Name      State    Autostart   Persistent\n--------------------------------------------\n"
        " default   active   no          yes\n\n");
    row("pool-list --all", {"pool-list", "--all"},
        " Name           State    Autostart\n------------------------------------\n default-pool   active   no\n\n");
    row("event --list", {"event", "--list"},
        "lifecycle\nreboot\nrtc-change\nwatchdog\nio-error\ngraphics\nio-error-reason\ncontrol-error\nblock-job\n"
        "disk-change\ntray-change\npm-wakeup\npm-suspend\nballoon-change\npm-suspend-disk\ndevice-removed\n"
        "block-job-2\ntunable\nagent-lifecycle\ndevice-added\nmigration-iteration\njob-completed\n"
        "device-removal-failed\nmetadata-change\nblock-threshold\nmemory-failure\nmemory-device-size-change\n\n");
    // A timeout without events is an exit status of 1, as libvirtd's virsh has it.
    row("event --timeout", {"event", "--domain", "test", "--event", "lifecycle", "--timeout", "1"},
        "event loop timed out\nevents received: 0\n\n", 1);
    // State changes: each one is an event for the listener.
    row("suspend", {"suspend", "test"}, "Domain 'test' suspended\n\n");
    row("domstate, paused", {"domstate", "--reason", "test"}, "paused (user)\n\n");
    row("suspend, again", {"suspend", "test"},
        "\nerror: Failed to suspend domain 'test'\nerror: internal error: domain 'test' not running\n", 1);
    row("resume", {"resume", "test"}, "Domain 'test' resumed\n\n");
    row("resume, again", {"resume", "test"},
        "\nerror: Failed to resume domain 'test'\nerror: internal error: domain 'test' not paused\n", 1);
    row("domstate, unpaused", {"domstate", "--reason", "test"}, "running (unpaused)\n\n");
    row("destroy", {"destroy", "test"}, "Domain 'test' destroyed\n\n");
    row("domstate, destroyed", {"domstate", "--reason", "test"}, "shut off (destroyed)\n\n");
    row("dominfo, shut off", {"dominfo", "test"},
        "Id:             -\nName:           test\nUUID:           6695eb01-f6a4-8304-79aa-97f2502e193f\n"
        "OS Type:        linux\nState:          shut off\nCPU(s):         2\nCPU time: {t}\n"
        "Max memory:     8388608 KiB\nUsed memory:    2097152 KiB\nPersistent:     yes\nAutostart:      disable\n"
        "Managed save:   no\nSecurity model: testSecurity\nSecurity DOI:   \n\n");
    row("dommemstat, shut off", {"dommemstat", "test"},
        "\nerror: Failed to get memory statistics for domain test\n"
        "error: Requested operation is not valid: domain is not running\n",
        1);
    row("destroy, again", {"destroy", "test"},
        "\nerror: Failed to destroy domain 'test'\nerror: Requested operation is not valid: domain is not running\n",
        1);
    row("reboot, shut off", {"reboot", "test"},
        "\nerror: Failed to reboot domain 'test'\nerror: Requested operation is not valid: domain is not running\n",
        1);
    row("start", {"start", "test"}, "Domain 'test' started\n\n");
    row("start, again", {"start", "test"}, "\nerror: Domain is already active\n", 1);
    row("domstate, booted", {"domstate", "--reason", "test"}, "running (booted)\n\n");
    row("shutdown", {"shutdown", "test"}, "Domain 'test' is being shutdown\n\n");
    row("domstate, shutdown", {"domstate", "--reason", "test"}, "shut off (shutdown)\n\n");
    row("shutdown, again", {"shutdown", "test"},
        "\nerror: Failed to shutdown domain 'test'\nerror: internal error: domain 'test' not running\n", 1);
    row("start after shutdown", {"start", "test"}, "Domain 'test' started\n\n");
    row("reboot", {"reboot", "test"}, "Domain 'test' is being rebooted\n\n");
    row("domstate, rebooted", {"domstate", "--reason", "test"}, "running (booted)\n\n");
    // Define and undefine.
    row("define", {"define", "{files}/test2.xml"}, "Domain 'test2' defined from {files}/test2.xml\n\n");
    row("domstate, defined", {"domstate", "--reason", "test2"}, "shut off (unknown)\n\n");
    row("define, same name without uuid", {"define", "{files}/test2.xml"},
        "\nerror: Failed to define domain from {files}/test2.xml\n"
        "error: operation failed: domain 'test2' already exists with uuid {uuid}\n",
        1);
    row("undefine", {"undefine", "test2"}, "Domain 'test2' has been undefined\n\n");
    row("domstate, undefined", {"domstate", "test2"}, "\nerror: failed to get domain 'test2'\n", 1);
    // Bad input: the client gets libvirt's error and the daemon goes on.
    row("dominfo, no such domain", {"dominfo", "nosuch"}, "\nerror: failed to get domain 'nosuch'\n", 1);
    row("suspend, no such domain", {"suspend", "nosuch"}, "\nerror: failed to get domain 'nosuch'\n", 1);
    row("domname, no such id", {"domname", "99"}, "\nerror: failed to get domain '99'\n", 1);
    row("domid, no such uuid", {"domid", "11111111-2222-3333-4444-555555555555"},
        "\nerror: failed to get domain '{uuid}'\n", 1);
    row("define, malformed XML", {"define", "{files}/bad.xml"},
        "\nerror: Failed to define domain from {files}/bad.xml\n"
        "error: (domain_definition):2: Couldn't find end of Start Tag domain line 1\n(null)\n^\n",
        1);
    row("define, no os type", {"define", "{files}/noos.xml"},
        "\nerror: Failed to define domain from {files}/noos.xml\nerror: XML error: an os <type> must be specified\n",
        1);
    row("undefine, no such domain", {"undefine", "nosuch"}, "\nerror: failed to get domain 'nosuch'\n", 1);
    row("still answering", {"domstate", "test"}, "running\n\n");
}

// The lines of a list that do not name a teaching domain, with runs of spaces and
// dashes collapsed: the columns widen with the longer names.
static QStringList testLines(const QString &output)
{
    static const QRegularExpression teaching("\\b(web|db|backup)\\b|\\{uuid\\}");
    QStringList lines;
    for (QString line : output.split('\n')) {
        if (line.contains(teaching))
            continue;
        line.replace(QRegularExpression(" +"), " ");
        line.replace(QRegularExpression("-+"), "-");
        lines << line;
    }
    return lines;
}

void TestVirshCatalog::command()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    QFETCH(bool, list);

    const Run replica = runVirsh(m_replica, arguments);
    const Run real = m_real ? runVirsh(*m_real, arguments) : Run{};
    QCOMPARE(replica.output, expected);
    QCOMPARE(replica.exitCode, exitCode);
    if (!m_real)
        return;
    QCOMPARE(replica.exitCode, real.exitCode);
    if (list)
        QCOMPARE(testLines(replica.output), testLines(real.output));
    else
        QCOMPARE(replica.output, real.output);
}

void TestVirshCatalog::interactiveSession()
{
    // One virsh, several commands on its standard input: one connection for all.
    QProcess virsh;
    virsh.setProcessEnvironment(virshEnvironment(m_home.path()));
    virsh.start(m_virsh, {"-c", m_replica.uri});
    QVERIFY(virsh.waitForStarted());
    // A wrong name on the way: virsh reports it and the same connection goes on.
    virsh.write("domstate test\nnodeinfo\ndominfo nosuch\ndomuuid test\nlist --name --state-paused\nquit\n");
    virsh.closeWriteChannel();
    QVERIFY(virsh.waitForFinished(30000));
    QCOMPARE(virsh.exitCode(), 0);
    const QString output = QString::fromUtf8(virsh.readAllStandardOutput());
    QVERIFY(QString::fromUtf8(virsh.readAllStandardError()).contains("error: failed to get domain 'nosuch'"));
    for (const char *expected : {"virsh # domstate test\nrunning\n", "CPU model:           i686\n",
                                 "virsh # domuuid test\n6695eb01-f6a4-8304-79aa-97f2502e193f\n",
                                 "virsh # list --name --state-paused\ndb\n", "virsh # quit\n"})
        QVERIFY2(output.contains(QLatin1String(expected)), qPrintable(output));
}

void TestVirshCatalog::eventsAndTrace()
{
    // Every listener prints one line per lifecycle event, in order; wait until all
    // have arrived, then end them.
    for (Target *target : {&m_replica, m_real ? &*m_real : nullptr}) {
        if (!target)
            continue;
        QProcess &listener = *target->listener;
        QByteArray printed;
        QElapsedTimer clock;
        clock.start();
        while (printed.count('\n') < kExpectedEvents.size() && clock.elapsed() < 20000) {
            listener.waitForReadyRead(200);
            printed += listener.readAllStandardOutput();
        }
        listener.terminate();
        QVERIFY(listener.waitForFinished(10000));
        printed += listener.readAllStandardOutput();
        QStringList lines = QString::fromUtf8(printed).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines, kExpectedEvents);
    }

    // The replica's trace: each event went from the state change, through the
    // driver's timer, to the listener's transmit queue and out.
    const int listenerGone = m_daemon->waitFor(EventKind::EventCallbackDeregistered, [](const TraceEvent &event) {
        return event.result == VIR_DOMAIN_EVENT_ID_LAST - 1;
    });
    QVERIFY(listenerGone >= 0);
    const std::vector<TraceEvent> &events = m_daemon->log().events();
    qsizetype queued = 0;
    qsizetype sent = 0;
    for (const TraceEvent &event : events) {
        queued += event.kind == EventKind::DomainEventQueued;
        sent += event.kind == EventKind::EventMessageSent;
    }
    QCOMPARE(queued, kExpectedEvents.size());
    QCOMPARE(sent, kExpectedEvents.size());
    TraceSession session;
    session.events = events;
    session.threadNames = ThreadNames::snapshot();
    const std::vector<TraceViolation> violations = checkTrace(session);
    QVERIFY2(violations.empty(), violations.empty()
                                     ? ""
                                     : (violations.front().rule + ": " + violations.front().message).c_str());
}

QTEST_GUILESS_MAIN(TestVirshCatalog)
#include "tst_virshcatalog.moc"
