// The call flow panel maps every libvirt function of eventkind.h to a node of the
// seed's main() diagram (the loop's own functions to virEventPollRunOnce), lights
// the node of the selected event, or of the newest one while nothing is selected,
// selects the next event of a node when it is clicked, and fits every label at its
// natural width.
#include "recordedsessions.h"

#include "docks/callflowwidget.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"

#include <QMetaEnum>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <string_view>

using namespace pollscope;
using namespace pollscope::test;
using namespace pollscope::ui;

using Node = CallFlowWidget::Node;
Q_DECLARE_METATYPE(pollscope::ui::CallFlowWidget::Node)

namespace {

qsizetype find(const TraceStore &store, EventKind kind, qsizetype from = 0)
{
    for (qsizetype i = from; i < store.size(); ++i) {
        if (store.at(i).kind == kind)
            return i;
    }
    return -1;
}

const char *nodeName(Node node)
{
    return QMetaEnum::fromType<Node>().valueToKey(int(node));
}

} // namespace

class TestCallFlowWidget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void functionsMapToNodes_data();
    void functionsMapToNodes();
    void everyKindHasANode();
    void addHandleLightsTheStepThatRegistersIt();
    void litNodeFollowsTheSelection_data();
    void litNodeFollowsTheSelection();
    void newestEventIsLitWhileNothingIsSelected();
    void clickingANodeSelectsItsNextEvent();
    void labelsFitAtTheNaturalWidth();

private:
    TraceSession m_daemon;
};

void TestCallFlowWidget::initTestCase()
{
    QTemporaryDir folder;
    QString error;
    m_daemon = recordDaemonSession(folder.path(), &error);
    QVERIFY2(!m_daemon.events.empty(), qPrintable(error));
}

void TestCallFlowWidget::functionsMapToNodes_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<Node>("node");
    const std::pair<const char *, Node> table[] = {
        {"virEventPollInit", Node::PollInit},
        {"virEventPollAddHandle", Node::RunOnce},
        {"virEventPollUpdateHandle", Node::RunOnce},
        {"virEventPollRemoveHandle", Node::RunOnce},
        {"virEventPollAddTimeout", Node::RunOnce},
        {"virEventPollRunOnce", Node::RunOnce},
        {"virEventPollCleanupHandles", Node::RunOnce},
        {"virFreeCallback", Node::RunOnce},
        {"virEventPollMakePollFDs", Node::RunOnce},
        {"poll", Node::RunOnce},
        {"virEventPollDispatchHandles", Node::RunOnce},
        {"virEventPollInterruptLocked", Node::RunOnce},
        {"virEventPollHandleWakeup", Node::RunOnce},
        {"qemudInitialize", Node::Initialize},
        {"daemonSetupSignals", Node::SetupSignals},
        {"qemudNetworkInit", Node::NetworkInit},
        {"remoteInitializeGnuTLS", Node::NetworkInit},
        {"qemudListenUnix", Node::ListenUnix},
        {"remoteListenTCP", Node::ListenTcp},
        {"qemudStartEventLoop", Node::StartEventLoop},
        {"qemudRunLoop", Node::RunLoop},
        {"qemudNetworkEnable", Node::NetworkEnable},
        {"qemudDispatchServerEvent", Node::DispatchServerEvent},
        {"qemudDispatchServer", Node::DispatchServer},
        {"qemudRegisterClientEvent", Node::RegisterClientEvent},
        {"qemudCalculateHandleMode", Node::RegisterClientEvent},
        {"qemudDispatchClientEvent", Node::DispatchClientEvent},
        {"qemudDispatchClientHandshake", Node::DispatchClientEvent},
        {"remoteCheckCertificate", Node::DispatchClientEvent},
        {"qemudDispatchClientRead", Node::ClientRead},
        {"qemudDispatchClientWrite", Node::ClientWrite},
        {"qemudClientMessageRelease", Node::ClientWrite},
        {"qemudDispatchClientFailure", Node::ClientFailure},
        {"qemudUpdateClientEvent", Node::UpdateClientEvent},
        {"qemudDispatchSignalEvent", Node::DispatchSignalEvent},
        {"qemudInactiveTimer", Node::RunLoop},
        {"qemudFreeClient", Node::RunLoop},
        {"qemudCleanup", Node::Main},
        {"qemudWorker", Node::Worker},
        {"qemudStartWorker", Node::Worker},
        {"remoteDispatchClientRequest", Node::RemoteDispatch},
        {"virKeepAliveCheckMessage", Node::ClientRead},
        {"virKeepAliveTimer", Node::RunOnce},
        {"client", Node::Client},
        {"note", Node::None},
        {"noSuchFunction", Node::None},
    };
    for (const auto &[function, node] : table)
        QTest::newRow(function) << QString::fromLatin1(function) << node;
}

