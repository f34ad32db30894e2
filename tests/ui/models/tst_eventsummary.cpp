// EventSummary words an event from its kind's template and its reason: named
// placeholders are filled from the fields (flags, errno and signal names,
// procedure names, worded frequencies and timeouts); an event with a reason says
// the reason's sentence, after the client, watch or timer it is about unless the
// sentence names it, or inside the template where the template places {reason};
// a field the event lacks shows as "?", and an unknown name is written back.
#include "models/eventsummary.h"

#include "eventpoll/eventhandle.h"
#include "rpc/messageheader.h"
#include "rpc/remoteprocedures.h"

#include <QTest>
#include <QTranslator>

#include <cerrno>
#include <csignal>
#include <poll.h>

Q_DECLARE_METATYPE(pollscope::TraceEvent)

using namespace pollscope;
using namespace pollscope::ui;

namespace {

TraceEvent eventOf(EventKind kind, EventReason reason = EventReason::None)
{
    TraceEvent event{};
    event.kind = kind;
    event.reason = reason;
    return event;
}

// Replaces one template, as a translation would.
class OneTemplateTranslator : public QTranslator
{
public:
    OneTemplateTranslator(const char *source, QString translation)
        : m_source(source), m_translation(std::move(translation))
    {
    }
    QString translate(const char *, const char *sourceText, const char *, int) const override
    {
        return QByteArrayView(sourceText) == m_source ? m_translation : QString();
    }
    bool isEmpty() const override { return false; }

private:
    QByteArray m_source;
    QString m_translation;
};

} // namespace

class TestEventSummary : public QObject
{
    Q_OBJECT

private slots:
    void summaries_data();
    void summaries();
    void missingFieldsAndUnknownNames();
};

