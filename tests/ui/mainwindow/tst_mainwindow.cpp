// The desktop app as a learner uses it, offscreen: a tour scenario played through
// the main window fills the timeline with the accept, the wakeup and the client's
// callback; Pause holds the real loop at a phase boundary and Step advances exactly
// one; a wrong answer is marked and another tried, the right one explained until the
// learner continues; a saved trace reopens the same; a real libvirtd's log opens as a
// trace; the live daemon serves a real client and its menu says "Stop the Daemon", no "engine" anywhere; the real libvirtd's steps reach the live
// timeline while virsh runs, and nothing of it is left after the session ends or the
// window closes. Screenshots of the window are saved as test artifacts.
// A reopened trace shows the scenario it was recorded from; letters typed into the
// event log's filter are text, not shortcuts; the window fits 1280x720 and 1600x1000 screens with
// the tour's buttons, the legend and the call flow in sight and the timeline wide, and
// a large trace does not widen it;
// narrated scenarios start in slow motion, plain ones at full speed.
#include "docks/eventlogwidget.h"
#include "mainwindow/loopcontrols.h"
#include "mainwindow/mainwindow.h"
#include "models/loopstatemodel.h"
#include "scenario/scenariopanel.h"
#include "scenario/scenariostepsmodel.h"
#include "session/enginesession.h"
#include "session/reallibvirtdsession.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"
#include "timeline/timelinelanes.h"
#include "timeline/timelinewidget.h"

#include "trace/tracewriter.h"

#include "client/remoteclient.h"
#include "eventpoll/stepcontrol.h"
#include "rpc/keepalive.h"
#include "rpc/remoteprocedures.h"

#include "learneranswer.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <signal.h>

#include <thread>

using namespace pollscope;
using namespace pollscope::ui;
using pollscope::test::answerNext;

