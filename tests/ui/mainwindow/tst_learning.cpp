// Learning features of the app, offscreen: the guided tour walks all its stops,
// each ending with the event that matters selected and its function lit in the call
// flow; Back returns to the previous stop; rewinding to an earlier moment shows the
// loop's state exactly as the real loop had it then.
#include "docks/callflowwidget.h"
#include "mainwindow/historyscrubber.h"
#include "mainwindow/loopcontrols.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/tour.h"
#include "models/loophandlesmodel.h"
#include "models/loopstatemodel.h"
#include "scenario/scenariopanel.h"
#include "session/enginesession.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"

#include "eventpoll/eventpoll.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>

using namespace pollscope;
using namespace pollscope::ui;

class TestLearning : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void tourWalksEveryStop();
    void rewindShowsTheStateRecordedAtThatMoment();
};

void TestLearning::tourWalksEveryStop()
{
    // The function each stop ends on, in order.
    const QStringList expected = {"virEventPollAddHandle",    "qemudListenUnix",        "qemudRunLoop",
                                  "qemudNetworkEnable",       "qemudDispatchServerEvent", "qemudDispatchServer",
                                  "qemudRegisterClientEvent", "virEventPollInterruptLocked"};
    MainWindow window;
    window.show();
    Tour &tour = *window.tour();
    QCOMPARE(tour.stopCount(), expected.size());
    QTimer answering;
    connect(&answering, &QTimer::timeout, &window, [&] {
        if (window.scenarioPanel()->isAsking())
            window.scenarioPanel()->choiceButtons().at(0)->click();
    });
    answering.start(20);

    QSignalSpy finished(&window, &MainWindow::scenarioFinished);
    tour.start();
    for (qsizetype stop = 0; stop < expected.size(); ++stop) {
        QVERIFY2(finished.wait(60000), qPrintable(QStringLiteral("stop %1 did not end").arg(stop + 1)));
        QVERIFY(finished.takeFirst().first().toBool());
        QCOMPARE(tour.currentStop(), stop);
        const qsizetype selected = window.cursor()->selected();
        QVERIFY2(selected >= 0, qPrintable(QStringLiteral("stop %1 selected nothing").arg(stop + 1)));
        const QString function = QString::fromLatin1(window.store()->at(selected).function());
        QCOMPARE(function, expected[stop]);
        QCOMPARE(window.callFlow()->litNode(), CallFlowWidget::nodeForFunction(function));
        if (stop + 1 < expected.size())
            tour.nextAction()->trigger();
    }
    QVERIFY(!tour.nextAction()->isEnabled());
    // Back replays the stop before.
    tour.backAction()->trigger();
    QVERIFY(finished.wait(60000));
    QCOMPARE(tour.currentStop(), expected.size() - 2);
    QCOMPARE(QString::fromLatin1(window.store()->at(window.cursor()->selected()).function()), expected[6]);
}

void TestLearning::rewindShowsTheStateRecordedAtThatMoment()
{
    MainWindow window;
    window.show();
    const QString scenario = QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR"))
        + "/tests/ui/mainwindow/rewind-quiet.yaml";
    QVERIFY(window.openFile(scenario, true));
    TraceStore &store = *window.store();
    const auto replied = [&] {
        for (qsizetype i = 0; i < store.size(); ++i) {
            if (store.at(i).kind == EventKind::MessageSent)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(replied(), 20000);

    // Hold the loop; with the client asleep, nothing else happens until it runs again.
    window.controls()->pauseAction()->trigger();
    StepControl &loop = window.session()->stepControl();
    QTRY_VERIFY_WITH_TIMEOUT(loop.heldAt().has_value(), 10000);
    const LoopState recorded = window.session()->loopState();
    const auto holdShown = [&] { return !store.isEmpty() && store.at(store.size() - 1).kind == EventKind::LoopPaused; };
    QTRY_VERIFY_WITH_TIMEOUT(holdShown(), 10000);
    const qsizetype moment = store.size() - 1;

    // Let it run on, then rewind with the slider and step back to that moment.
    window.controls()->playAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(store.size() > moment + 5, 10000);
    window.history()->slider()->setValue(0);
    QCOMPARE(window.cursor()->selected(), 0);
    window.history()->slider()->setValue(int(moment) + 1);
    window.history()->stepBackAction()->trigger();
    QCOMPARE(window.cursor()->selected(), moment);

    const LoopSnapshot &shown = window.loopState()->state();
    QCOMPARE(shown.handles.size(), recorded.handles.size());
    const LoopHandlesModel *rows = window.loopState()->handlesModel();
    QCOMPARE(rows->rowCount(), int(recorded.handles.size()));
    for (size_t i = 0; i < recorded.handles.size(); ++i) {
        QCOMPARE(shown.handles[i].watch, recorded.handles[i].watch);
        QCOMPARE(shown.handles[i].fd, recorded.handles[i].fd);
        QCOMPARE(shown.handles[i].events, recorded.handles[i].events);
        QCOMPARE(shown.handles[i].deleted, recorded.handles[i].deleted);
        QCOMPARE(rows->data(rows->index(int(i), 0)).toInt(), recorded.handles[i].watch);
    }
    QCOMPARE(shown.running, recorded.running);
    QCOMPARE(shown.iterations, recorded.iterations);
    window.stopSession();
}

QTEST_MAIN(TestLearning)
#include "tst_learning.moc"
