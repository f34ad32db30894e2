// Learning features of the app, offscreen: the guided tour walks all its stops,
// each ending with the event that matters selected, its function lit in the call
// flow and the timeline framing that stop's events; Back returns to the previous
// stop; rewinding to an earlier moment shows the loop's state exactly as the real
// loop had it then. Pauses, slow motion and a question left open leave
// the loop time axis within 10% of runs at full speed, and pollscope's own wakeups
// are control events on their lane, in no causal chain, with every thread named.
// Every question of the tour is asked before the event it is about (its `before:`)
// is recorded, so no view can show the answer, and that event follows once the
// learner has answered and continued.
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
#include "timeline/timelinelanes.h"
#include "timeline/timelinewidget.h"

#include "eventpoll/eventpoll.h"
#include "runner/clientdirectory.h"
#include "runner/conditionmatcher.h"
#include "scenario/scenarioparser.h"

#include "learneranswer.h"

#include <QDir>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>

#include <functional>
#include <limits>

using namespace pollscope;
using namespace pollscope::ui;
using pollscope::test::answerNext;

class TestLearning : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void tourWalksEveryStop();
    void questionComesBeforeItsEvent_data();
    void questionComesBeforeItsEvent();
    void rewindShowsTheStateRecordedAtThatMoment();
    void pausesAndSlowMotionLeaveLoopTimeAlone();
};

namespace {

// Runs the loop time scenario to its end from full speed, with `whileRunning` called
// once the first reply is in; returns the length of its loop time axis.
int64_t loopTimeLength(MainWindow &window, const std::function<void()> &whileRunning)
{
    const QString scenario = QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR"))
        + "/tests/ui/mainwindow/loop-time.yaml";
    QSignalSpy finished(&window, &MainWindow::scenarioFinished);
    if (!window.openFile(scenario, true))
        return -1;
    // A narrated scenario starts in slow motion; these runs start at full speed.
    QSlider *speed = window.controls()->speedSlider();
    speed->setValue(speed->maximum());
    TraceStore &store = *window.store();
    const auto replied = [&] {
        for (qsizetype i = 0; i < store.size(); ++i) {
            if (store.at(i).kind == EventKind::MessageSent)
                return true;
        }
        return false;
    };
    if (!QTest::qWaitFor(replied, 20000))
        return -1;
    whileRunning();
    if (!finished.wait(60000))
        return -1;
    return store.loopEndNs() - store.loopStartNs();
}

} // namespace

