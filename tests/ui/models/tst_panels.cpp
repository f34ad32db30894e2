// The loop state and event log panels on a real daemon trace. The loop state panel
// shows running, the leader, the array sizes and the poll set of the moment its
// model stands at, and its follow box and the model's following agree. The event
// log panel and the cursor follow each other, its filter box and choosers filter
// the table, and the choosers offer the threads, watches and clients seen so far.
#include "recordedsessions.h"

#include "docks/eventlogwidget.h"
#include "docks/loopstatewidget.h"
#include "models/eventfilterproxymodel.h"
#include "models/loopstatemodel.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QTableView>
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

    // Asleep in poll: the phase says so, and poll has not returned.
    const qsizetype poll = find(store, EventKind::PollBegin);
    model.seek(poll);
    QVERIFY(panel.headerText().contains(QLatin1StringView("sleeping in poll(), no timeout")));
    QVERIFY(panel.pollSetText().endsWith(QLatin1StringView("poll has not returned")));
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
