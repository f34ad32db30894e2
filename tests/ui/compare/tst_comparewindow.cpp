// Then and now: the replica's run of a client's calls and the real libvirtd 9's log
// of virsh version, one above the other. The Nth call of the first client pairs with
// the Nth on the other side; showing a call brings it into view on both sides, a
// step chosen on one side brings the same step of the same call on the other, and
// the note says how 0.9 and 9 differ at that step. The main window opens such a
// window, and `pollscope FILE --compare FILE` without a display prints the pairs.
#include "compare/comparewindow.h"
#include "mainwindow/mainwindow.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"
#include "timeline/timelinewidget.h"

#include "daemonfixture.h"

#include "client/remoteclient.h"
#include "rpc/remoteprocedures.h"
#include "trace/threadnames.h"
#include "trace/tracewriter.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pollscope;
using namespace pollscope::ui;

class TestCompareWindow : public QObject
{
    Q_OBJECT

private slots:
    void callsPairAndFollowEachOther();
};

void TestCompareWindow::callsPairAndFollowEachOther()
{
    QTemporaryDir dir;
    const QString replica = dir.filePath("replica.jsonl");
    {
        test::DaemonFixture daemon;
        QVERIFY(daemon.start());
        RemoteClient client;
        QVERIFY(client.connectUnix(daemon.socketPath()));
        for (int i = 0; i < 3; ++i) {
            const auto reply = client.call(REMOTE_PROC_AUTH_LIST);
            QVERIFY(reply && reply->ok());
        }
        QVERIFY(client.call(REMOTE_PROC_CONNECT_CLOSE));
        QVERIFY(daemon.waitFor(EventKind::FreeClient) >= 0);
        daemon.shutdown();
        TraceSession session;
        session.events = daemon.log().events();
        session.threadNames = ThreadNames::snapshot();
        const Result<void> written = exportTrace(session, replica.toStdString(), TraceFormat::JsonLines);
        QVERIFY2(written, written.errorText().c_str());
    }
    const QString log = qEnvironmentVariable("POLLSCOPE_SOURCE_DIR") + "/tests/engine/data/libvirtd9-one-client.log";

    CompareWindow window;
    window.show();
    QVERIFY2(window.open(replica, log), qPrintable(window.lastError()));
    QCOMPARE(window.calls(0).size(), size_t(4));
    QCOMPARE(window.calls(1).size(), size_t(10));
    QCOMPARE(window.alignedCalls().size(), size_t(4));
    for (const auto &[top, bottom] : window.alignedCalls()) {
        QCOMPARE(window.calls(0)[top].client, window.calls(1)[bottom].client);
        QCOMPARE(window.calls(0)[top].index, window.calls(1)[bottom].index);
        QVERIFY(window.calls(0)[top].sent && window.calls(1)[bottom].sent);
    }

    // Showing a call: its receipt selected and in view on both sides.
    window.showCall(2);
    for (int side = 0; side < 2; ++side) {
        const ClientCall &call = side == 0 ? window.calls(0)[window.alignedCalls()[2].first]
                                           : window.calls(1)[window.alignedCalls()[2].second];
        QCOMPARE(call.index, 2);
        QCOMPARE(window.cursor(side)->selected(), qsizetype(call.received));
        const int64_t received = window.store(side)->at(qsizetype(call.received)).timeNs;
        const int64_t sent = window.store(side)->at(qsizetype(*call.sent)).timeNs;
        QVERIFY(window.timeline(side)->viewStartNs() <= received);
        QVERIFY(window.timeline(side)->viewEndNs() >= sent);
    }

    // A step chosen below: the same call above, at the same step.
    const ClientCall &lastBelow = window.calls(1)[window.alignedCalls()[3].second];
    window.cursor(1)->select(qsizetype(*lastBelow.queued));
    QCOMPARE(window.currentCall(), 3);
    QCOMPARE(window.cursor(1)->selected(), qsizetype(*lastBelow.queued));
    const ClientCall &lastAbove = window.calls(0)[window.alignedCalls()[3].first];
    QCOMPARE(window.cursor(0)->selected(), qsizetype(*lastAbove.queued));
    QVERIFY(window.explanation().contains("0.9") && window.explanation().contains("GSource"));

    window.grab().save(qEnvironmentVariable("POLLSCOPE_ARTIFACTS", QDir::tempPath()) + "/compare-then-and-now.png");

    MainWindow main;
    CompareWindow *opened = main.openComparison(replica, log);
    QVERIFY2(opened, qPrintable(main.lastError()));
    QCOMPARE(opened->alignedCalls().size(), size_t(4));
    QVERIFY(!main.openComparison(replica, dir.filePath("missing.jsonl")));
    QVERIFY(main.lastError().contains("missing.jsonl"));

    QProcess headless;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *variable : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(variable));
    headless.setProcessEnvironment(environment);
    headless.start(qEnvironmentVariable("POLLSCOPE_BINARY"), {replica, "--compare", log});
    QVERIFY(headless.waitForFinished(30000));
    QCOMPARE(headless.exitCode(), 0);
    const QString printed = QString::fromUtf8(headless.readAllStandardOutput());
    QVERIFY2(printed.contains("client 1, call 1: AUTH_LIST / AUTH_LIST") && printed.contains("client 1, call 4: "),
             qPrintable(printed));
}

QTEST_MAIN(TestCompareWindow)
#include "tst_comparewindow.moc"
