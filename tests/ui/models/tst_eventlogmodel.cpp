// The event log and its filter, on real traces: the daemon replica serving one
// client, and a loop driven step by step. The log shows one row per store event
// with its fields and a one-line summary, grows by exactly one rowsInserted per
// batch, and resets when the store does. The filter keeps the events of a thread,
// watch, client or function, and free text matched without regard to case in the
// function, kind, summary or text; it keeps up with batches arriving, and filters
// a million rows quickly.
#include "recordedsessions.h"

#include "models/eventfilterproxymodel.h"
#include "models/eventlogmodel.h"
#include "models/eventtext.h"
#include "session/tracestore.h"

#include "eventpoll/eventpoll.h"
#include "pipepair.h"
#include "threadwait.h"
#include "trace/threadnames.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace pollscope;
using namespace pollscope::test;
using namespace pollscope::ui;

namespace {

qsizetype indexOf(const TraceStore &store, EventKind kind, qsizetype from = 0)
{
    for (qsizetype i = from; i < store.size(); ++i) {
        if (store.at(i).kind == kind)
            return i;
    }
    return -1;
}

// The filter's rule, written the plain way: every string built, nothing reused.
bool expectedToPass(const TraceStore &store, const EventLogModel &model, qsizetype index, const QString &thread,
                    int watch, int client, const QString &function, const QString &text)
{
    const TraceEvent &event = store.at(index);
    if (!thread.isEmpty() && store.threadName(event.thread) != thread)
        return false;
    if (watch >= 0 && !(event.has(TraceField::Watch) && event.watch == watch))
        return false;
    if (client >= 0 && !(event.has(TraceField::Client) && event.client == client))
        return false;
    if (!function.isEmpty() && QString::fromLatin1(event.function()) != function)
        return false;
    if (text.isEmpty())
        return true;
    const QString haystacks[] = {
        QString::fromLatin1(event.function()),
        QString::fromLatin1(eventKindInfo(event.kind).name),
        model.data(model.index(int(index), EventLogModel::SummaryColumn)).toString(),
        QString::fromUtf8(event.text ? event.text : ""),
    };
    for (const QString &haystack : haystacks) {
        if (haystack.contains(text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

std::optional<uint16_t> threadId(const TraceStore &store, const QString &name)
{
    for (size_t i = 0; i < store.threadNames().size(); ++i) {
        if (QString::fromStdString(store.threadNames()[i]) == name)
            return uint16_t(i);
    }
    return std::nullopt;
}

struct LoopTrace
{
    TraceSession session;
    int watch = -1;
    int fd = -1;
};

void onReadable(int, int fd, int, void *)
{
    char byte;
    QCOMPARE_EQ(::read(fd, &byte, 1), ssize_t(1));
}

// A loop driven by this thread: a handle added, made ready and dispatched, updated,
// removed, an update of an unknown watch, and an interrupt from another thread.
LoopTrace recordLoopTrace()
{
    LoopTrace trace;
    Tracer tracer;
    EventPoll loop(tracer);
    PipePair pipe;
    if (loop.init() < 0)
        return trace;
    trace.fd = pipe.readFd();
    trace.watch = loop.addHandle(pipe.readFd(), EventHandle::Readable, onReadable, nullptr, nullptr, "onReadable");
    pipe.writeByte();
    loop.runOnce();
    loop.updateHandle(trace.watch, EventHandle::Readable | EventHandle::Writable);
    loop.updateHandle(99, EventHandle::Readable);
    loop.removeHandle(trace.watch);
    const pid_t tid = currentTid();
    std::thread waker([&] {
        if (waitUntilBlockedInPoll(tid))
            loop.interrupt();
    });
    loop.runOnce();
    waker.join();
    trace.session = tracer.takeSession("loop");
    return trace;
}

} // namespace

class TestEventLogModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void columnsShowTheEventFields();
    void durations_data();
    void durations();
    void summaries_data();
    void summaries();
    void batchedInsertsSignalOncePerBatch();
    void filters_data();
    void filters();
    void filterFollowsAppendedBatches();
    void filterSetters();
    void filtersAMillionRows();

private:
    TraceSession m_daemon;
    LoopTrace m_loop;
};

void TestEventLogModel::initTestCase()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QString error;
    m_daemon = recordDaemonSession(folder.path(), &error);
    QVERIFY2(!m_daemon.events.empty(), qPrintable(error));
    m_loop = recordLoopTrace();
    QVERIFY(!m_loop.session.events.empty());
}

void TestEventLogModel::columnsShowTheEventFields()
{
    TraceStore store;
    EventLogModel model(&store);
    QAbstractItemModelTester tester(&model);
    store.setSession(m_daemon);
    QCOMPARE_EQ(model.rowCount(), int(store.size()));
    QCOMPARE_EQ(model.columnCount(), int(EventLogModel::ColumnCount));

    auto cell = [&](qsizetype row, int column, int role = Qt::DisplayRole) {
        return model.data(model.index(int(row), column), role);
    };
    QCOMPARE(cell(0, EventLogModel::SeqColumn).toULongLong(), store.at(0).seq);
    QCOMPARE(cell(0, EventLogModel::TimeColumn).toString(), QStringLiteral("0 ns"));
    const TraceEvent &last = store.at(store.size() - 1);
    QCOMPARE(cell(store.size() - 1, EventLogModel::TimeColumn).toString(),
             formatDuration(last.timeNs - store.at(0).timeNs));
    QCOMPARE(cell(store.size() - 1, EventLogModel::TimeColumn, EventLogModel::TimeNsRole).toLongLong(),
             last.timeNs - store.at(0).timeNs);

    const qsizetype accept = indexOf(store, EventKind::Accept);
    QVERIFY(accept >= 0);
    const TraceEvent &event = store.at(accept);
    QCOMPARE(cell(accept, EventLogModel::ThreadColumn).toString(), QStringLiteral("loop"));
    QCOMPARE(cell(accept, EventLogModel::FunctionColumn).toString(), QStringLiteral("qemudDispatchServer"));
    QCOMPARE(cell(accept, EventLogModel::KindColumn).toString(), QStringLiteral("accept"));
    QCOMPARE(cell(accept, EventLogModel::WatchColumn).toInt(), event.watch);
    QCOMPARE(cell(accept, EventLogModel::FdColumn).toInt(), event.fd);
    QCOMPARE(cell(accept, EventLogModel::ClientColumn).toInt(), event.client);
    QCOMPARE(cell(accept, EventLogModel::SeqColumn, EventLogModel::StoreIndexRole).value<qsizetype>(), accept);
    QCOMPARE(cell(accept, EventLogModel::SeqColumn, EventLogModel::EventKindRole).toInt(), int(EventKind::Accept));
    QCOMPARE(cell(accept, EventLogModel::SeqColumn, EventLogModel::EventFamilyRole).toInt(),
             int(EventFamily::Server));
    QVERIFY(cell(accept, EventLogModel::SummaryColumn).toString().contains(QLatin1StringView("client")));
    QVERIFY(cell(accept, EventLogModel::KindColumn, Qt::ToolTipRole).toString().contains(QLatin1StringView("server")));
    QVERIFY(cell(accept, EventLogModel::KindColumn, Qt::DecorationRole).isValid());

    // Events without a watch, fd or client leave those cells empty.
    const qsizetype makePollFds = indexOf(store, EventKind::MakePollFDs);
    QVERIFY(!cell(makePollFds, EventLogModel::WatchColumn).isValid());
    QVERIFY(!cell(makePollFds, EventLogModel::ClientColumn).isValid());
    QCOMPARE(model.indexOfStoreIndex(accept), model.index(int(accept), EventLogModel::SeqColumn));
}

void TestEventLogModel::durations_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0 ns");
    QTest::newRow("nanoseconds") << qint64(850) << QStringLiteral("850 ns");
    QTest::newRow("microseconds") << qint64(41200) << QStringLiteral("41.2 µs");
    QTest::newRow("milliseconds") << qint64(12413000) << QStringLiteral("12.413 ms");
    QTest::newRow("seconds") << qint64(3250000000) << QStringLiteral("3.250 s");
    QTest::newRow("before the start") << qint64(-2500000) << QStringLiteral("-2.500 ms");
}

void TestEventLogModel::durations()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    QCOMPARE(formatDuration(ns), text);
}

