// The loop state and event log panels on a real daemon trace. The loop state panel
// shows running, the leader, the array sizes and the poll set of the moment its
// model stands at, with every handle row in sight however low the dock, and its follow box and the model's following agree. The event
// log panel and the cursor follow each other, its filter box and choosers filter
// the table, and the choosers offer the threads, watches and clients seen so far; it
// says how many events its filters let through ("0 of N shown"), and in a live run
// it keeps the newest event in sight while it is at the bottom.
#include "recordedsessions.h"

#include "docks/eventlogwidget.h"
#include "docks/loopstatewidget.h"
#include "models/eventfilterproxymodel.h"
#include "models/loopstatemodel.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QComboBox>
#include <QLineEdit>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace pollscope;
using namespace pollscope::test;
using namespace pollscope::ui;

namespace {

qsizetype find(const TraceStore &store, EventKind kind, qsizetype from = 0)
{
    for (qsizetype i = from; i < store.size(); ++i) {
        if (store.at(i).kind == kind)
            return i;
    }
    return -1;
}

} // namespace

class TestPanels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loopStateShowsTheMoment();
    void loopStateFollowBox();
    void eventLogAndCursorFollowEachOther();
    void eventLogFilters();
    void eventLogChoosersGrowWithBatches();
    void eventLogCountsWhatItShows();
    void eventLogFollowsNewEvents();

private:
    TraceSession m_daemon;
};

void TestPanels::initTestCase()
{
    QTemporaryDir folder;
    QString error;
    m_daemon = recordDaemonSession(folder.path(), &error);
    QVERIFY2(!m_daemon.events.empty(), qPrintable(error));
}

void TestPanels::loopStateShowsTheMoment()
{
    TraceStore store;
    LoopStateModel model(&store);
    LoopStateWidget panel(&model);
    QCOMPARE(panel.pollSetText(), QStringLiteral("Poll set of this iteration: not built yet"));
    store.setSession(m_daemon);

    // Right after the client's handle was dispatched for its request.
    const qsizetype read = find(store, EventKind::ClientRead);
    model.seek(read);
    const LoopSnapshot &state = model.state();
    QVERIFY(state.running);
    const QString header = panel.headerText();
    // The phase is the loop's: the daemon's read runs inside its dispatch.
    QVERIFY(header.startsWith(QStringLiteral("running=1 · leader=loop · iteration %1 · in virEventPollDispatchHandles")
                                  .arg(state.iterations)));
    QVERIFY(header.contains(
        QStringLiteral("handlesCount=%1 handlesAlloc=%2").arg(state.handles.size()).arg(state.handlesAlloc)));
    QCOMPARE(panel.positionText(), QStringLiteral("After event #%1 of %2").arg(store.at(read).seq).arg(store.size()));

    // The client's fd was polled for R and came back readable.
    const int clientFd = store.at(read).fd;
    const QString pollSet = panel.pollSetText();
    QVERIFY2(pollSet.contains(QStringLiteral("%1:R").arg(clientFd)), qPrintable(pollSet));
    QVERIFY2(pollSet.contains(QStringLiteral("→ %1:R").arg(clientFd)), qPrintable(pollSet));
    // The same poll set as a table: one row per pollfd, with what poll returned.
    const QTableWidget *pollTable = panel.pollSetTable();
    QCOMPARE_EQ(pollTable->rowCount(), int(state.pollFds.size()));
    bool clientRow = false;
    for (int row = 0; row < pollTable->rowCount(); ++row) {
        if (pollTable->item(row, 0)->text() == QString::number(clientFd)) {
            clientRow = true;
            QCOMPARE(pollTable->item(row, 3)->text(), QStringLiteral("R"));
        }
    }
    QVERIFY(clientRow);

    // Asleep in poll: the phase says so, and poll has not returned.
    const qsizetype poll = find(store, EventKind::PollBegin);
    model.seek(poll);
    QVERIFY(panel.headerText().contains(QLatin1StringView("sleeping in poll(), no timeout")));

    QVERIFY(panel.pollSetText().endsWith(QLatin1StringView("poll has not returned")));

    // However low the dock, the handles table shows every row (the panel scrolls).
    model.seek(read);
    panel.resize(500, 150);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTableView *handles = panel.handlesView();
    QVERIFY(handles->model()->rowCount() >= 4);
    const QModelIndex lastRow = handles->model()->index(handles->model()->rowCount() - 1, 0);
    QTRY_VERIFY(handles->viewport()->rect().contains(handles->visualRect(lastRow)));
}

void TestPanels::loopStateFollowBox()
{
    TraceStore store;
    LoopStateModel model(&store);
    LoopStateWidget panel(&model);
    auto *follow = panel.findChild<QCheckBox *>();
    QVERIFY(follow);
    QVERIFY(follow->isChecked());
    store.setSession(m_daemon);
    QCOMPARE_EQ(model.position(), store.size() - 1);

    model.seek(10);
    QVERIFY(!follow->isChecked());
    follow->click();
    QVERIFY(model.followsNewest());
    QCOMPARE_EQ(model.position(), store.size() - 1);
    follow->click();
    QVERIFY(!model.followsNewest());
}

void TestPanels::eventLogAndCursorFollowEachOther()
{
    TraceStore store;
    TraceCursor cursor(&store);
    EventLogWidget panel(&cursor);
    QAbstractItemModelTester tester(panel.filter());
    store.setSession(m_daemon);
    QTableView *view = panel.view();

    const qsizetype accept = find(store, EventKind::Accept);
    cursor.select(accept);
    QCOMPARE_EQ(view->currentIndex().row(), int(accept));

    view->setCurrentIndex(panel.filter()->index(5, 0));
    QCOMPARE_EQ(cursor.selected(), 5);

    // Filtered out: the selection goes; shown again: it comes back.
    panel.textEdit()->setText(QStringLiteral("virEventPollRunOnce"));
    cursor.select(accept);
    QVERIFY(!view->currentIndex().isValid());
    QCOMPARE_EQ(cursor.selected(), accept);
    panel.textEdit()->clear();
    QCOMPARE_EQ(view->currentIndex().row(), int(accept));
}