namespace {

QString scenario(const QString &name)
{
    return QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR")) + "/scenarios/" + name;
}

void saveArtifact(QWidget &widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("POLLSCOPE_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(folder);
    widget.grab().save(folder + "/" + name);
}

qsizetype firstEvent(const TraceStore &store, EventKind kind, const std::function<bool(const TraceEvent &)> &also = {})
{
    for (qsizetype i = 0; i < store.size(); ++i) {
        if (store.at(i).kind == kind && (!also || also(store.at(i))))
            return i;
    }
    return -1;
}

// Plays a scenario to its end, answering any question with `answer` first.
bool playToEnd(MainWindow &window, const QString &file, int answer = 0)
{
    QSignalSpy finished(&window, &MainWindow::scenarioFinished);
    QObject::connect(&window, &MainWindow::scenarioFinished, &window, [] {}, Qt::QueuedConnection);
    if (!window.openFile(file, true))
        return false;
    QTimer answering;
    QObject::connect(&answering, &QTimer::timeout, &window, [&] {
        if (window.scenarioPanel()->isAsking())
            answerNext(*window.scenarioPanel(), answer);
    });
    answering.start(20);
    if (!finished.wait(60000))
        return false;
    return finished.first().first().toBool();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void tourScenarioFillsTheTimeline();
    void pauseHoldsAtABoundaryAndStepAdvancesOne();
    void questionsAreAnsweredWronglyAndRightly();
    void savedTraceReopensTheSame();
    void badFilesSayWhy_data();
    void badFilesSayWhy();
    void libvirtdLogOpensAsATrace();
    void liveDaemonServesARealClient();
    void liveSessionKeepsTheNewestEvents();
    void realLibvirtdFillsTheLiveTimeline_data();
    void realLibvirtdFillsTheLiveTimeline();
    void scenarioStepsModelIsSound();
    void filterBoxTakesLetters();
    void fitsTheScreen_data();
    void fitsTheScreen();
    void largeTraceFitsASmallScreen();
    void narratedScenariosStartSlow();
};

void TestMainWindow::tourScenarioFillsTheTimeline()
{
    MainWindow window;
    window.show();
    QVERIFY(playToEnd(window, scenario("tour/08-client-dispatch.yaml")));
    TraceStore &store = *window.store();
    QVERIFY(store.size() > 100);
    window.timeline()->fitAll();

    const qsizetype accept = firstEvent(store, EventKind::Accept);
    const qsizetype wakeup = firstEvent(store, EventKind::HandleWakeup);
    const qsizetype callback = firstEvent(store, EventKind::DispatchHandleBegin, [](const TraceEvent &e) {
        return e.text && std::string(e.text) == "qemudDispatchClientEvent";
    });
    QVERIFY(accept >= 0 && wakeup >= 0 && callback >= 0);
    // The whole run, with the wakeup selected: the picture in the README.
    window.cursor()->select(wakeup);
    window.timeline()->fitAll();
    saveArtifact(window, "mainwindow-tour.png");
    // Each is drawn as an item of its own once the view is close enough not to fold it.
    for (qsizetype event : {accept, wakeup, callback}) {
        const qint64 time = store.at(event).timeNs;
        window.timeline()->setVisibleRange(time - 2000, time + 2000);
        window.timeline()->revealEvent(event);
        QVERIFY2(window.timeline()->itemForEvent(event), qPrintable(QString::number(event)));
    }
    // A lane for the loop, the worker, the wakeup pipe and the client.
    TimelineLanes *lanes = window.timeline()->lanes();
    QVERIFY(lanes->laneCount() >= 7);
    saveArtifact(window, "mainwindow-tour-zoomed.png");
}

void TestMainWindow::pauseHoldsAtABoundaryAndStepAdvancesOne()
{
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(scenario("throttling.yaml"), false));
    LoopControls &controls = *window.controls();
    // The first step starts the run, held at the loop's first boundary.
    controls.stepPhaseAction()->trigger();
    QVERIFY(window.session()->isRunning());
    StepControl &loop = window.session()->stepControl();
    QTRY_VERIFY_WITH_TIMEOUT(loop.heldAt().has_value(), 10000);
    QCOMPARE(*loop.heldAt(), LoopBoundary::IterationStart);

    const uint64_t holds = loop.holds();
    controls.stepPhaseAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(loop.holds(), holds + 1, 10000);
    QCOMPARE(*loop.heldAt(), LoopBoundary::BeforePoll);

    // Play, then Pause as soon as the loop has left its boundary: it stops at the
    // next one, wherever that is. The scenario's calls still have 2 x 100 ms of
    // hypervisor time ahead; a check every 50 ms (QTRY) under a sanitizer could miss
    // the whole run, so the test looks without pausing.
    controls.playAction()->trigger();
    const QDeadlineTimer released(10000);
    while (loop.heldAt() && !released.hasExpired())
        std::this_thread::yield();
    QVERIFY(!loop.heldAt());
    controls.pauseAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(loop.heldAt().has_value(), 10000);
    const qsizetype eventsWhileHeld = window.store()->size();
    // The status words the hold as its loop_paused event does, the watch or timer
    // it waits on filled in, once that event has reached the store.
    const EventReason heldReason = loopBoundaryReason(*loop.heldAt());
    const auto lastHold = [&]() -> QString {
        for (qsizetype i = window.store()->size() - 1; i >= 0; --i) {
            const TraceEvent &event = window.store()->at(i);
            if (event.kind == EventKind::LoopPaused)
                return event.reason == heldReason ? QString::fromStdString(englishReason(event)) : QString();
        }
        return {};
    };
    QTRY_VERIFY_WITH_TIMEOUT(!lastHold().isEmpty(), 10000);
    QCOMPARE(controls.statusText(), "Held " + lastHold());
    QVERIFY(!controls.statusText().contains(u'{') && !controls.statusText().contains(u'?'));
    saveArtifact(window, "mainwindow-paused.png");

    controls.playAction()->trigger();
    QSignalSpy finished(&window, &MainWindow::scenarioFinished);
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.first().first().toBool());
    QVERIFY(window.store()->size() > eventsWhileHeld);
}

