// The shipped "then and now" scenarios played in the main window, offscreen: when
// the replica's run ends, the same virsh runs against Debian's real libvirtd 9 and a
// comparison window opens with both traces, the replica's above and the imported
// log below, aligned call by call, with lanes of the real daemon named by role. No
// libvirtd process and no temporary folder is left once the window has closed.
#include "compare/comparewindow.h"
#include "mainwindow/loopcontrols.h"
#include "mainwindow/mainwindow.h"
#include "session/tracestore.h"

#include "import/reallibvirtd.h"
#include "trace/tracechecker.h"
#include "trace/tracesession.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <algorithm>

using namespace pollscope;
using namespace pollscope::ui;

namespace {

// The processes this one started that still exist.
int childProcessCount()
{
    int children = 0;
    const QByteArray self = QByteArray::number(::getpid());
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile stat(QStringLiteral("/proc/") + pid + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "PID (COMM) STATE PPID ...": COMM may hold spaces, so count from its ')'.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        children += fields.size() > 1 && fields[1] == self;
    }
    return children;
}

} // namespace

class TestThenAndNow : public QObject
{
    Q_OBJECT

    // TMPDIR of the runs: what they leave behind is found here.
    QTemporaryDir m_temp;

private slots:
    void initTestCase();
    void playingOpensBothSideBySide_data();
    void playingOpensBothSideBySide();
};

void TestThenAndNow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(RealLibvirtd::findProgram(), "libvirtd is not installed: the project's set-up installs libvirt-daemon");
    QVERIFY(m_temp.isValid());
    qputenv("TMPDIR", QFile::encodeName(m_temp.path()));
}

void TestThenAndNow::playingOpensBothSideBySide_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("virshRuns");
    QTest::newRow("scenario") << "then-and-now.yaml" << 3;
    QTest::newRow("tour stop") << "tour/09-then-and-now.yaml" << 1;
}

void TestThenAndNow::playingOpensBothSideBySide()
{
    QFETCH(QString, file);
    QFETCH(int, virshRuns);
    {
        MainWindow window;
        window.show();
        QSignalSpy finished(&window, &MainWindow::scenarioFinished);
        QVERIFY2(window.openFile(QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR")) + "/scenarios/" + file),
                 qPrintable(window.lastError()));
        // Narrated, so it would start in slow motion: this test watches the outcome.
        QSlider *speed = window.controls()->speedSlider();
        speed->setValue(speed->maximum());
        window.controls()->playAction()->trigger();
        QVERIFY(finished.wait(120000));
        QVERIFY(finished.first().first().toBool());

        CompareWindow *comparison = window.scenarioComparison();
        QVERIFY(comparison);
        QVERIFY(comparison->isVisible());
        const TraceSession replica = comparison->store(0)->toSession();
        const TraceSession real = comparison->store(1)->toSession();
        QVERIFY(replica.origin != kLibvirtdLogOrigin);
        QCOMPARE(real.origin, std::string(kLibvirtdLogOrigin));
        const auto accepts = [](const TraceSession &session) {
            return int(std::count_if(session.events.begin(), session.events.end(),
                                     [](const TraceEvent &event) { return event.kind == EventKind::Accept; }));
        };
        QCOMPARE(accepts(replica), virshRuns);
        QCOMPARE(accepts(real), virshRuns);
        QVERIFY(checkTrace(real).empty());
        // The Nth call of each virsh run pairs with the Nth of the same run on the other
        // side, as far as both have calls (against 9, virsh also registers a close
        // callback): every run opens, asks its features and its question, and closes.
        const size_t pairs = comparison->alignedCalls().size();
        QVERIFY2(pairs >= size_t(7 * virshRuns), qPrintable(QString::number(pairs)));
        for (const auto &[above, below] : comparison->alignedCalls()) {
            QCOMPARE(comparison->calls(0)[above].client, comparison->calls(1)[below].client);
            QCOMPARE(comparison->calls(0)[above].index, comparison->calls(1)[below].index);
        }
        // The real daemon's lanes say what each thread is.
        const auto hasLane = [&real](const char *role) {
            return std::any_of(real.threadNames.begin(), real.threadNames.end(),
                               [role](const std::string &name) { return name.starts_with(role); });
        };
        QVERIFY(hasLane("event-loop "));
        QVERIFY(hasLane("rpc-worker "));
        QVERIFY(hasLane("prio-rpc-worker "));
        comparison->showCall(0);
        QVERIFY(!comparison->explanation().isEmpty());
        if (const QString folder = qEnvironmentVariable("POLLSCOPE_ARTIFACTS"); !folder.isEmpty()) {
            QDir().mkpath(folder);
            comparison->grab().save(folder + "/then-and-now-" + QString(file).replace('/', '-') + ".png");
        }
    }
    // The real libvirtd stopped and its folder went with the run; the window closed.
    QCOMPARE(childProcessCount(), 0);
    QCOMPARE(QDir(m_temp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

QTEST_MAIN(TestThenAndNow)
#include "tst_thenandnow.moc"