void TestEventSummary::summaries_data()
{
    QTest::addColumn<TraceEvent>("event");
    QTest::addColumn<QString>("summary");

    TraceEvent add = eventOf(EventKind::AddHandle);
    add.setWatch(5).setFd(9).setEvents(EventHandle::Readable | EventHandle::Writable);
    add.text = "onReadable";
    QTest::newRow("fields and text") << add << QStringLiteral("watch 5 fd 9 mode R|W, callback onReadable");

    TraceEvent periodic = eventOf(EventKind::AddTimeout);
    periodic.setTimer(3).setFrequency(5000);
    periodic.text = "tick";
    QTest::newRow("periodic timer") << periodic << QStringLiteral("timer 3 every 5000 ms, callback tick");
    TraceEvent everyIteration = periodic;
    everyIteration.setFrequency(0);
    QTest::newRow("timer every iteration") << everyIteration
                                           << QStringLiteral("timer 3 fires on every iteration, callback tick");
    TraceEvent disabled = periodic;
    disabled.setFrequency(-1);
    QTest::newRow("disabled timer") << disabled << QStringLiteral("timer 3 disabled, callback tick");

    TraceEvent noTimer = eventOf(EventKind::CalculateTimeout);
    noTimer.setTimeout(-1);
    QTest::newRow("no timer") << noTimer << QStringLiteral("no timer enabled: poll may wait forever");
    TraceEvent due = noTimer;
    due.setTimeout(0);
    QTest::newRow("timer due") << due << QStringLiteral("a timer is due: poll must not wait");
    TraceEvent soon = noTimer;
    soon.setTimeout(40);
    QTest::newRow("timer soon") << soon << QStringLiteral("the next timer is due in 40 ms");

    TraceEvent pollBegin = eventOf(EventKind::PollBegin);
    pollBegin.setNfds(4).setTimeout(-1);
    QTest::newRow("poll without timeout") << pollBegin << QStringLiteral("poll(4 fds, no timeout)");
    TraceEvent ready = eventOf(EventKind::PollEnd);
    ready.setNfds(4).setResult(2);
    QTest::newRow("poll ready") << ready << QStringLiteral("poll returned 2 of 4 fds");
    TraceEvent failed = ready;
    failed.setResult(-1).setErrno(EINTR);
    QTest::newRow("poll failed") << failed << QStringLiteral("poll failed: EINTR");

    TraceEvent dispatch = eventOf(EventKind::DispatchHandleBegin);
    dispatch.setWatch(2).setFd(7).setRevents(POLLIN | POLLHUP);
    dispatch.text = "cb";
    QTest::newRow("revents as handle bits") << dispatch << QStringLiteral("watch 2 fd 7 ready R|H: cb");

    TraceEvent freeTimer = eventOf(EventKind::FreeCallbackBegin);
    freeTimer.setTimer(4);
    QTest::newRow("owner timer") << freeTimer << QStringLiteral("free callback of timer 4 runs");

    TraceEvent received = eventOf(EventKind::MessageReceived);
    received.setClient(1).setProg(REMOTE_PROGRAM).setProc(REMOTE_PROC_CONNECT_OPEN)
        .setMsgType(int32_t(MessageType::Call)).setSerial(1).setNrequests(1);
    QTest::newRow("procedure and type names")
        << received << QStringLiteral("client 1: CONNECT_OPEN CALL serial 1 queued for a worker (1 in flight)");

    TraceEvent signal = eventOf(EventKind::DispatchSignalEvent);
    signal.setWatch(2).setFd(6).setSignal(SIGUSR1);
    QTest::newRow("signal name") << signal << QStringLiteral("SIGUSR1 read from the signal pipe");

    TraceEvent closed = eventOf(EventKind::ClientFailure, EventReason::PeerClosed);
    closed.setClient(3).setWatch(8).setFd(11);
    QTest::newRow("reason after the client")
        << closed << QStringLiteral("client 3: end of file: the peer closed the connection");
    TraceEvent readFailed = eventOf(EventKind::ClientFailure, EventReason::ReadFailed);
    readFailed.setClient(3).setErrno(ECONNRESET);
    QTest::newRow("reason with errno") << readFailed << QStringLiteral("client 3: read failed: ECONNRESET");
    TraceEvent invalid = eventOf(EventKind::UpdateHandle, EventReason::IgnoringInvalidUpdateWatch);
    invalid.setWatch(-1).setEvents(EventHandle::Readable);
    QTest::newRow("reason naming its watch") << invalid << QStringLiteral("Ignoring invalid update watch -1");
    TraceEvent noSuchWatch = eventOf(EventKind::UpdateHandle, EventReason::NoSuchWatch);
    noSuchWatch.setWatch(99);
    QTest::newRow("reason after the watch") << noSuchWatch << QStringLiteral("watch 99: no such watch: ignored");
    TraceEvent skipped = eventOf(EventKind::Interrupt, EventReason::InterruptLoopNotRunning);
    skipped.setResult(0).setBytes(0);
    QTest::newRow("reason without ids") << skipped << QStringLiteral("skipped: loop not running");

    TraceEvent held = eventOf(EventKind::LoopPaused, EventReason::HeldBeforeHandleDispatch);
    held.setWatch(6);
    QTest::newRow("reason inside the template") << held << QStringLiteral("loop held before watch 6 is dispatched");
    TraceEvent found = eventOf(EventKind::DispatchServerEvent, EventReason::ListenerFound);
    found.setWatch(3).setFd(6).setEvents(EventHandle::Readable).setResult(1);
    found.text = "/run/libvirt-sock";
    QTest::newRow("reason continuing the template")
        << found << QStringLiteral("watch 3 fd 6 ready R: found listener /run/libvirt-sock in the socket list after 1 comparisons");
}

void TestEventSummary::summaries()
{
    QFETCH(TraceEvent, event);
    QFETCH(QString, summary);
    const EventSummary summaries;
    QCOMPARE(summaries.text(event), summary);
    // append() adds to what the row buffer holds.
    QString row = QStringLiteral("> ");
    summaries.append(row, event);
    QCOMPARE(row, QStringLiteral("> ") + summary);
}

void TestEventSummary::missingFieldsAndUnknownNames()
{
    TraceEvent event = eventOf(EventKind::RemoveTimeout);
    QCOMPARE(EventSummary().text(event), QStringLiteral("timer ? marked deleted"));

    OneTemplateTranslator translator("timer {timer} marked deleted", QStringLiteral("{timerr} {timer} 已删除"));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const EventSummary translated;
    QCoreApplication::removeTranslator(&translator);
    event.setTimer(2);
    QCOMPARE(translated.text(event), QStringLiteral("{timerr} 2 已删除"));
}

QTEST_MAIN(TestEventSummary)
#include "tst_eventsummary.moc"
