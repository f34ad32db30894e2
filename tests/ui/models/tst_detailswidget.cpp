// The details panel shows the selected event with its decoded fields and
// explanation, and links to its related events: the other end of its span, its
// causal chain, the add and purge of its watch or timer, the accept of its client.
// Following a link selects that event. The title, a function's name, never breaks
// mid-word. Links to events that arrive later (a span
// still open during a live run) appear when their batch does.
#include "recordedsessions.h"

#include "docks/detailswidget.h"
#include "models/eventkindtexts.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"

#include "eventpoll/eventpoll.h"
#include "pipepair.h"
#include "threadwait.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextLayout>

#include <functional>
#include <thread>

using namespace pollscope;
using namespace pollscope::test;
using namespace pollscope::ui;

namespace {

using Relation = DetailsWidget::Relation;
using Match = std::function<bool(const TraceEvent &)>;

qsizetype find(const TraceStore &store, const Match &match, qsizetype from = 0)
{
    for (qsizetype i = from; i < store.size(); ++i) {
        if (match(store.at(i)))
            return i;
    }
    return -1;
}

Match kindIs(EventKind kind)
{
    return [kind](const TraceEvent &event) { return event.kind == kind; };
}

Match kindAndWatch(EventKind kind, int watch)
{
    return [kind, watch](const TraceEvent &event) {
        return event.kind == kind && event.has(TraceField::Watch) && event.watch == watch;
    };
}

std::optional<qsizetype> related(const DetailsWidget &details, Relation relation)
{
    for (const DetailsWidget::RelatedEvent &r : details.relatedEvents()) {
        if (r.relation == relation)
            return r.index;
    }
    return std::nullopt;
}

void onReadable(int, int fd, int, void *)
{
    char byte;
    QCOMPARE_EQ(::read(fd, &byte, 1), ssize_t(1));
}

// A handle dispatched, updated and removed, an interrupt from another thread, and
// a timer: the loop driven by this thread.
TraceSession recordLoopSession(int *watch)
{
    Tracer tracer;
    EventPoll loop(tracer);
    PipePair pipe;
    if (loop.init() < 0)
        return {};
    *watch = loop.addHandle(pipe.readFd(), EventHandle::Readable, onReadable, nullptr, nullptr, "onReadable");
    const int timer = loop.addTimeout(0, [](int, void *) {}, nullptr, nullptr, "onTimer");
    pipe.writeByte();
    loop.runOnce();
    loop.removeTimeout(timer);
    loop.removeHandle(*watch);
    // Purges both at its start, then sleeps in poll until the other thread wakes it.
    const pid_t tid = currentTid();
    std::thread waker([&] {
        if (waitUntilBlockedInPoll(tid))
            loop.interrupt();
    });
    loop.runOnce();
    waker.join();
    return tracer.takeSession("loop");
}

} // namespace

class TestDetailsWidget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsTheSelectedEvent();
    void spanEndsLinkEachOther();
    void watchAndTimerLinkToTheirAddAndPurge();
    void causalChainOfAWakeup();
    void clientLinksToItsAccept();
    void linksArriveWithLaterBatches();
    void fieldsAreDecoded();

private:
    TraceSession m_loop;
    TraceSession m_daemon;
    int m_watch = -1;
};

void TestDetailsWidget::initTestCase()
{
    m_loop = recordLoopSession(&m_watch);
    QVERIFY(!m_loop.events.empty());
    QTemporaryDir folder;
    QString error;
    m_daemon = recordDaemonSession(folder.path(), &error);
    QVERIFY2(!m_daemon.events.empty(), qPrintable(error));
}

