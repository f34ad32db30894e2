// `pollscope run` as a learner uses it: exit 0 when every expectation holds, 1 when
// one fails (naming it, with the trace lines around it), 2 for a bad scenario (with
// file:line:column); the trace it writes passes `pollscope check`, and a normalized
// trace of a deterministic scenario is the same on every run; a scenario with
// real_libvirtd also writes the real libvirtd's trace beside it, and both pass;
// where libvirtd is missing, that half is skipped with a note and a line saying
// which package to install.
#include "import/reallibvirtd.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString sourceDir()
{
    return QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR"));
}

struct Outcome
{
    int exitCode;
    QString out;
    QString err;
};

Outcome runPollscope(const QStringList &arguments)
{
    QProcess process;
    process.start(QString::fromLocal8Bit(qgetenv("POLLSCOPE_BINARY")), arguments);
    if (!process.waitForFinished(120000))
        return {-1, {}, "did not finish"};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestRunCommand : public QObject
{
    Q_OBJECT

private slots:
    void exitStatus_data();
    void exitStatus();
    void traceOutPassesCheck_data();
    void traceOutPassesCheck();
    void normalizedTraceIsStable();
    void realLibvirtdTraceIsWrittenBeside_data();
    void realLibvirtdTraceIsWrittenBeside();
    void realLibvirtdMissingIsSkipped();
    void documentedScenariosRun_data();
    void documentedScenariosRun();
};

void TestRunCommand::exitStatus_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("stdoutHas");
    QTest::addColumn<QStringList>("stderrHas");

    const QString cases = sourceDir() + "/tests/runner/cases/";
    QTest::addRow("passing") << QStringList{"run", sourceDir() + "/scenarios/tour/06-accept.yaml"} << 0
                             << QStringList{"06-accept.yaml: 6. qemudDispatchServer: accept()", "passed"}
                             << QStringList{};
    QTest::addRow("failing expectation")
        << QStringList{"run", cases + "failing-expectation.yaml"} << 1 << QStringList{}
        << QStringList{cases + "failing-expectation.yaml:11:5: expected worker_job_begin (client alice) at least 2 times, found 1 time",
                       "trace around it:", "worker_job_begin", "FAILED"};
    QTest::addRow("failing step")
        << QStringList{"run", cases + "failing-step.yaml"} << 1 << QStringList{}
        << QStringList{cases + "failing-step.yaml:8:9: CONNECT_GET_TYPE: expected success, but got the error: internal error: hypervisor connection not open"};
    QTest::addRow("bad scenario")
        << QStringList{"run", sourceDir() + "/tests/runner/cases/not-a-scenario.txt"} << 2 << QStringList{}
        << QStringList{sourceDir() + "/tests/runner/cases/not-a-scenario.txt:1:1: "};
    QTest::addRow("missing file") << QStringList{"run", "/nonexistent/x.yaml"} << 2 << QStringList{}
                                  << QStringList{"/nonexistent/x.yaml: cannot read the file: No such file or directory"};
    QTest::addRow("no scenario") << QStringList{"run"} << 2 << QStringList{}
                                 << QStringList{"pollscope run: no scenario file given"};
    QTest::addRow("normalize without trace")
        << QStringList{"run", "--normalize", sourceDir() + "/scenarios/tour/06-accept.yaml"} << 2 << QStringList{}
        << QStringList{"pollscope run: --normalize applies to --trace-out, which is missing"};
    QTest::addRow("bad format")
        << QStringList{"run", "--format", "xml", sourceDir() + "/scenarios/tour/06-accept.yaml"} << 2 << QStringList{}
        << QStringList{"pollscope run: unknown format 'xml' (expected jsonl, chrome or binary)"};
}

void TestRunCommand::exitStatus()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QStringList, stdoutHas);
    QFETCH(QStringList, stderrHas);
    const Outcome outcome = runPollscope(arguments);
    QVERIFY2(outcome.exitCode == exitCode, qPrintable(outcome.out + outcome.err));
    for (const QString &text : stdoutHas)
        QVERIFY2(outcome.out.contains(text), qPrintable(outcome.out));
    for (const QString &text : stderrHas)
        QVERIFY2(outcome.err.contains(text), qPrintable(outcome.err));
}

void TestRunCommand::traceOutPassesCheck_data()
{
    QTest::addColumn<QString>("format");
    QTest::addRow("jsonl") << "jsonl";
    QTest::addRow("chrome") << "chrome";
    QTest::addRow("binary") << "binary";
}

