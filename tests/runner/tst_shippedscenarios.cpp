// Every scenario shipped in scenarios/ runs headless and passes its expectations;
// its trace holds every invariant of `pollscope check`; the process's fds are back
// to where they were; and each deterministic scenario's normalized trace is
// byte-identical to its golden file in tests/runner/golden/ (regenerate them with
// POLLSCOPE_UPDATE_GOLDEN=1 after a change that is meant to alter them).
#include "fdcount.h"

#include "rpc/testhypervisor.h"
#include "runner/scenariorunner.h"
#include "scenario/scenarioparser.h"
#include "trace/tracechecker.h"
#include "trace/tracenormalizer.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

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

QString goldenPathFor(const QString &scenario)
{
    const QString relative = QDir(sourceDir() + "/scenarios").relativeFilePath(scenario);
    return sourceDir() + "/tests/runner/golden/" + QString(relative).replace('/', '-').replace(".yaml", ".jsonl");
}

} // namespace

class TestShippedScenarios : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void scenario_data();
    void scenario();
};

void TestShippedScenarios::initTestCase()
{
    // The tour (eight stops) and at least twelve more.
    QVERIFY2(shippedScenarios().size() >= 20, qPrintable(QString::number(shippedScenarios().size())));
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