void TestDetailsWidget::showsTheSelectedEvent()
{
    TraceStore store;
    TraceCursor cursor(&store);
    DetailsWidget details(&cursor);
    auto *browser = details.findChild<QTextBrowser *>();
    QVERIFY(browser);
    QVERIFY(browser->toPlainText().contains(QLatin1StringView("Select an event")));

    store.setSession(m_loop);
    const qsizetype dispatch = find(store, kindIs(EventKind::DispatchHandleBegin));
    cursor.select(dispatch);
    QCOMPARE_EQ(details.shownIndex(), dispatch);
    const QString text = browser->toPlainText();
    QVERIFY(text.contains(QLatin1StringView("virEventPollDispatchHandles")));
    QVERIFY(text.contains(QLatin1StringView("dispatch_handle_begin")));
    QVERIFY(text.contains(QStringLiteral("watch %1 fd").arg(m_watch)));
    QVERIFY(text.contains(QLatin1StringView("onReadable")));
    QVERIFY(text.contains(EventKindTexts::explanation(EventKind::DispatchHandleBegin)));
    QVERIFY(text.contains(QLatin1StringView("event_poll_dispatch_handle")));
    // In a dock narrower than the function's name, the title is still one line.
    details.resize(120, 400);
    details.show();
    QVERIFY(QTest::qWaitForWindowExposed(&details));
    const QTextBlock title = browser->document()->firstBlock();
    QCOMPARE(title.text(), QStringLiteral("virEventPollDispatchHandles"));
    QCOMPARE(title.layout()->lineCount(), 1);

    cursor.clearSelection();
    QCOMPARE_EQ(details.shownIndex(), -1);
    QVERIFY(details.relatedEvents().isEmpty());
}

void TestDetailsWidget::spanEndsLinkEachOther()
{
    TraceStore store;
    TraceCursor cursor(&store);
    DetailsWidget details(&cursor);
    store.setSession(m_loop);
    auto *browser = details.findChild<QTextBrowser *>();

    const qsizetype begin = find(store, kindAndWatch(EventKind::DispatchHandleBegin, m_watch));
    const qsizetype end = find(store, kindAndWatch(EventKind::DispatchHandleEnd, m_watch));
    QVERIFY(begin >= 0 && end > begin);
    cursor.select(begin);
    QCOMPARE(related(details, Relation::SpanEnd), std::optional(end));
    QVERIFY(browser->toHtml().contains(DetailsWidget::linkTo(end).toString()));

    // Following the link is what a click on it does.
    emit browser->anchorClicked(DetailsWidget::linkTo(end));
    QCOMPARE_EQ(cursor.selected(), end);
    QCOMPARE_EQ(details.shownIndex(), end);
    QCOMPARE(related(details, Relation::SpanBegin), std::optional(begin));

    // Nested spans of one iteration: RunOnce contains poll, poll ends before it.
    const qsizetype runOnce = find(store, kindIs(EventKind::RunOnceBegin));
    const qsizetype pollBegin = find(store, kindIs(EventKind::PollBegin));
    cursor.select(runOnce);
    QCOMPARE(related(details, Relation::SpanEnd), std::optional(find(store, kindIs(EventKind::RunOnceEnd))));
    cursor.select(pollBegin);
    QCOMPARE(related(details, Relation::SpanEnd), std::optional(find(store, kindIs(EventKind::PollEnd))));
    cursor.select(find(store, kindIs(EventKind::RunOnceEnd), runOnce + 1));
    QCOMPARE(related(details, Relation::SpanBegin), std::optional(runOnce));
}

void TestDetailsWidget::watchAndTimerLinkToTheirAddAndPurge()
{
    TraceStore store;
    TraceCursor cursor(&store);
    DetailsWidget details(&cursor);
    store.setSession(m_loop);

    const qsizetype add = find(store, kindAndWatch(EventKind::AddHandle, m_watch));
    const qsizetype remove = find(store, kindAndWatch(EventKind::RemoveHandle, m_watch));
    const qsizetype purge = find(store, kindAndWatch(EventKind::PurgeHandle, m_watch));
    QVERIFY(add >= 0 && remove > add && purge > remove);
    cursor.select(remove);
    QCOMPARE(related(details, Relation::HandleAdded), std::optional(add));
    QCOMPARE(related(details, Relation::HandlePurged), std::optional(purge));
    // The add links forward only, the purge backward only.
    cursor.select(add);
    QCOMPARE(related(details, Relation::HandleAdded), std::nullopt);
    QCOMPARE(related(details, Relation::HandlePurged), std::optional(purge));
    cursor.select(purge);
    QCOMPARE(related(details, Relation::HandleAdded), std::optional(add));
    QCOMPARE(related(details, Relation::HandlePurged), std::nullopt);

    const qsizetype fire = find(store, kindIs(EventKind::DispatchTimeoutBegin));
    cursor.select(fire);
    QCOMPARE(related(details, Relation::TimerAdded), std::optional(find(store, kindIs(EventKind::AddTimeout))));
    QCOMPARE(related(details, Relation::TimerPurged), std::optional(find(store, kindIs(EventKind::PurgeTimeout))));
}