void TestEventLogModel::summaries_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("occurrence");
    QTest::addColumn<QString>("summary");

    const QString watch = QString::number(m_loop.watch);
    const QString fd = QString::number(m_loop.fd);
    auto row = [](const char *name, EventKind kind, int occurrence, const QString &summary) {
        QTest::newRow(name) << int(kind) << occurrence << summary;
    };
    row("init", EventKind::LoopInit, 0, QStringLiteral("wakeup pipe created; its read end, fd %1, becomes watch 1")
                                            .arg(m_loop.session.events.front().fd));
    row("add", EventKind::AddHandle, 1, QStringLiteral("watch %1 fd %2 mode R, callback onReadable").arg(watch, fd));
    row("poll set", EventKind::MakePollFDs, 0, QStringLiteral("2 of 2 handles go into the poll set"));
    row("poll waits", EventKind::CalculateTimeout, 0, QStringLiteral("no timer enabled: poll may wait forever"));
    row("poll returned", EventKind::PollEnd, 0, QStringLiteral("poll returned 1 of 2 fds"));
    row("dispatch", EventKind::DispatchHandleBegin, 0,
        QStringLiteral("watch %1 fd %2 ready R: onReadable").arg(watch, fd));
    row("update", EventKind::UpdateHandle, 0, QStringLiteral("watch %1 fd %2 mode R|W").arg(watch, fd));
    row("update ignored", EventKind::UpdateHandle, 1,
        QStringLiteral("watch 99: no such watch: ignored"));
    row("remove", EventKind::RemoveHandle, 0, QStringLiteral("watch %1 fd %2 marked deleted").arg(watch, fd));
    row("purge", EventKind::PurgeHandle, 0, QStringLiteral("watch %1 fd %2 purged (onReadable)").arg(watch, fd));
    row("interrupt skipped", EventKind::Interrupt, 0,
        QStringLiteral("skipped: loop not running"));
    row("interrupt written", EventKind::Interrupt, 4, QStringLiteral("wrote one byte to the wakeup pipe"));
    row("wakeup", EventKind::HandleWakeup, 0, QStringLiteral("drained one byte from the wakeup pipe"));
    row("iteration", EventKind::RunOnceBegin, 1, QStringLiteral("iteration 2 begins: 2 handles, 0 timeouts"));
}