void TestRunCommand::traceOutPassesCheck()
{
    QFETCH(QString, format);
    QTemporaryDir dir;
    const QString trace = dir.filePath("trace");
    const Outcome run = runPollscope({"run", "--trace-out", trace, "--format", format,
                                      sourceDir() + "/scenarios/throttling.yaml"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const Outcome check = runPollscope({"check", trace});
    QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
    QVERIFY(check.out.contains(" 0 violations"));
}

void TestRunCommand::normalizedTraceIsStable()
{
    QTemporaryDir dir;
    QByteArray first;
    for (int i = 0; i < 3; ++i) {
        const QString trace = dir.filePath(QString::number(i));
        const Outcome run = runPollscope({"run", "--normalize", "--trace-out", trace,
                                          sourceDir() + "/scenarios/tour/08-client-dispatch.yaml"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QFile file(trace);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY(contents.startsWith("{\"format\":\"pollscope-trace-normalized\""));
        if (i == 0)
            first = contents;
        else
            QCOMPARE(contents, first);
    }
}

void TestRunCommand::realLibvirtdTraceIsWrittenBeside_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("traceName");
    QTest::addColumn<QString>("realName"); // empty: none is written
    QTest::newRow("then and now, jsonl") << "then-and-now.yaml" << "jsonl" << "run.jsonl" << "run.libvirtd9.jsonl";
    QTest::newRow("then and now, chrome") << "then-and-now.yaml" << "chrome" << "run.json" << "run.libvirtd9.json";
    QTest::newRow("no extension") << "tour/09-then-and-now.yaml" << "jsonl" << "run" << "run.libvirtd9";
    QTest::newRow("replica only") << "virsh-session.yaml" << "jsonl" << "run.jsonl" << "";
}

void TestRunCommand::realLibvirtdTraceIsWrittenBeside()
{
    QFETCH(QString, scenario);
    QFETCH(QString, format);
    QFETCH(QString, traceName);
    QFETCH(QString, realName);
    QTemporaryDir dir;
    const Outcome run = runPollscope(
        {"run", "--format", format, "--trace-out", dir.filePath(traceName), sourceDir() + "/scenarios/" + scenario});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QStringList expected = {traceName};
    if (!realName.isEmpty()) {
        expected << realName;
        QVERIFY2(run.out.contains("the real libvirtd 9 ran the same steps"), qPrintable(run.out));
    }
    expected.sort();
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files, QDir::Name), expected);
    for (const QString &name : expected) {
        const Outcome check = runPollscope({"check", dir.filePath(name)});
        QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
        QCOMPARE(check.out.contains("the rules that hold for libvirtd 9"), name == realName);
    }
}

void TestRunCommand::realLibvirtdMissingIsSkipped()
{
    // Where libvirtd is missing: here, hidden in a mount namespace of the run's own,
    // behind /dev/null (which is no program), as only root may arrange.
    QProcess probe;
    probe.start(QStringLiteral("unshare"), {"--mount", "true"});
    if (!probe.waitForFinished(10000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        QSKIP("hiding libvirtd needs unshare --mount (util-linux, as root)");
    const auto libvirtd = pollscope::RealLibvirtd::findProgram();
    QVERIFY2(libvirtd, "libvirtd is not installed: the project's set-up installs libvirt-daemon");
    QTemporaryDir dir;
    const QString trace = dir.filePath("run.jsonl");
    QProcess process;
    process.start(QStringLiteral("unshare"),
                  {"--mount", "sh", "-c", "mount --bind /dev/null \"$0\" && exec \"$@\"", QString::fromStdString(*libvirtd),
                   QString::fromLocal8Bit(qgetenv("POLLSCOPE_BINARY")), "run", "--trace-out", trace,
                   sourceDir() + "/scenarios/then-and-now.yaml"});
    QVERIFY(process.waitForFinished(120000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    QVERIFY2(process.exitCode() == 0, qPrintable(out));
    QVERIFY2(out.contains("the real libvirtd 9 half is skipped: libvirtd is not installed (install the package "
                          "libvirt-daemon)"),
             qPrintable(out));
    // Only the replica's trace, with a note that says what was skipped.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"run.jsonl"});
    QFile file(trace);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("\"reason\":\"command_not_installed\",\"message\":\"libvirtd (package "
                                    "libvirt-daemon) is not installed"));
}

void TestRunCommand::documentedScenariosRun_data()
{
    // Every whole scenario on docs/scenarios.md, as a newcomer would copy it.
    QTest::addColumn<QByteArray>("yaml");
    QFile doc(sourceDir() + "/docs/scenarios.md");
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = doc.readAll().split('\n');
    QByteArray block;
    bool inYaml = false;
    int firstLine = 0;
    int found = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!inYaml && lines[i].trimmed() == "```yaml") {
            inYaml = true;
            block.clear();
            firstLine = int(i) + 2;
        } else if (inYaml && lines[i].trimmed() == "```") {
            inYaml = false;
            if (block.contains("\nversion: 1") || block.startsWith("version: 1")) {
                QTest::addRow("docs/scenarios.md:%d", firstLine) << block;
                ++found;
            }
        } else if (inYaml) {
            block += lines[i] + '\n';
        }
    }
    QVERIFY(found >= 2);
}

void TestRunCommand::documentedScenariosRun()
{
    QFETCH(QByteArray, yaml);
    QTemporaryDir dir;
    const QString path = dir.filePath("example.yaml");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(yaml);
    file.close();
    const Outcome run = runPollscope({"run", path});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
}

QTEST_GUILESS_MAIN(TestRunCommand)
#include "tst_runcommand.moc"