void TestMainWindow::questionsAreAnsweredWronglyAndRightly()
{
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(scenario("tour/08-client-dispatch.yaml"), true));
    ScenarioPanel &panel = *window.scenarioPanel();
    // The first question's right answer is choice 2 (index 1): answer 0, wrongly.
    QTRY_VERIFY_WITH_TIMEOUT(panel.isAsking(), 20000);
    panel.choiceButtons().at(0)->click();
    QVERIFY2(panel.verdict().startsWith("Not quite"), qPrintable(panel.verdict()));
    // The learner's choice is marked and closed; the others stay open for another try.
    QVERIFY(!panel.choiceButtons().at(0)->isEnabled());
    QVERIFY(panel.choiceButtons().at(1)->isEnabled());
    QVERIFY(panel.isAsking());
    QVERIFY(panel.continueButton()->isHidden());
    panel.choiceButtons().at(1)->click();
    QVERIFY2(panel.verdict().startsWith("Right."), qPrintable(panel.verdict()));
    QVERIFY(panel.verdict().contains("qemudUpdateClientEvent"));
    // The explanation stays while the learner reads it: nothing moves on by itself.
    const QString explained = panel.verdict();
    QTest::qWait(500);
    QCOMPARE(panel.verdict(), explained);
    QVERIFY(panel.isAsking());
    panel.continueButton()->click();
    // The second is answered rightly at once.
    QTRY_VERIFY_WITH_TIMEOUT(panel.isAsking(), 20000);
    panel.choiceButtons().at(1)->click();
    QVERIFY2(panel.verdict().startsWith("Right."), qPrintable(panel.verdict()));
    QSignalSpy finished(&window, &MainWindow::scenarioFinished);
    panel.continueButton()->click();
    QVERIFY(finished.wait(60000));
}

void TestMainWindow::savedTraceReopensTheSame()
{
    QTemporaryDir dir;
    const QString saved = dir.filePath("tour.jsonl");
    qsizetype events = 0;
    int lanes = 0;
    {
        MainWindow window;
        window.show();
        QVERIFY(playToEnd(window, scenario("tour/06-accept.yaml")));
        QVERIFY(window.exportTrace(saved));
        events = window.store()->size();
        lanes = window.timeline()->lanes()->laneCount();
    }
    MainWindow reopened;
    reopened.show();
    QVERIFY(reopened.openFile(saved));
    QCOMPARE(reopened.store()->size(), events);
    QCOMPARE(reopened.timeline()->lanes()->laneCount(), lanes);
    QVERIFY2(reopened.scenarioPanel()->title().startsWith("6."), qPrintable(reopened.scenarioPanel()->title()));
    saveArtifact(reopened, "mainwindow-reopened-trace.png");
}

void TestMainWindow::badFilesSayWhy_data()
{
    QTest::addColumn<QString>("contents");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("message");
    QTest::addRow("bad scenario") << "version: 1\ntitle: x\nclients: 5\n" << ".yaml" << ":3:10: ";
    QTest::addRow("bad trace") << "{\"format\":\"pollscope-trace\",\"version\":1}\nnot json\n" << ".jsonl"
                               << ":2: not valid JSON";
}

void TestMainWindow::badFilesSayWhy()
{
    QFETCH(QString, contents);
    QFETCH(QString, suffix);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath("bad" + suffix);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(contents.toUtf8());
    file.close();
    MainWindow window;
    QVERIFY(!window.openFile(path));
    QVERIFY2(window.lastError().startsWith(path) && window.lastError().contains(message), qPrintable(window.lastError()));
}

void TestMainWindow::libvirtdLogOpensAsATrace()
{
    const QString log =
        QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR")) + "/tests/engine/data/libvirtd9-one-client.log";
    MainWindow window;
    window.show();
    QVERIFY2(window.openFile(log), qPrintable(window.lastError()));
    QCOMPARE(window.store()->origin(), std::string(kLibvirtdLogOrigin));
    QVERIFY(firstEvent(*window.store(), EventKind::Accept) >= 0);
    QVERIFY(firstEvent(*window.store(), EventKind::MessageSent) >= 0);
    QVERIFY(window.timeline()->lanes()->laneCount() > 2);
    bool eventLoopLane = false;
    for (uint16_t thread = 0; thread < 32; ++thread)
        eventLoopLane = eventLoopLane || window.store()->threadName(thread) == QLatin1String("event-loop 18632");
    QVERIFY(eventLoopLane);
    saveArtifact(window, "mainwindow-libvirtd-log.png");
}

