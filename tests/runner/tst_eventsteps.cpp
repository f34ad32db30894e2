// The scenario steps of domain events, run against the daemon on real sockets:
// - a listener that deregisters gets no further event message, while one that stays
//   registered does (in its socket, and in the trace);
// - wait_event fails, at its line, when the event does not come or another comes first;
// - a deregistration with nothing registered fails, and an unknown callback id gets
//   the daemon's error;
// and every trace holds `pollscope check`, events-follow-their-cause included.
#include "runner/scenariorunner.h"
#include "scenario/scenarioparser.h"
#include "trace/tracechecker.h"

#include <QTest>

using namespace pollscope;

namespace {

const char *const kHead = "version: 1\n"
                          "title: Events\n"
                          "daemon: {workers: 1:1, keepalive: off}\n"
                          "clients:\n";

// The admin changes web once every listener named in `listeners` has registered.
std::string adminChanging(const std::vector<std::string> &listeners, const std::string &changes)
{
    std::string text = "  - name: admin\n"
                       "    steps:\n"
                       "      - connect\n"
                       "      - call: open\n";
    for (const std::string &listener : listeners)
        text += "      - wait_for: {event: event_callback_registered, client: " + listener + "}\n";
    return text + changes;
}

ScenarioRunResult runScenario(const std::string &text)
{
    auto parsed = parseScenarioText(text, "events.yaml");
    if (const Error *error = parsed.failure())
        qFatal("%s", error->describe().c_str());
    ScenarioRunner runner(parsed.value());
    return runner.run();
}

// The daemon's number for a scripted client, from the steps it recorded.
int daemonClientOf(const TraceSession &session, const std::string &script)
{
    for (const TraceEvent &event : session.events) {
        if (event.kind == EventKind::ClientAction && event.client > 0 && event.thread < session.threadNames.size()
            && session.threadNames[event.thread] == "client-" + script)
            return event.client;
    }
    return 0;
}

int countFor(const TraceSession &session, EventKind kind, int client)
{
    int count = 0;
    for (const TraceEvent &event : session.events)
        count += event.kind == kind && event.client == client;
    return count;
}

void verifyChecked(const ScenarioRunResult &result)
{
    const auto violations = checkTrace(result.session);
    for (const TraceViolation &violation : violations)
        qWarning("%s: %s (%s)", violation.rule.c_str(), violation.message.c_str(),
                 describeEvent(result.session, result.session.events[violation.eventIndex]).c_str());
    QVERIFY(violations.empty());
}

} // namespace

class TestEventSteps : public QObject
{
    Q_OBJECT

private slots:
    void deregisteredListenerGetsNoFurtherEvent();
    void stepFailures_data();
    void stepFailures();
};

void TestEventSteps::deregisteredListenerGetsNoFurtherEvent()
{
    const std::string text = std::string(kHead)
        + "  - name: stays\n"
          "    steps:\n"
          "      - connect\n"
          "      - call: open\n"
          "      - call: domain_event_register_any\n"
          "      - wait_event: {domain: web, event: suspended, detail: paused}\n"
          "      - wait_event: {domain: web, event: resumed, detail: unpaused}\n"
          "  - name: quits\n"
          "    steps:\n"
          "      - connect\n"
          "      - call: open\n"
          "      - call: domain_event_register_any\n"
          "      - wait_event: {domain: web, event: suspended}\n"
          "      - call: domain_event_deregister_any\n"
          // Once `stays` has the resume event, the loop has relayed it to every client
          // with a callback: a message queued for `quits` would come before this reply,
          // and fail the step.
          "      - wait_for: {event: client_action, client: stays, reason: client_receives_event, text: resumed}\n"
          "      - call: {procedure: get_version, expect: {ok: true}}\n"
        + adminChanging({"stays", "quits"},
                        "      - call: {procedure: domain_suspend, domain: web, expect: {ok: true}}\n"
                        "      - wait_for: {event: event_callback_deregistered, client: quits}\n"
                        "      - call: {procedure: domain_resume, domain: web, expect: {ok: true}}\n");
    const ScenarioRunResult result = runScenario(text);
    for (const ScenarioFailure &failure : result.failures)
        qWarning("%s: %s", failure.where.describe().c_str(), failure.message.c_str());
    QVERIFY2(result.setupError.empty(), result.setupError.c_str());
    QVERIFY(result.passed());

    const int stays = daemonClientOf(result.session, "stays");
    const int quits = daemonClientOf(result.session, "quits");
    const int admin = daemonClientOf(result.session, "admin");
    QVERIFY(stays > 0 && quits > 0 && admin > 0);
    QCOMPARE(countFor(result.session, EventKind::EventMessageQueued, stays), 2);
    QCOMPARE(countFor(result.session, EventKind::EventMessageSent, stays), 2);
    QCOMPARE(countFor(result.session, EventKind::EventMessageQueued, quits), 1);
    QCOMPARE(countFor(result.session, EventKind::EventMessageSent, quits), 1);
    QCOMPARE(countFor(result.session, EventKind::EventMessageQueued, admin), 0);
    QCOMPARE(countFor(result.session, EventKind::EventCallbackDeregistered, quits), 1);
    verifyChecked(result);
}

