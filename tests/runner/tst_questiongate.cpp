// Predict, then reveal, in the runner: a question that names its event (`before:`)
// is answered before that event is recorded. Asked at the start-up, the thread that
// was about to record it (here the daemon's main thread) asks and waits, and the
// event follows the answer; asked by its client first, the event comes later by
// itself. A run aborted while a thread waits for an answer still ends.
#include "runner/clientdirectory.h"
#include "runner/conditionmatcher.h"
#include "eventpoll/stepcontrol.h"
#include "runner/scenariorunner.h"
#include "scenario/scenarioparser.h"
#include "trace/threadnames.h"

#include <QTest>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace pollscope;

namespace {

// A question about the daemon's start-up: no client runs before it is over.
const char *const kStartUp = R"(version: 1
title: Start-up
deterministic: true
clients:
  - name: narrator
    steps:
      - ask: {question: "Which watch?", choices: ["1", "2"], answer: 1, before: {event: add_handle, fields: {watch: 2}}}
)";

// A question its client reaches before the daemon does anything about it.
const char *const kClientFirst = R"(version: 1
title: Client first
clients:
  - name: alice
    steps:
      - ask: {question: "Which mode?", choices: ["R", "W"], answer: 0, before: {event: calculate_handle_mode, thread: loop}}
      - connect
      - hang_up
)";

// Where the trace says the question let its event go: its release, or the answer.
size_t letGo(const std::vector<TraceEvent> &events, int step)
{
    for (size_t i = 0; i < events.size(); ++i) {
        const TraceEvent &event = events[i];
        const bool released = event.kind == EventKind::QuestionReleased;
        const bool answered = event.kind == EventKind::ClientAction
            && (event.reason == EventReason::QuestionAnsweredRight || event.reason == EventReason::QuestionAnsweredWrong);
        if ((released || answered) && event.has(TraceField::Step) && event.step == step)
            return i;
    }
    return events.size();
}

} // namespace

class TestQuestionGate : public QObject
{
    Q_OBJECT

private slots:
    void eventFollowsTheAnswer_data();
    void eventFollowsTheAnswer();
    void abortLetsAWaitingThreadGo();
};

void TestQuestionGate::eventFollowsTheAnswer_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("askingThread");
    QTest::addColumn<bool>("held");
    QTest::newRow("start-up, asked by the main thread") << QByteArray(kStartUp) << "main" << true;
    QTest::newRow("asked by its client first") << QByteArray(kClientFirst) << "client-alice" << false;
}

void TestQuestionGate::eventFollowsTheAnswer()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, askingThread);
    QFETCH(bool, held);
    const Result<Scenario> scenario = parseScenarioText(text.toStdString(), "question.yaml");
    QVERIFY(scenario);
    const ScenarioStep &ask = scenario->clients[0].steps[0];

    std::atomic<int> asked{0};
    std::string askedOn;
    ScenarioRunOptions options;
    options.onAsk = [&](const ScenarioStep &step) {
        if (++asked == 1)
            askedOn = ThreadNames::snapshot()[ThreadNames::currentId()];
        return std::get<steps::Ask>(step.action).answer;
    };
    ScenarioRunner runner(*scenario, options);
    const ScenarioRunResult result = runner.run();
    QVERIFY2(result.passed(), result.failures.empty() ? result.setupError.c_str() : result.failures[0].message.c_str());
    QCOMPARE(asked.load(), 1);
    QCOMPARE(QString::fromStdString(askedOn), askingThread);

    const std::vector<TraceEvent> &events = result.session.events;
    const ClientDirectory noClients;
    const ConditionMatcher matcher(*std::get<steps::Ask>(ask.action).before, noClients);
    size_t subject = 0;
    while (subject < events.size() && !matcher.matches(events[subject]))
        ++subject;
    QVERIFY2(subject < events.size(), "the event never came");
    const size_t answer = letGo(events, ask.index);
    QVERIFY2(answer < subject, qPrintable(QStringLiteral("event at %1, answer at %2").arg(subject).arg(answer)));
    bool wasHeld = false;
    for (const TraceEvent &event : events)
        wasHeld |= event.kind == EventKind::QuestionHeld;
    QCOMPARE(wasHeld, held);
}

void TestQuestionGate::abortLetsAWaitingThreadGo()
{
    // alice asks and the learner does not answer; the loop reaches bob's message and
    // waits for that answer. Aborting the run lets the loop go at once.
    const char *const text = R"(version: 1
title: Abandoned
clients:
  - name: alice
    steps:
      - ask: {question: "Who reads?", choices: ["loop", "worker"], answer: 0, before: {event: message_received, thread: loop}}
  - name: bob
    steps:
      - connect
      - call: open
)";
    const Result<Scenario> scenario = parseScenarioText(text, "abandoned.yaml");
    QVERIFY(scenario);
    std::mutex lock;
    std::condition_variable changed;
    bool asking = false;
    bool stopping = false;
    ScenarioRunOptions options;
    options.interactive = true;
    options.onAsk = [&](const ScenarioStep &) {
        std::unique_lock guard(lock);
        asking = true;
        changed.notify_all();
        changed.wait(guard, [&] { return stopping; });
        return -1;
    };
    ScenarioRunner runner(*scenario, options);
    std::thread run([&] { runner.run(); });
    {
        std::unique_lock guard(lock);
        QVERIFY(changed.wait_for(guard, std::chrono::seconds(20), [&] { return asking; }));
    }
    StepControl &loop = runner.stepControl();
    QTRY_VERIFY_WITH_TIMEOUT(loop.wakesHeldBack(), 20000);
    runner.abort();
    // The loop no longer waits, though the question is still open.
    QTRY_VERIFY_WITH_TIMEOUT(!loop.wakesHeldBack(), 20000);
    {
        std::lock_guard guard(lock);
        stopping = true;
    }
    changed.notify_all();
    run.join();
}

QTEST_GUILESS_MAIN(TestQuestionGate)
#include "tst_questiongate.moc"