void TestMainWindow::realLibvirtdFillsTheLiveTimeline_data()
{
    QTest::addColumn<bool>("quitApp");
    QTest::addRow("session stopped") << false;
    QTest::addRow("window closed") << true;
}

void TestMainWindow::realLibvirtdFillsTheLiveTimeline()
{
    QFETCH(bool, quitApp);
    const QString virsh = QStandardPaths::findExecutable(QStringLiteral("virsh"));
    QVERIFY2(!virsh.isEmpty(), "virsh is not installed: the project's set-up installs libvirt-clients");
    auto window = std::make_unique<MainWindow>();
    window->show();
    QVERIFY2(window->startRealLibvirtd(), qPrintable(window->lastError()));
    auto *session = qobject_cast<RealLibvirtdSession *>(window->session());
    QVERIFY(session);
    const QString folder = session->folder();
    const pid_t pid = session->pid();
    QVERIFY(QFileInfo::exists(folder));

    // virsh's own shell, fed on stdin, stays connected until told to quit: the calls
    // reach the timeline while it runs.
    QProcess run;
    run.start(virsh, {"-c", session->uri()});
    QVERIFY(run.waitForStarted());
    run.write("version\n");
    QTRY_VERIFY_WITH_TIMEOUT(firstEvent(*window->store(), EventKind::MessageSent) >= 0, 15000);
    QCOMPARE(run.state(), QProcess::Running);
    run.write("quit\n");
    run.closeWriteChannel();
    QVERIFY(run.state() == QProcess::NotRunning || run.waitForFinished(30000));
    QCOMPARE(run.exitCode(), 0);
    QVERIFY(firstEvent(*window->store(), EventKind::Accept) >= 0);
    QCOMPARE(window->store()->origin(), std::string(kLibvirtdLogOrigin));
    saveArtifact(*window, "mainwindow-real-libvirtd.png");

    if (quitApp)
        window->close();
    else
        window->stopSession();
    QVERIFY(!QFileInfo::exists(folder));
    QCOMPARE(::kill(pid, 0), -1);
    QVERIFY(firstEvent(*window->store(), EventKind::FreeClient) >= 0);
    window.reset();
}

void TestMainWindow::liveDaemonServesARealClient()
{
    QTemporaryDir dir;
    const QString socket = dir.filePath("live/libvirt-sock");
    MainWindow window;
    window.show();
    QVERIFY2(window.startLiveDaemon(socket), qPrintable(window.lastError()));
    RemoteClient client;
    QVERIFY(client.connectUnix(socket.toStdString()));
    const auto reply = client.call(REMOTE_PROC_AUTH_LIST);
    QVERIFY(reply && reply->ok() && !reply->error);
    QTRY_VERIFY_WITH_TIMEOUT(firstEvent(*window.store(), EventKind::MessageSent) >= 0, 10000);
    // Every thread that recorded is named for what it is, the GUI's too ("main").
    static const QRegularExpression unnamed(QStringLiteral("^thread-\\d+$"));
    const TraceSession recorded = window.store()->toSession();
    for (const TraceEvent &event : recorded.events)
        QVERIFY2(!unnamed.match(window.store()->threadName(event.thread)).hasMatch(),
                 qPrintable(window.store()->threadName(event.thread)));
    saveArtifact(window, "mainwindow-live-daemon.png");
    // Menus and buttons name what the learner sees, the daemon, never pollscope's
    // machinery ("Stop the Engine" was one).
    static const QRegularExpression jargon(QStringLiteral("\\bengine\\b"), QRegularExpression::CaseInsensitiveOption);
    QAction *stop = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        const QString text = action->text().remove(QLatin1Char('&'));
        // A recent file's tooltip is its path, which may well hold "engine".
        const QString toolTip = action->toolTip().startsWith(QLatin1Char('/')) ? QString() : action->toolTip();
        QVERIFY2(!jargon.match(text).hasMatch() && !jargon.match(toolTip).hasMatch(), qPrintable(text));
        if (text == QLatin1StringView("Stop the Daemon"))
            stop = action;
    }
    QVERIFY(stop && stop->isEnabled());
    window.stopSession();
    QVERIFY(!stop->isEnabled());
    QVERIFY(!QFile::exists(socket));
}