void TestPanels::eventLogFilters()
{
    TraceStore store;
    TraceCursor cursor(&store);
    EventLogWidget panel(&cursor);
    QAbstractItemModelTester tester(panel.filter());
    store.setSession(m_daemon);
    EventFilterProxyModel *filter = panel.filter();
    QCOMPARE_EQ(filter->rowCount(), int(store.size()));

    QTest::keyClicks(panel.textEdit(), QStringLiteral("ACCEPT"));
    QCOMPARE(filter->textFilter(), QStringLiteral("ACCEPT"));
    QVERIFY(filter->rowCount() > 0 && filter->rowCount() < int(store.size()));
    panel.textEdit()->clear();

    QComboBox *threads = panel.threadChooser();
    threads->setCurrentIndex(threads->findText(QStringLiteral("worker-1")));
    QVERIFY(filter->threadFilter().has_value());
    for (int row = 0; row < filter->rowCount(); ++row)
        QCOMPARE(store.threadName(store.at(filter->storeIndex(row)).thread), QStringLiteral("worker-1"));
    threads->setCurrentIndex(0);
    QVERIFY(!filter->threadFilter());

    QComboBox *clients = panel.clientChooser();
    QCOMPARE_EQ(clients->count(), 2); // all clients, client 1
    clients->setCurrentIndex(1);
    QCOMPARE(filter->clientFilter(), std::optional(clients->currentData().toInt()));
    QVERIFY(filter->rowCount() > 0);

    QComboBox *watches = panel.watchChooser();
    watches->setCurrentIndex(watches->findData(1));
    QCOMPARE(filter->watchFilter(), std::optional(1));

    // A new session starts with every chooser back at "all".
    store.setSession(m_daemon);
    QVERIFY(!filter->threadFilter() && !filter->watchFilter() && !filter->clientFilter());
    QCOMPARE_EQ(filter->rowCount(), int(store.size()));
}

void TestPanels::eventLogCountsWhatItShows()
{
    TraceStore store;
    TraceCursor cursor(&store);
    EventLogWidget panel(&cursor);
    store.setSession(m_daemon);
    const QString all = QString::number(store.size());
    QCOMPARE(panel.countLabel()->text(), all + " of " + all + " shown");
    // A filter left from before, hiding every event of a new session, says so.
    QTest::keyClicks(panel.textEdit(), QStringLiteral("no event says this"));
    QCOMPARE(panel.countLabel()->text(), "0 of " + all + " shown");
    QVERIFY(!panel.countLabel()->toolTip().isEmpty());
    store.setSession(m_daemon);
    QCOMPARE(panel.countLabel()->text(), "0 of " + all + " shown");
    panel.textEdit()->clear();
    QCOMPARE(panel.countLabel()->text(), all + " of " + all + " shown");
    QVERIFY(panel.countLabel()->toolTip().isEmpty());
}

void TestPanels::eventLogFollowsNewEvents()
{
    TraceStore store;
    TraceCursor cursor(&store);
    EventLogWidget panel(&cursor);
    panel.resize(600, 200);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    // Batches arrive as in a live run; the log stays at the newest event.
    const std::vector<TraceEvent> &events = m_daemon.events;
    for (size_t first = 0; first < events.size(); first += 16) {
        const size_t end = std::min(events.size(), first + 16);
        store.append({events.begin() + ptrdiff_t(first), events.begin() + ptrdiff_t(end)}, m_daemon.threadNames);
        QApplication::processEvents();
        const QTableView *view = panel.view();
        const int lastRow = panel.filter()->rowCount() - 1;
        const QRect last = view->visualRect(panel.filter()->index(lastRow, 0));
        QVERIFY2(view->viewport()->rect().intersects(last),
                 qPrintable(QStringLiteral("row %1 out of sight after %2 events").arg(lastRow).arg(end)));
    }
}

void TestPanels::eventLogChoosersGrowWithBatches()
{
    TraceStore store;
    TraceCursor cursor(&store);
    EventLogWidget panel(&cursor);
    QCOMPARE_EQ(panel.clientChooser()->count(), 1);

    const qsizetype accept = [&] {
        TraceStore full;
        full.setSession(m_daemon);
        return find(full, EventKind::Accept);
    }();
    const std::vector<TraceEvent> &events = m_daemon.events;
    store.append(std::vector<TraceEvent>(events.begin(), events.begin() + accept), m_daemon.threadNames);
    QCOMPARE_EQ(panel.clientChooser()->count(), 1);
    const int watchesBefore = panel.watchChooser()->count();
    panel.watchChooser()->setCurrentIndex(panel.watchChooser()->findData(1));

    store.append(std::vector<TraceEvent>(events.begin() + accept, events.end()), m_daemon.threadNames);
    QCOMPARE_EQ(panel.clientChooser()->count(), 2);
    QVERIFY(panel.watchChooser()->count() > watchesBefore);
    // The choice made survives the chooser being refilled.
    QCOMPARE(panel.watchChooser()->currentData().toInt(), 1);
    QCOMPARE_EQ(panel.threadChooser()->count(), int(store.threadNames().size()) + 1);
}

QTEST_MAIN(TestPanels)
#include "tst_panels.moc"