void TestEventLogModel::summaries()
{
    QFETCH(int, kind);
    QFETCH(int, occurrence);
    QFETCH(QString, summary);
    TraceStore store;
    EventLogModel model(&store);
    QAbstractItemModelTester tester(&model);
    store.setSession(m_loop.session);

    qsizetype index = -1;
    for (int seen = 0; seen <= occurrence; ++seen) {
        index = indexOf(store, EventKind(kind), index + 1);
        QVERIFY2(index >= 0, "the trace has fewer events of this kind than expected");
    }
    QCOMPARE(model.data(model.index(int(index), EventLogModel::SummaryColumn)).toString(), summary);
}

void TestEventLogModel::batchedInsertsSignalOncePerBatch()
{
    TraceStore store;
    EventLogModel model(&store);
    QAbstractItemModelTester tester(&model);
    QSignalSpy aboutToInsert(&model, &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    // Three batches, the way a live run hands them over.
    const std::vector<TraceEvent> &events = m_daemon.events;
    const size_t cuts[] = {0, events.size() / 3, events.size() / 2, events.size()};
    for (size_t batch = 0; batch < 3; ++batch) {
        store.append(std::vector<TraceEvent>(events.begin() + ptrdiff_t(cuts[batch]),
                                             events.begin() + ptrdiff_t(cuts[batch + 1])),
                     m_daemon.threadNames);
        QCOMPARE_EQ(model.rowCount(), int(cuts[batch + 1]));
    }
    QCOMPARE_EQ(aboutToInsert.count(), 3);
    QCOMPARE_EQ(inserted.count(), 3);
    for (int batch = 0; batch < 3; ++batch) {
        QCOMPARE_EQ(inserted.at(batch).at(1).toInt(), int(cuts[batch]));
        QCOMPARE_EQ(inserted.at(batch).at(2).toInt(), int(cuts[batch + 1]) - 1);
    }
    // An empty batch announces nothing.
    store.append(std::vector<TraceEvent>{}, m_daemon.threadNames);
    QCOMPARE_EQ(inserted.count(), 3);
    QCOMPARE_EQ(reset.count(), 0);

    store.clear();
    QCOMPARE_EQ(reset.count(), 1);
    QCOMPARE_EQ(model.rowCount(), 0);
    store.setSession(m_loop.session);
    QCOMPARE_EQ(reset.count(), 2);
    QCOMPARE_EQ(model.rowCount(), int(m_loop.session.events.size()));

    // A model made for a store that already holds events shows them at once.
    EventLogModel late(&store);
    QAbstractItemModelTester lateTester(&late);
    QCOMPARE_EQ(late.rowCount(), int(store.size()));
}

void TestEventLogModel::filters_data()
{
    QTest::addColumn<QString>("thread");
    QTest::addColumn<int>("watch");
    QTest::addColumn<int>("client");
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matchesSome");

    QTest::newRow("nothing") << QString() << -1 << -1 << QString() << QString() << true;
    QTest::newRow("loop thread") << QStringLiteral("loop") << -1 << -1 << QString() << QString() << true;
    QTest::newRow("worker thread") << QStringLiteral("worker-1") << -1 << -1 << QString() << QString() << true;
    QTest::newRow("wakeup watch") << QString() << 1 << -1 << QString() << QString() << true;
    QTest::newRow("client 1") << QString() << -1 << 1 << QString() << QString() << true;
    QTest::newRow("no such client") << QString() << -1 << 999 << QString() << QString() << false;
    QTest::newRow("function") << QString() << -1 << -1 << QStringLiteral("virEventPollDispatchHandles") << QString()
                              << true;
    QTest::newRow("unknown function") << QString() << -1 << -1 << QStringLiteral("virEventPoll") << QString()
                                      << false;
    QTest::newRow("text in function") << QString() << -1 << -1 << QString() << QStringLiteral("handlewakeup") << true;
    QTest::newRow("text in kind") << QString() << -1 << -1 << QString() << QStringLiteral("DISPATCH_HANDLE_BEGIN")
                                  << true;
    QTest::newRow("text in summary") << QString() << -1 << -1 << QString() << QStringLiteral("Poll Returned") << true;
    QTest::newRow("reason in summary") << QString() << -1 << -1 << QString() << QStringLiteral("SOCKET LIST")
                                       << true;
    QTest::newRow("text in event text") << QString() << -1 << -1 << QString()
                                        << QStringLiteral("QEMUDDISPATCHCLIENTEVENT") << true;
    QTest::newRow("text nowhere") << QString() << -1 << -1 << QString() << QStringLiteral("zzzz") << false;
    QTest::newRow("thread and function") << QStringLiteral("loop") << -1 << -1
                                         << QStringLiteral("virEventPollInterruptLocked") << QString() << true;
    QTest::newRow("watch and text") << QString() << 1 << -1 << QString() << QStringLiteral("wakeup") << true;
    QTest::newRow("client and thread") << QStringLiteral("worker-1") << -1 << 1 << QString() << QString() << true;
}

void TestEventLogModel::filters()
{
    QFETCH(QString, thread);
    QFETCH(int, watch);
    QFETCH(int, client);
    QFETCH(QString, function);
    QFETCH(QString, text);
    QFETCH(bool, matchesSome);

    TraceStore store;
    EventLogModel model(&store);
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model);
    QAbstractItemModelTester proxyTester(&proxy);
    store.setSession(m_daemon);

    if (!thread.isEmpty()) {
        const std::optional<uint16_t> id = threadId(store, thread);
        QVERIFY2(id, qPrintable(QStringLiteral("no thread named %1").arg(thread)));
        proxy.setThreadFilter(id);
    }
    if (watch >= 0)
        proxy.setWatchFilter(watch);
    if (client >= 0)
        proxy.setClientFilter(client);
    proxy.setFunctionFilter(function);
    proxy.setTextFilter(text);

    QList<qsizetype> expected;
    for (qsizetype i = 0; i < store.size(); ++i) {
        if (expectedToPass(store, model, i, thread, watch, client, function, text))
            expected.append(i);
    }
    QList<qsizetype> shown;
    for (int row = 0; row < proxy.rowCount(); ++row)
        shown.append(proxy.storeIndex(row));
    QCOMPARE(shown, expected);
    QCOMPARE_EQ(!shown.isEmpty(), matchesSome);
    if (!shown.isEmpty())
        QCOMPARE_EQ(proxy.proxyRow(shown.last()), int(shown.size()) - 1);
}