void TestMainWindow::liveSessionKeepsTheNewestEvents()
{
    QTemporaryDir dir;
    const QString socket = dir.filePath("live/libvirt-sock");
    MainWindow window;
    window.show();
    constexpr qsizetype kLimit = 4 * CompactEvents::kChunkEvents;
    window.setKeptEventLimit(kLimit);
    QVERIFY2(window.startLiveDaemon(socket), qPrintable(window.lastError()));
    TraceStore &store = *window.store();
    QTRY_VERIFY_WITH_TIMEOUT(firstEvent(store, EventKind::AddHandle) >= 0, 10000);

    // A client pings until the store has let go of twice what it keeps.
    RemoteClient client;
    QVERIFY(client.connectUnix(socket.toStdString()));
    const std::vector<uint8_t> ping = encodeKeepalivePing();
    QDeadlineTimer deadline(60000);
    while (store.eventsLetGo() < 2 * kLimit && !deadline.hasExpired()) {
        for (int i = 0; i < 50; ++i) {
            QVERIFY(client.send(ping));
            QCOMPARE(client.readFrame(std::chrono::seconds(10)).status, RemoteClient::ReadStatus::Frame);
        }
        QCoreApplication::processEvents();
        QVERIFY(store.size() <= kLimit);
    }
    QVERIFY2(store.eventsLetGo() >= 2 * kLimit, qPrintable(QString::number(store.eventsLetGo())));

    // What is kept is the newest, in order, and the status bar says what went.
    QVERIFY(store.seqAt(0) > uint64_t(store.eventsLetGo()));
    for (qsizetype i = 1; i < store.size(); ++i)
        QVERIFY(store.seqAt(i) > store.seqAt(i - 1));
    bool said = false;
    for (const QLabel *label : window.statusBar()->findChildren<QLabel *>())
        said = said || label->text().contains(QStringLiteral("older ones let go"));
    QVERIFY(said);

    // The loop state still holds what was added before the events kept: the
    // listeners, and the pinging client, whose watches were all let go.
    window.loopState()->setFollowsNewest(true);
    int listeners = 0;
    int clients = 0;
    for (const LoopReplay::Handle &handle : window.loopState()->state().handles) {
        listeners += !handle.deleted && QByteArray(handle.callback) == "qemudDispatchServerEvent";
        clients += !handle.deleted && QByteArray(handle.callback) == "qemudDispatchClientEvent";
    }
    QVERIFY2(listeners >= 1, qPrintable(QString::number(listeners)));
    QCOMPARE(clients, 1);
    window.stopSession();
}

void TestMainWindow::scenarioStepsModelIsSound()
{
    MainWindow window;
    QAbstractItemModelTester tester(window.scenarioSteps());
    QVERIFY(window.openFile(scenario("tour/08-client-dispatch.yaml")));
    window.scenarioSteps()->setCurrentStep(3);
    QVERIFY(window.openFile(scenario("burst.yaml")));
    QVERIFY(window.scenarioSteps()->rowCount() >= 5);
    QCOMPARE(window.scenarioSteps()->data(window.scenarioSteps()->index(0)).toString(), "crowd  connect");
}

void TestMainWindow::filterBoxTakesLetters()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *log = window.findChild<EventLogWidget *>();
    QVERIFY(log);
    log->textEdit()->setFocus();
    QSignalSpy moved(window.timeline(), &TimelineWidget::visibleRangeChanged);
    // F fits, L follows and Z zooms elsewhere; here they are letters.
    QTest::keyClicks(log->textEdit(), QStringLiteral("fLz"));
    QCOMPARE(log->textEdit()->text(), QStringLiteral("fLz"));
    QCOMPARE(moved.count(), 0);
}

void TestMainWindow::fitsTheScreen_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x720") << QSize(1280, 720);
    QTest::newRow("1600x1000") << QSize(1600, 1000);
}

