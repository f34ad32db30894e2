// Calls and how two traces' calls pair up: each call of type call is found with its
// reply queued and sent (by client and serial, or by its chain), numbered per client
// in order of first call, and paired with the same call of the same client on the
// other side; keepalive messages and replies of unknown calls are not calls.
#include "trace/callalignment.h"

#include <QTest>

using namespace pollscope;

namespace {

class Builder
{
public:
    Builder &receive(int client, uint32_t serial, int32_t type = 0, uint64_t flow = 0)
    {
        add(EventKind::MessageReceived, client, serial, flow).setMsgType(type).setProc(66);
        return *this;
    }
    Builder &queue(int client, uint32_t serial, uint64_t flow = 0)
    {
        add(EventKind::ReplyQueued, client, serial, flow);
        return *this;
    }
    Builder &send(int client, uint32_t serial, uint64_t flow = 0)
    {
        add(EventKind::MessageSent, client, serial, flow);
        return *this;
    }
    const TraceSession &session() const { return m_session; }

private:
    TraceEvent &add(EventKind kind, int client, uint32_t serial, uint64_t flow)
    {
        TraceEvent event{};
        event.seq = m_session.events.size() + 1;
        event.kind = kind;
        event.flow = flow;
        event.setClient(client).setSerial(serial);
        m_session.events.push_back(event);
        return m_session.events.back();
    }

    TraceSession m_session;
};

} // namespace

class TestCallAlignment : public QObject
{
    Q_OBJECT

private slots:
    void findsCallsWithTheirReplies();
    void pairsTheNthCallOfEachClient_data();
    void pairsTheNthCallOfEachClient();
};

void TestCallAlignment::findsCallsWithTheirReplies()
{
    Builder b;
    // Client 7 calls twice (the second reply found by its chain), client 3 once; a
    // keepalive message (type 2) and a reply to no call are not calls.
    b.receive(7, 1).queue(7, 1).send(7, 1);
    b.receive(3, 1).receive(7, 2, 0, 42).receive(7, 0, 2);
    b.queue(9, 5).send(9, 5);
    b.queue(3, 1).queue(7, 99, 42).send(7, 99, 42);
    const auto calls = clientCalls(b.session());
    QCOMPARE(calls.size(), size_t(3));
    QCOMPARE(calls[0].client, 1);
    QCOMPARE(calls[0].index, 0);
    QCOMPARE(calls[0].received, size_t(0));
    QCOMPARE(calls[0].queued, std::optional<size_t>(1));
    QCOMPARE(calls[0].sent, std::optional<size_t>(2));
    QCOMPARE(calls[1].client, 2);
    QCOMPARE(calls[1].queued, std::optional<size_t>(8));
    QVERIFY(!calls[1].sent);
    QCOMPARE(calls[1].last(), size_t(8));
    QCOMPARE(calls[2].client, 1);
    QCOMPARE(calls[2].index, 1);
    QCOMPARE(calls[2].queued, std::optional<size_t>(9));
    QCOMPARE(calls[2].sent, std::optional<size_t>(10));
}

void TestCallAlignment::pairsTheNthCallOfEachClient_data()
{
    QTest::addColumn<int>("callsAbove");
    QTest::addColumn<int>("callsBelow");
    QTest::addColumn<int>("clientsBelow");
    QTest::addColumn<int>("pairs");
    QTest::addRow("same session") << 4 << 4 << 1 << 4;
    QTest::addRow("fewer calls below") << 4 << 2 << 1 << 2;
    QTest::addRow("more calls below") << 3 << 10 << 1 << 3;
    QTest::addRow("below, the calls of two clients") << 2 << 4 << 2 << 2;
}

void TestCallAlignment::pairsTheNthCallOfEachClient()
{
    QFETCH(int, callsAbove);
    QFETCH(int, callsBelow);
    QFETCH(int, clientsBelow);
    QFETCH(int, pairs);
    Builder above;
    for (int i = 0; i < callsAbove; ++i)
        above.receive(4, uint32_t(i)).queue(4, uint32_t(i)).send(4, uint32_t(i));
    Builder below;
    for (int i = 0; i < callsBelow; ++i) {
        const int client = 10 + i % clientsBelow; // clients take turns
        below.receive(client, uint32_t(i)).queue(client, uint32_t(i)).send(client, uint32_t(i));
    }
    const auto a = clientCalls(above.session());
    const auto b = clientCalls(below.session());
    const auto aligned = alignCalls(a, b);
    QCOMPARE(int(aligned.size()), pairs);
    for (const auto &[top, bottom] : aligned) {
        QCOMPARE(a[top].client, b[bottom].client);
        QCOMPARE(a[top].index, b[bottom].index);
    }
}

QTEST_GUILESS_MAIN(TestCallAlignment)
#include "tst_callalignment.moc"