void TestDetailsWidget::causalChainOfAWakeup()
{
    TraceStore store;
    TraceCursor cursor(&store);
    DetailsWidget details(&cursor);
    store.setSession(m_loop);

    // The interrupt that wrote the pipe, the poll it ended, the byte drained.
    const qsizetype interrupt = find(store, [](const TraceEvent &e) { return e.kind == EventKind::Interrupt && e.flow; });
    QVERIFY(interrupt >= 0);
    const uint64_t flow = store.at(interrupt).flow;
    const qsizetype pollEnd = find(store, [flow](const TraceEvent &e) { return e.kind == EventKind::PollEnd && e.flow == flow; });
    const qsizetype wakeup = find(store, [flow](const TraceEvent &e) { return e.kind == EventKind::HandleWakeup && e.flow == flow; });
    QVERIFY(pollEnd > interrupt && wakeup > pollEnd);

    cursor.select(interrupt);
    QCOMPARE(related(details, Relation::PreviousInFlow), std::nullopt);
    QCOMPARE(related(details, Relation::NextInFlow), std::optional(pollEnd));
    emit details.findChild<QTextBrowser *>()->anchorClicked(DetailsWidget::linkTo(pollEnd));
    QCOMPARE_EQ(cursor.selected(), pollEnd);
    QCOMPARE(related(details, Relation::PreviousInFlow), std::optional(interrupt));
    QCOMPARE(related(details, Relation::NextInFlow), std::optional(wakeup));
}

void TestDetailsWidget::clientLinksToItsAccept()
{
    TraceStore store;
    TraceCursor cursor(&store);
    DetailsWidget details(&cursor);
    store.setSession(m_daemon);

    const qsizetype accept = find(store, kindIs(EventKind::Accept));
    QVERIFY(accept >= 0);
    const int client = store.at(accept).client;
    for (const EventKind kind : {EventKind::RegisterClientEvent, EventKind::MessageReceived, EventKind::WorkerJobBegin,
                                 EventKind::ReplyQueued, EventKind::MessageSent, EventKind::FreeClient}) {
        const qsizetype index = find(store, kindIs(kind));
        QVERIFY2(index > accept, eventKindInfo(kind).name);
        QCOMPARE_EQ(store.at(index).client, client);
        cursor.select(index);
        QCOMPARE(related(details, Relation::ClientAccepted), std::optional(accept));
    }

    // The request's causal chain runs from the loop thread to a worker.
    const qsizetype received = find(store, kindIs(EventKind::MessageReceived));
    cursor.select(received);
    const std::optional<qsizetype> next = related(details, Relation::NextInFlow);
    QVERIFY(next);
    QCOMPARE(store.at(*next).flow, store.at(received).flow);
    emit details.findChild<QTextBrowser *>()->anchorClicked(DetailsWidget::linkTo(*next));
    QCOMPARE_EQ(cursor.selected(), *next);
    QCOMPARE(related(details, Relation::PreviousInFlow), std::optional(received));
}