void TestCallFlowWidget::functionsMapToNodes()
{
    QFETCH(QString, function);
    QFETCH(Node, node);
    QCOMPARE(nodeName(CallFlowWidget::nodeForFunction(function)), nodeName(node));
}

void TestCallFlowWidget::everyKindHasANode()
{
    for (int kind = 0; kind < int(EventKind::Count); ++kind) {
        const EventKindInfo &info = eventKindInfo(EventKind(kind));
        if (EventKind(kind) == EventKind::Note || std::string_view(info.function) == "StepControl"
            || std::string_view(info.function) == "ScenarioRunner" || EventKind(kind) == EventKind::TraceLost)
            continue; // narration, pollscope's own step control, its questions and its tracer's gaps belong to no libvirt function
        const Node node = CallFlowWidget::nodeForFunction(QLatin1StringView(info.function));
        QVERIFY2(node != Node::None, info.function);
        QVERIFY(!CallFlowWidget::nodeLabel(node).isEmpty());
        QVERIFY(!CallFlowWidget::nodeDescription(node).isEmpty());
    }
}

void TestCallFlowWidget::addHandleLightsTheStepThatRegistersIt()
{
    TraceStore store;
    store.setSession(m_daemon);
    QMap<QString, Node> byCallback;
    const TraceSession recorded = store.toSession();
    for (const TraceEvent &event : recorded.events) {
        if (event.kind == EventKind::AddHandle && event.text)
            byCallback[QString::fromUtf8(event.text)] = CallFlowWidget::nodeForEvent(event);
    }
    QCOMPARE(nodeName(byCallback.value(QStringLiteral("virEventPollHandleWakeup"))), nodeName(Node::RunOnce));
    QCOMPARE(nodeName(byCallback.value(QStringLiteral("qemudDispatchSignalEvent"))), nodeName(Node::SetupSignals));
    QCOMPARE(nodeName(byCallback.value(QStringLiteral("qemudDispatchServerEvent"))), nodeName(Node::AddServerHandle));
    QCOMPARE(nodeName(byCallback.value(QStringLiteral("qemudDispatchClientEvent"))),
             nodeName(Node::RegisterClientEvent));
}

void TestCallFlowWidget::litNodeFollowsTheSelection_data()
{
    QTest::addColumn<EventKind>("kind");
    QTest::addColumn<Node>("node");
    QTest::newRow("init") << EventKind::ServerInit << Node::Initialize;
    QTest::newRow("loop init") << EventKind::LoopInit << Node::PollInit;
    QTest::newRow("listen") << EventKind::ListenUnix << Node::ListenUnix;
    QTest::newRow("enable") << EventKind::NetworkEnable << Node::NetworkEnable;
    QTest::newRow("poll") << EventKind::PollBegin << Node::RunOnce;
    QTest::newRow("server event") << EventKind::DispatchServerEvent << Node::DispatchServerEvent;
    QTest::newRow("accept") << EventKind::Accept << Node::DispatchServer;
    QTest::newRow("register") << EventKind::RegisterClientEvent << Node::RegisterClientEvent;
    QTest::newRow("client event") << EventKind::DispatchClientEvent << Node::DispatchClientEvent;
    QTest::newRow("read") << EventKind::ClientRead << Node::ClientRead;
    QTest::newRow("job") << EventKind::WorkerJobBegin << Node::Worker;
    QTest::newRow("request") << EventKind::RemoteDispatchBegin << Node::RemoteDispatch;
    QTest::newRow("reply") << EventKind::ReplyQueued << Node::RemoteDispatch;
    QTest::newRow("update") << EventKind::UpdateClientEvent << Node::UpdateClientEvent;
    QTest::newRow("write") << EventKind::ClientWrite << Node::ClientWrite;
    QTest::newRow("signal") << EventKind::DispatchSignalEvent << Node::DispatchSignalEvent;
    QTest::newRow("cleanup") << EventKind::ServerCleanup << Node::Main;
}

