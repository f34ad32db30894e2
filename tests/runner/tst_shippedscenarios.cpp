// Every scenario shipped in scenarios/ runs headless and passes its expectations;
// its trace holds every invariant of `pollscope check`; the process's fds are back
// to where they were; and each deterministic scenario's normalized trace is
// byte-identical to its golden file in tests/runner/golden/ (regenerate them with
// POLLSCOPE_UPDATE_GOLDEN=1 after a change that is meant to alter them). A scenario
// with real_libvirtd also runs against Debian's libvirtd 9: its imported log holds
// the same virsh runs and every invariant that applies to it, and no libvirtd
// process or temporary folder is left behind.
#include "fdcount.h"

#include "rpc/testhypervisor.h"
#include "runner/scenariorunner.h"
#include "scenario/scenarioparser.h"
#include "trace/tracechecker.h"
#include "trace/tracenormalizer.h"
#include "trace/tracesession.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <algorithm>

using namespace pollscope;

namespace {

QString sourceDir()
{
    return QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR"));
}

QStringList shippedScenarios()
{
    QStringList files;
    QDirIterator it(sourceDir() + "/scenarios", {"*.yaml"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

// The processes this one started that still exist (reaped children are gone).
int childProcessCount()
{
    int children = 0;
    const QString self = QString::number(::getpid());
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile stat(QStringLiteral("/proc/") + pid + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "PID (COMM) STATE PPID ...": COMM may hold spaces, so count from its ')'.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        children += fields.size() > 1 && fields[1] == self.toLatin1();
    }
    return children;
}

QString goldenPathFor(const QString &scenario)
{
    const QString relative = QDir(sourceDir() + "/scenarios").relativeFilePath(scenario);
    return sourceDir() + "/tests/runner/golden/" + QString(relative).replace('/', '-').replace(".yaml", ".jsonl");
}

} // namespace

class TestShippedScenarios : public QObject
{
    Q_OBJECT

    // The temporary folder of every run (TMPDIR): whatever a run leaves there is found.
    QTemporaryDir m_temp;
    QByteArray m_savedTemp;

private slots:
    void initTestCase();
    void cleanupTestCase();
    void scenario_data();
    void scenario();
};

void TestShippedScenarios::initTestCase()
{
    // The tour (nine stops) and at least eleven more.
    QVERIFY2(shippedScenarios().size() >= 20, qPrintable(QString::number(shippedScenarios().size())));
    QVERIFY(m_temp.isValid());
    m_savedTemp = qgetenv("TMPDIR");
    qputenv("TMPDIR", QFile::encodeName(m_temp.path()));
}

void TestShippedScenarios::cleanupTestCase()
{
    if (m_savedTemp.isEmpty())
        qunsetenv("TMPDIR");
    else
        qputenv("TMPDIR", m_savedTemp);
}

void TestShippedScenarios::scenario_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : shippedScenarios())
        QTest::newRow(qPrintable(QDir(sourceDir()).relativeFilePath(file))) << file;
}

void TestShippedScenarios::scenario()
{
    QFETCH(QString, file);
    auto parsed = parseScenarioFile(file.toStdString());
    if (const Error *error = parsed.failure())
        QFAIL(error->describe().c_str());
    const Scenario &scenario = parsed.value();

    const int fdsBefore = test::openFdCount();
    std::string folder;
    ScenarioRunResult result;
    {
        ScenarioRunner runner(scenario);
        folder = runner.folder();
        result = runner.run();
    }
    QCOMPARE_EQ(test::openFdCount(), fdsBefore);
    QVERIFY2(result.setupError.empty(), result.setupError.c_str());
    for (const ScenarioFailure &failure : result.failures)
        qWarning("%s: %s", failure.where.describe().c_str(), failure.message.c_str());
    QVERIFY(result.passed());

    const auto violations = checkTrace(result.session);
    for (const TraceViolation &violation : violations)
        qWarning("%s: %s (%s)", violation.rule.c_str(), violation.message.c_str(),
                 describeEvent(result.session, result.session.events[violation.eventIndex]).c_str());
    QVERIFY(violations.empty());

    // The run's folder and the real libvirtd's are gone, and so is every process it started.
    QCOMPARE(QDir(m_temp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
    QCOMPARE(childProcessCount(), 0);
    QCOMPARE(result.realLibvirtd.has_value(), scenario.realLibvirtd.has_value());
    if (result.realLibvirtd) {
        const RealLibvirtdResult &real = *result.realLibvirtd;
        QVERIFY2(real.installed, "libvirtd is not installed: the project's set-up installs libvirt-daemon");
        QVERIFY(real.ran);
        QVERIFY2(real.logProblem.empty(), real.logProblem.c_str());
        QCOMPARE(real.session.origin, std::string(kLibvirtdLogOrigin));
        // The same virsh runs reached both daemons: one accepted client each.
        const auto accepts = [](const TraceSession &session) {
            return std::count_if(session.events.begin(), session.events.end(),
                                 [](const TraceEvent &event) { return event.kind == EventKind::Accept; });
        };
        QVERIFY(accepts(result.session) > 0);
        QCOMPARE(accepts(real.session), accepts(result.session));
        const auto realViolations = checkTrace(real.session);
        for (const TraceViolation &violation : realViolations)
            qWarning("libvirtd 9: %s: %s (%s)", violation.rule.c_str(), violation.message.c_str(),
                     describeEvent(real.session, real.session.events[violation.eventIndex]).c_str());
        QVERIFY(realViolations.empty());
    }

    if (!scenario.deterministic)
        return;
    const std::string normalized = normalizeTrace(result.session, {folder, TestHypervisor::localHostname()});
    QFile golden(goldenPathFor(file));
    if (qEnvironmentVariableIsSet("POLLSCOPE_UPDATE_GOLDEN")) {
        QVERIFY(golden.open(QIODevice::WriteOnly));
        golden.write(QByteArray::fromStdString(normalized));
        return;
    }
    QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable("no golden file " + golden.fileName()));
    const QList<QByteArray> expected = golden.readAll().split('\n');
    const QList<QByteArray> actual = QByteArray::fromStdString(normalized).split('\n');
    // Line by line, so a difference reads as the two lines that differ.
    for (qsizetype i = 0; i < std::min(expected.size(), actual.size()); ++i)
        QCOMPARE(actual[i], expected[i]);
    QCOMPARE(actual.size(), expected.size());
}

QTEST_GUILESS_MAIN(TestShippedScenarios)
#include "tst_shippedscenarios.moc"