void TestEventLogModel::filterFollowsAppendedBatches()
{
    TraceStore store;
    EventLogModel model(&store);
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy);
    proxy.setTextFilter(QStringLiteral("wakeup"));

    const std::vector<TraceEvent> &events = m_daemon.events;
    int expected = 0;
    for (size_t first = 0; first < events.size(); first += 25) {
        const size_t last = std::min(events.size(), first + 25);
        store.append(std::vector<TraceEvent>(events.begin() + ptrdiff_t(first), events.begin() + ptrdiff_t(last)),
                     m_daemon.threadNames);
        for (size_t i = first; i < last; ++i)
            expected += expectedToPass(store, model, qsizetype(i), {}, -1, -1, {}, QStringLiteral("wakeup"));
        QCOMPARE_EQ(proxy.rowCount(), expected);
    }
    QVERIFY(expected > 0);
}

void TestEventLogModel::filterSetters()
{
    TraceStore store;
    EventLogModel model(&store);
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy);
    store.setSession(m_loop.session);
    QSignalSpy changed(&proxy, &EventFilterProxyModel::filtersChanged);

    QVERIFY(!proxy.hasFilter());
    proxy.setWatchFilter(m_loop.watch);
    proxy.setWatchFilter(m_loop.watch);
    QCOMPARE_EQ(changed.count(), 1);
    QCOMPARE(proxy.watchFilter(), std::optional<int>(m_loop.watch));
    QVERIFY(proxy.hasFilter());
    const int watchRows = proxy.rowCount();
    QVERIFY(watchRows > 0 && watchRows < model.rowCount());

    // Filters combine: the watch's events that are dispatch steps.
    proxy.setFunctionFilter(QStringLiteral("virEventPollDispatchHandles"));
    QCOMPARE_EQ(proxy.rowCount(), 2); // its DispatchHandleBegin and DispatchHandleEnd
    proxy.setFunctionFilter(QString());
    QCOMPARE_EQ(proxy.rowCount(), watchRows);

    // Unset means no filter; an event without the field never passes a set one.
    proxy.setWatchFilter(std::nullopt);
    QCOMPARE_EQ(proxy.rowCount(), model.rowCount());
    proxy.setClientFilter(0);
    QCOMPARE_EQ(proxy.rowCount(), 0);

    proxy.setTextFilter(QStringLiteral("x"));
    proxy.clearFilters();
    QVERIFY(!proxy.hasFilter());
    QCOMPARE_EQ(proxy.rowCount(), model.rowCount());
    const qsizetype signalCount = changed.count();
    proxy.clearFilters();
    QCOMPARE_EQ(changed.count(), signalCount);
    QCOMPARE_EQ(proxy.storeIndex(proxy.rowCount()), -1);
    QCOMPARE_EQ(proxy.proxyRow(model.rowCount()), -1);
}

void TestEventLogModel::filtersAMillionRows()
{
    // No model tester here: it would read every cell of a million rows.
    TraceStore store;
    EventLogModel model(&store);
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    store.setSession(recordBusyLoopSession(1000000));
    QCOMPARE_EQ(proxy.rowCount(), model.rowCount());

    proxy.setTextFilter(QStringLiteral("TIMER 2 FIRES"));
    QCOMPARE_EQ(proxy.rowCount(), 0);
    // Every iteration fires the timer, and its AddTimeout says it "fires on every iteration".
    const qsizetype iterations = store.at(store.size() - 1).iteration;
    proxy.setTextFilter(QStringLiteral("timer 1 fires"));
    QCOMPARE_EQ(proxy.rowCount(), int(iterations) + 1);
    proxy.setTextFilter(QString());
    proxy.setFunctionFilter(QStringLiteral("virEventPollDispatchTimeouts"));
    QCOMPARE_EQ(proxy.rowCount(), 3 * int(iterations));
    proxy.setThreadFilter(store.at(0).thread);
    proxy.clearFilters();
    QCOMPARE_EQ(proxy.rowCount(), model.rowCount());
}

QTEST_MAIN(TestEventLogModel)
#include "tst_eventlogmodel.moc"