// The screenshots of the README: a tour stop played to its end, at a small laptop's
// size and at a large screen's.
void TestMainWindow::fitsTheScreen()
{
    QFETCH(QSize, size);
    // The layout a new user gets, not one an earlier window saved.
    QSettings().clear();
    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(playToEnd(window, scenario("tour/06-accept.yaml")));
    QApplication::processEvents();
    // The tour can be walked from the Scenario dock, whatever the toolbars show.
    const auto buttons = window.scenarioPanel()->findChildren<QToolButton *>();
    QCOMPARE(buttons.size(), 2);
    for (QToolButton *button : buttons)
        QVERIFY(button->isVisibleTo(&window));
    // The legend and the call flow side by side, not in one tab.
    auto *callFlow = window.findChild<QDockWidget *>(QStringLiteral("callFlowDock"));
    auto *legend = window.findChild<QDockWidget *>(QStringLiteral("legendDock"));
    QVERIFY(callFlow && legend);
    QVERIFY(window.tabifiedDockWidgets(callFlow).isEmpty());
    QVERIFY(callFlow->isVisible() && legend->isVisible());
    // Questions and long texts do not widen the docks: the timeline keeps its room.
    auto *scenarioDock = window.findChild<QDockWidget *>(QStringLiteral("scenarioDock"));
    QVERIFY(scenarioDock->width() <= size.width() / 4);
    QVERIFY2(window.timeline()->width() >= size.width() * 2 / 5, qPrintable(QString::number(window.timeline()->width())));
    QCOMPARE(window.size(), size);
    saveArtifact(window, QStringLiteral("mainwindow-%1x%2.png").arg(size.width()).arg(size.height()));
}

// Counts that grow with the trace (events shown, events kept) do not widen the window
// past the room the app takes on a 1280x720 screen, and a message in the status bar
// is not drawn over the loop's label.
void TestMainWindow::largeTraceFitsASmallScreen()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("large.pstrace").toStdString();
    const std::vector<std::string> threads = {"main"};
    auto writer = TraceWriter::create(TraceFormat::Binary);
    QVERIFY(writer->open(path, "large-trace-test"));
    constexpr int kEvents = 100000;
    std::vector<TraceEvent> batch;
    for (int i = 0; i < kEvents; ++i) {
        TraceEvent event{};
        event.seq = uint64_t(i + 1);
        event.timeNs = int64_t(i) * 1000;
        event.kind = EventKind::ClientAction;
        event.setResult(i);
        batch.push_back(event);
        if (batch.size() == 10000) {
            QVERIFY(writer->write(batch, threads));
            batch.clear();
        }
    }
    QVERIFY(writer->finish(threads));

    QSettings().clear();
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY2(window.openFile(QString::fromStdString(path)), qPrintable(window.lastError()));
    QCOMPARE(window.store()->size(), qsizetype(kEvents));
    QApplication::processEvents();
    // fitToScreen takes 19/20 of a 1280x720 screen.
    QVERIFY2(window.minimumSizeHint().width() <= 1280 * 19 / 20, qPrintable(QString::number(window.minimumSizeHint().width())));
    QVERIFY(!window.statusBar()->currentMessage().isEmpty());
    for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
        QVERIFY2(!label->isVisible() || label->text().contains(QLatin1String("event")), qPrintable(label->text()));
}

void TestMainWindow::narratedScenariosStartSlow()
{
    MainWindow window;
    QSlider *speed = window.controls()->speedSlider();
    QVERIFY(window.openFile(scenario("tour/06-accept.yaml"), false));
    QVERIFY(LoopControls::delayForSpeed(speed->value()) >= std::chrono::milliseconds(50));
    QVERIFY(window.openFile(scenario("burst.yaml"), false));
    QCOMPARE(speed->value(), speed->maximum());
    // Played, a narrated one really runs in slow motion, and still does what it shows.
    QVERIFY(playToEnd(window, scenario("throttling.yaml")));
    QVERIFY(firstEvent(*window.store(), EventKind::SlowMotionBegin) >= 0);
    QVERIFY(firstEvent(*window.store(), EventKind::ClientThrottled) >= 0);
    window.stopSession();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