void TestEventSteps::stepFailures_data()
{
    QTest::addColumn<QString>("clients");
    QTest::addColumn<int>("line");       // of the failing step, in the whole file
    QTest::addColumn<QString>("message"); // part of the failure; empty: the run passes

    const std::string listener = "  - name: listener\n"
                                 "    steps:\n"
                                 "      - connect\n"
                                 "      - call: open\n";
    const std::string suspendWeb = "      - call: {procedure: domain_suspend, domain: web, expect: {ok: true}}\n";
    // Registered for db only: web's change is none of its business.
    QTest::newRow("event that does not come")
        << QString::fromStdString(listener + "      - call: {procedure: domain_event_register_any, domain: db}\n"
                                  "      - wait_event: {domain: web, timeout: 1s}\n"
                                  + adminChanging({"listener"}, suspendWeb))
        << 10 << "client listener waited 1000 ms for the event message web: any event; none came";
    QTest::newRow("another event first")
        << QString::fromStdString(listener + "      - call: domain_event_register_any\n"
                                  "      - wait_event: {domain: web, event: resumed}\n"
                                  + adminChanging({"listener"}, suspendWeb))
        << 10 << "client listener expected the event message web: resumed, but the next one was web: suspended paused";
    QTest::newRow("the event in order")
        << QString::fromStdString(listener + "      - call: domain_event_register_any\n"
                                  "      - wait_event: suspended\n"
                                  "      - wait_event: {event: resumed, detail: unpaused}\n"
                                  + adminChanging({"listener"},
                                                  suspendWeb
                                                      + "      - call: {procedure: domain_resume, domain: web}\n"))
        << 0 << "";
    QTest::newRow("deregister with nothing registered")
        << QString::fromStdString(listener + "      - call: {procedure: domain_event_register_any, wait: false}\n"
                                  "      - call: domain_event_deregister_any\n")
        << 10 << "client listener has no event callback registered to deregister";
    QTest::newRow("unknown callback id")
        << QString::fromStdString(listener
                                  + "      - call: {procedure: domain_event_deregister_any, callback: 99, expect: {ok: false, "
                                    "error: \"domain event callback 99 not registered\"}}\n"
                                    "      - call: {procedure: get_version, expect: {ok: true}}\n")
        << 0 << "";
}

void TestEventSteps::stepFailures()
{
    QFETCH(QString, clients);
    QFETCH(int, line);
    QFETCH(QString, message);
    const ScenarioRunResult result = runScenario(kHead + clients.toStdString());
    QVERIFY2(result.setupError.empty(), result.setupError.c_str());
    if (message.isEmpty()) {
        for (const ScenarioFailure &failure : result.failures)
            qWarning("%s: %s", failure.where.describe().c_str(), failure.message.c_str());
        QVERIFY(result.passed());
    } else {
        QVERIFY(!result.failures.empty());
        const ScenarioFailure &failure = result.failures.front();
        QVERIFY2(QString::fromStdString(failure.message).contains(message), failure.message.c_str());
        QCOMPARE(failure.where.line, line);
    }
    verifyChecked(result);
}

QTEST_GUILESS_MAIN(TestEventSteps)
#include "tst_eventsteps.moc"