void TestLearning::tourWalksEveryStop()
{
    // The function each stop ends on, in order.
    const QStringList expected = {"virEventPollAddHandle",    "qemudListenUnix",        "qemudRunLoop",
                                  "qemudNetworkEnable",       "qemudDispatchServerEvent", "qemudDispatchServer",
                                  "qemudRegisterClientEvent", "virEventPollInterruptLocked",
                                  "qemudDispatchClientWrite"};
    MainWindow window;
    window.show();
    Tour &tour = *window.tour();
    QCOMPARE(tour.stopCount(), expected.size());
    QTimer answering;
    connect(&answering, &QTimer::timeout, &window, [&] {
        if (window.scenarioPanel()->isAsking())
            answerNext(*window.scenarioPanel(), 0);
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
        if (stop == 2) {
            // The event thread's workers have lanes from their start, before any job.
            bool workerLane = false;
            for (int row = 0; row < window.timeline()->lanes()->laneCount(); ++row)
                workerLane |= window.timeline()->lanes()->lane(row).label.startsWith("worker-");
            QVERIFY(workerLane);
        }
        // The timeline frames the stop's own events, not the whole recording.
        const TimelineWidget &timeline = *window.timeline();
        const int64_t at = timeline.lanes()->timeOf(selected);
        QVERIFY(at >= timeline.viewStartNs() && at <= timeline.viewEndNs());
        const int64_t shown = timeline.viewEndNs() - timeline.viewStartNs();
        // The frame is the focus event's causal chain (or a moment around a lone
        // event), with a margin: never the whole recording with the thinking in it.
        int64_t low = at;
        int64_t high = at;
        if (const uint64_t flow = window.store()->at(selected).flow) {
            for (qsizetype i = 0; i < window.store()->size(); ++i) {
                if (window.store()->at(i).flow == flow) {
                    low = std::min(low, timeline.lanes()->timeOf(i));
                    high = std::max(high, timeline.lanes()->timeOf(i));
                }
            }
        }
        QVERIFY2(shown <= std::max<int64_t>((high - low) * 13 / 10, 300'000),
                 qPrintable(QStringLiteral("stop %1 shows %2 us for a chain of %3 us")
                                .arg(stop + 1).arg(shown / 1000).arg((high - low) / 1000)));
        if (stop + 1 < expected.size())
            tour.nextAction()->trigger();
    }
    QVERIFY(!tour.nextAction()->isEnabled());
    // Back replays the stop before.
    tour.backAction()->trigger();
    QVERIFY(finished.wait(60000));
    QCOMPARE(tour.currentStop(), expected.size() - 2);
    QCOMPARE(QString::fromLatin1(window.store()->at(window.cursor()->selected()).function()), expected[expected.size() - 2]);
}

namespace {

QStringList tourFiles()
{
    const QDir tour(QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR")) + "/scenarios/tour");
    QStringList files;
    for (const QString &name : tour.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        files << tour.filePath(name);
    return files;
}

// The first event in the store that matches, from `from` on; -1 if none does.
qsizetype firstMatch(const TraceStore &store, const ConditionMatcher &matcher, qsizetype from = 0)
{
    for (qsizetype i = from; i < store.size(); ++i) {
        if (matcher.matches(store.at(i)))
            return i;
    }
    return -1;
}

} // namespace

void TestLearning::questionComesBeforeItsEvent_data()
{
    QTest::addColumn<int>("stop");
    QTest::addColumn<int>("step");
    const QStringList files = tourFiles();
    int questions = 0;
    for (qsizetype stop = 0; stop < files.size(); ++stop) {
        const Result<Scenario> scenario = parseScenarioFile(files[stop].toStdString());
        QVERIFY2(scenario, qPrintable(files[stop]));
        for (const ScenarioStep *step : scenario->allSteps()) {
            const auto *question = std::get_if<steps::Ask>(&step->action);
            if (!question)
                continue;
            // Every question of the tour says which event it is about.
            QVERIFY2(question->before, qPrintable(QStringLiteral("%1, step %2 has no before:").arg(files[stop]).arg(step->index)));
            QTest::addRow("stop %d step %d %s", int(stop + 1), step->index, question->before->event.c_str())
                << int(stop) << step->index;
            ++questions;
        }
    }
    QVERIFY(questions >= 9);
}

void TestLearning::questionComesBeforeItsEvent()
{
    QFETCH(int, stop);
    QFETCH(int, step);
    const QStringList files = tourFiles();
    QVERIFY(stop < files.size());
    const Result<Scenario> scenario = parseScenarioFile(files[stop].toStdString());
    QVERIFY(scenario);
    const ScenarioStep *asked = scenario->allSteps()[size_t(step)];
    const TraceCondition &about = *std::get<steps::Ask>(asked->action).before;
    // By client name the runner knows a client only once it has seen its accept: the
    // tour names its events by thread and field, which the test matches alike.
    QVERIFY(!about.clientName);
    const ClientDirectory noClients;
    const ConditionMatcher matcher(about, noClients);

    MainWindow window;
    window.show();
    Tour &tour = *window.tour();
    TraceStore &store = *window.store();
    bool shown = false;
    qsizetype matchesWhenShown = -1;
    qsizetype storedWhenShown = -1;
    QTimer answering;
    connect(&answering, &QTimer::timeout, &window, [&] {
        ScenarioPanel &panel = *window.scenarioPanel();
        if (!panel.isAsking())
            return;
        if (panel.askingStep() == step && !shown) {
            // Every view (timeline, Loop state, Event log, Call flow) draws this store.
            shown = true;
            storedWhenShown = store.size();
            matchesWhenShown = 0;
            for (qsizetype i = 0; i < store.size(); ++i)
                matchesWhenShown += matcher.matches(store.at(i)) ? 1 : 0;
        }
        answerNext(panel, 0);
    });
    answering.start(20);
    QSignalSpy finished(&window, &MainWindow::scenarioFinished);
    tour.goTo(stop);
    QVERIFY2(finished.wait(60000), "the stop did not end");
    QVERIFY(finished.takeFirst().first().toBool());
    QVERIFY2(shown, "the question was not asked");
    QCOMPARE(matchesWhenShown, qsizetype(0));

    // Once answered it was recorded: after the question let it go, or, asked before
    // its event came, after the answer.
    const qsizetype subject = firstMatch(store, matcher);
    QVERIFY2(subject >= 0, "the event the question is about never came");
    QVERIFY(subject >= storedWhenShown);
    qsizetype letGo = -1;
    for (qsizetype i = 0; i < store.size() && letGo < 0; ++i) {
        const TraceEvent &event = store.at(i);
        const bool released = event.kind == EventKind::QuestionReleased;
        const bool answered = event.kind == EventKind::ClientAction
            && (event.reason == EventReason::QuestionAnsweredRight || event.reason == EventReason::QuestionAnsweredWrong);
        if ((released || answered) && event.has(TraceField::Step) && event.step == step)
            letGo = i;
    }
    QVERIFY2(letGo >= 0, "the answer is not in the trace");
    QVERIFY2(store.at(subject).seq > store.at(letGo).seq,
             qPrintable(QStringLiteral("%1 (seq %2) came before the answer (seq %3)")
                            .arg(QString::fromLatin1(eventKindInfo(store.at(subject).kind).name))
                            .arg(store.at(subject).seq).arg(store.at(letGo).seq)));

    // A deterministic stop holds the loop at its first iteration while the listeners
    // are enabled, question or not. An answer given during start-up must not end that
    // hold: the runner would then wait in vain for the loop to reach it.
    qsizetype firstPoll = -1;
    qsizetype startHold = -1;
    for (qsizetype i = 0; i < store.size() && firstPoll < 0; ++i) {
        const TraceEvent &event = store.at(i);
        if (event.kind == EventKind::PollBegin)
            firstPoll = i;
        else if (event.kind == EventKind::LoopPaused && event.reason == EventReason::HeldAtIterationStart && startHold < 0)
            startHold = i;
    }
    QVERIFY2(firstPoll >= 0, "the loop never polled");
    QVERIFY2(startHold >= 0, "the loop was not held at its first iteration before it polled");
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

void TestLearning::pausesAndSlowMotionLeaveLoopTimeAlone()
{
    MainWindow window;
    window.show();
    QSlider *speed = window.controls()->speedSlider();
    speed->setValue(speed->maximum());
    // The learner's thinking: a question stays open this long before it is answered.
    constexpr int kThinkingMs = 300;
    QTimer answering;
    answering.setInterval(kThinkingMs);
    connect(&answering, &QTimer::timeout, &window, [&] {
        if (window.scenarioPanel()->isAsking())
            answerNext(*window.scenarioPanel(), 1);
    });
    answering.start();

    // The same run at full speed, three times: how much the daemon's own work varies
    // on this machine, in this build, is measured here rather than assumed.
    int64_t fullMin = std::numeric_limits<int64_t>::max();
    int64_t fullMax = 0;
    for (int run = 0; run < 3; ++run) {
        const int64_t length = loopTimeLength(window, [] {});
        QVERIFY(length > 0);
        fullMin = std::min(fullMin, length);
        fullMax = std::max(fullMax, length);
    }

    const auto pauseAndSlowDown = [&] {
        // A pause while the loop sleeps in poll(), held for a while, then slow motion.
        window.controls()->pauseAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->stepControl().heldAt().has_value(), 10000);
        QTest::qWait(500);
        speed->setValue(speed->maximum() - 3);
        QCOMPARE(LoopControls::delayForSpeed(speed->value()), std::chrono::milliseconds(20));
        window.controls()->playAction()->trigger();
    };
    const int64_t held = loopTimeLength(window, pauseAndSlowDown);
    const TraceStore &store = *window.store();
    QVERIFY(held > 0);
    QVERIFY(!store.holds().empty());
    const int64_t wall = store.endNs() - store.startNs();
    qInfo("loop time %.3f ms with a pause, slow motion and a question; %.3f to %.3f ms at full speed; wall %.3f ms",
          held / 1e6, fullMin / 1e6, fullMax / 1e6, wall / 1e6);
    // Within 10% of the full-speed runs; the client's 600 ms sleep is in loop time (the
    // daemon waited in poll()), the pause and the thinking are not.
    QVERIFY2(held >= fullMin * 9 / 10 && held <= fullMax * 11 / 10, "loop time strays from the full-speed runs");
    QVERIFY(held >= 600'000'000);
    QVERIFY(wall - held >= 450'000'000);

    // pollscope's wakeup is its own, on its own lane, and in no causal chain.
    static const QRegularExpression unnamed(QStringLiteral("^thread-\\d+$"));
    qsizetype controlWakeups = 0;
    const TraceSession recorded = store.toSession();
    for (const TraceEvent &event : recorded.events) {
        QVERIFY2(!unnamed.match(store.threadName(event.thread)).hasMatch(),
                 qPrintable(store.threadName(event.thread)));
        if (event.kind == EventKind::ControlWakeup) {
            ++controlWakeups;
            QCOMPARE(store.threadName(event.thread), QStringLiteral("pollscope control"));
            QCOMPARE_EQ(event.flow, uint64_t(0));
        }
    }
    QCOMPARE_EQ(controlWakeups, 1);
    speed->setValue(speed->maximum());
}

QTEST_MAIN(TestLearning)
#include "tst_learning.moc"