void TestCallFlowWidget::litNodeFollowsTheSelection()
{
    QFETCH(EventKind, kind);
    QFETCH(Node, node);
    TraceStore store;
    TraceCursor cursor(&store);
    CallFlowWidget flow(&cursor);
    store.setSession(m_daemon);
    QSignalSpy changed(&flow, &CallFlowWidget::litNodeChanged);

    const qsizetype index = find(store, kind);
    QVERIFY2(index >= 0, eventKindInfo(kind).name);
    cursor.select(index);
    QCOMPARE(nodeName(flow.litNode()), nodeName(node));
    if (changed.count() > 0)
        QCOMPARE(changed.last().at(0).value<Node>(), node);
}

void TestCallFlowWidget::newestEventIsLitWhileNothingIsSelected()
{
    TraceStore store;
    TraceCursor cursor(&store);
    CallFlowWidget flow(&cursor);
    QCOMPARE(flow.litNode(), Node::None);

    // Batches as in a live run: the newest event's node is lit after each.
    const std::vector<TraceEvent> &events = m_daemon.events;
    for (size_t first = 0; first < events.size(); first += 7) {
        const size_t last = std::min(events.size(), first + 7);
        store.append(std::vector<TraceEvent>(events.begin() + ptrdiff_t(first), events.begin() + ptrdiff_t(last)),
                     m_daemon.threadNames);
        QCOMPARE(nodeName(flow.litNode()), nodeName(CallFlowWidget::nodeForEvent(events[last - 1])));
    }

    // A selection wins over the newest event until it is cleared.
    const qsizetype accept = find(store, EventKind::Accept);
    cursor.select(accept);
    QCOMPARE(flow.litNode(), Node::DispatchServer);
    store.append({events.front()}, m_daemon.threadNames);
    QCOMPARE(flow.litNode(), Node::DispatchServer);
    cursor.clearSelection();
    QCOMPARE(nodeName(flow.litNode()), nodeName(CallFlowWidget::nodeForEvent(events.front())));
    store.clear();
    QCOMPARE(flow.litNode(), Node::None);
}

void TestCallFlowWidget::clickingANodeSelectsItsNextEvent()
{
    TraceStore store;
    TraceCursor cursor(&store);
    CallFlowWidget flow(&cursor);
    flow.resize(flow.sizeHint());
    flow.show();
    QVERIFY(QTest::qWaitForWindowExposed(&flow));
    store.setSession(m_daemon);

    auto click = [&](Node node) {
        const QRect rect = flow.nodeRect(node);
        QVERIFY(!rect.isEmpty());
        QWidget *canvas = flow.widget();
        QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->mapFrom(&flow, rect.center()));
    };

    // The first poll, then the next one after it.
    click(Node::RunOnce);
    const qsizetype firstLoopEvent = cursor.selected();
    QVERIFY(firstLoopEvent >= 0);
    QCOMPARE(nodeName(CallFlowWidget::nodeForEvent(store.at(firstLoopEvent))), nodeName(Node::RunOnce));
    for (qsizetype i = 0; i < firstLoopEvent; ++i)
        QVERIFY(CallFlowWidget::nodeForEvent(store.at(i)) != Node::RunOnce);
    click(Node::RunOnce);
    QVERIFY(cursor.selected() > firstLoopEvent);

    click(Node::DispatchServer);
    QCOMPARE_EQ(cursor.selected(), find(store, EventKind::Accept));
    QCOMPARE(flow.litNode(), Node::DispatchServer);
}

void TestCallFlowWidget::labelsFitAtTheNaturalWidth()
{
    TraceStore store;
    TraceCursor cursor(&store);
    CallFlowWidget flow(&cursor);
    // As tall as a dock might be: shorter than the diagram, so it scrolls.
    flow.resize(flow.sizeHint().width(), 400);
    flow.show();
    QVERIFY(QTest::qWaitForWindowExposed(&flow));

    QFont bold = flow.widget()->font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    QRect previous;
    for (int node = 0; node < int(Node::Count); ++node) {
        const QRect rect = flow.nodeRect(Node(node));
        QVERIFY2(!rect.isEmpty(), nodeName(Node(node)));
        // Lines never overlap, and a lit (bold) label is never cut.
        QVERIFY(!rect.intersects(previous));
        QVERIFY2(metrics.horizontalAdvance(CallFlowWidget::nodeLabel(Node(node))) <= rect.width() - 16,
                 nodeName(Node(node)));
        previous = rect;
    }
    // Narrower than that, as a dock may be, it still lays out: labels are elided.
    flow.resize(160, 300);
    QVERIFY(!flow.nodeRect(Node::RemoteDispatch).isEmpty());
}

QTEST_MAIN(TestCallFlowWidget)
#include "tst_callflowwidget.moc"