void TestDetailsWidget::linksArriveWithLaterBatches()
{
    TraceStore store;
    TraceCursor cursor(&store);
    DetailsWidget details(&cursor);
    auto *browser = details.findChild<QTextBrowser *>();

    // Live: the store holds the dispatch's Begin, not yet its End nor the purge.
    std::vector<TraceEvent> events = m_loop.events;
    TraceStore full;
    full.setSession(m_loop);
    const qsizetype begin = find(full, kindAndWatch(EventKind::DispatchHandleBegin, m_watch));
    const qsizetype end = find(full, kindAndWatch(EventKind::DispatchHandleEnd, m_watch));
    const qsizetype purge = find(full, kindAndWatch(EventKind::PurgeHandle, m_watch));
    store.append(std::vector<TraceEvent>(events.begin(), events.begin() + begin + 1), m_loop.threadNames);
    cursor.select(begin);
    QCOMPARE(related(details, Relation::SpanEnd), std::nullopt);
    QCOMPARE(related(details, Relation::HandlePurged), std::nullopt);

    store.append(std::vector<TraceEvent>(events.begin() + begin + 1, events.begin() + end + 1), m_loop.threadNames);
    QCOMPARE(related(details, Relation::SpanEnd), std::optional(end));
    QVERIFY(browser->toHtml().contains(DetailsWidget::linkTo(end).toString()));
    QCOMPARE(related(details, Relation::HandlePurged), std::nullopt);

    store.append(std::vector<TraceEvent>(events.begin() + end + 1, events.end()), m_loop.threadNames);
    QCOMPARE(related(details, Relation::HandlePurged), std::optional(purge));
    QCOMPARE_EQ(details.shownIndex(), begin);
}

void TestDetailsWidget::fieldsAreDecoded()
{
    TraceStore store;
    store.setSession(m_loop);
    auto value = [](const TraceEvent &event, const char *name) {
        for (const auto &[field, text] : DetailsWidget::fieldTexts(event)) {
            if (field == QLatin1StringView(name))
                return text;
        }
        return QString();
    };

    const TraceEvent &dispatch = store.at(find(store, kindAndWatch(EventKind::DispatchHandleBegin, m_watch)));
    QCOMPARE(value(dispatch, "events"), QStringLiteral("R (1)"));
    QCOMPARE(value(dispatch, "revents"), QStringLiteral("IN (1), seen as R"));
    QCOMPARE(value(dispatch, "watch"), QString::number(m_watch));
    QVERIFY(value(dispatch, "errno").isEmpty());

    const TraceEvent &addTimer = store.at(find(store, kindIs(EventKind::AddTimeout)));
    QCOMPARE(value(addTimer, "frequency"), QStringLiteral("0 (fires on every iteration)"));
    QVERIFY(value(addTimer, "expiresAt").contains(QLatin1StringView("(monotonic)")));
    const TraceEvent &calculate = store.at(find(store, kindIs(EventKind::CalculateTimeout)));
    QCOMPARE(value(calculate, "timeout"), QStringLiteral("0 ms"));
    // One byte reads as one byte, not "1 bytes".
    TraceEvent wakeup{};
    wakeup.kind = EventKind::HandleWakeup;
    wakeup.setBytes(1);
    QCOMPARE(value(wakeup, "bytes"), QStringLiteral("1 byte"));
    wakeup.setBytes(4);
    QCOMPARE(value(wakeup, "bytes"), QStringLiteral("4 bytes"));

    TraceStore daemon;
    daemon.setSession(m_daemon);
    const TraceEvent &signal = daemon.at(find(daemon, [](const TraceEvent &e) { return e.has(TraceField::Signal); }));
    QCOMPARE(value(signal, "signal"), QStringLiteral("SIGTERM (Terminated)"));
    const TraceEvent &request = daemon.at(find(daemon, kindIs(EventKind::RemoteDispatchBegin)));
    QCOMPARE(value(request, "proc"), QStringLiteral("3 (CONNECT_GET_TYPE)"));
    QCOMPARE(value(request, "prog"), QStringLiteral("0x20008086 (REMOTE_PROGRAM)"));
    QCOMPARE(value(request, "msgType"), QStringLiteral("0 (CALL)"));
    QCOMPARE(value(request, "status"), QStringLiteral("0 (OK)"));

    // A failed read as the kernel reports it: the errno is named and described.
    TraceEvent failed = dispatch;
    failed.setErrno(EAGAIN);
    QCOMPARE(value(failed, "errno"), QStringLiteral("EAGAIN (Resource temporarily unavailable)"));
}

QTEST_MAIN(TestDetailsWidget)
#include "tst_detailswidget.moc"
