// The call flow panel: the main() diagram of the seed note, painted as a tree of
// the daemon's functions, with the node of the current event lit up.
//
// main() calls qemudInitialize (which sets up the loop), qemudNetworkInit (which
// creates the listening sockets), qemudStartEventLoop (whose thread runs
// virEventPollRunOnce over and over) and qemudNetworkEnable (which registers the
// sockets with the loop). Below that, the callbacks the loop dispatches and the
// worker threads. Every libvirt function of eventkind.h maps to one node; the
// loop's own functions all map to virEventPollRunOnce.
//
// The lit node is the selected event's, or the newest event's while nothing is
// selected. Clicking a node selects the next event of that node.
#pragma once

#include "trace/traceevent.h"

#include <QScrollArea>
#include <QAnyStringView>

namespace pollscope::ui {

class CallFlowCanvas;
class TraceCursor;
class TraceStore;

class CallFlowWidget : public QScrollArea
{
    Q_OBJECT

public:
    enum class Node {
        None = -1,
        Main,
        Initialize,
        RegisterDefaultImpl,
        PollInit,
        SetupSignals,
        NetworkInit,
        ListenUnix,
        ListenTcp,
        StartEventLoop,
        RunLoop,
        RunOnce,
        NetworkEnable,
        AddServerHandle,
        DispatchServerEvent,
        DispatchServer,
        RegisterClientEvent,
        DispatchClientEvent,
        ClientRead,
        ClientWrite,
        ClientFailure,
        DispatchSignalEvent,
        Worker,
        RemoteDispatch,
        UpdateClientEvent,
        Client,
        Count
    };
    Q_ENUM(Node)

    explicit CallFlowWidget(TraceCursor *cursor, QWidget *parent = nullptr);

    Node litNode() const { return m_litNode; }

    // Room for every label unelided, and for a vertical scroll bar beside them.
    QSize sizeHint() const override;

    // The node a libvirt function name (EventKindInfo::function) belongs to.
    static Node nodeForFunction(QAnyStringView function);
    // The node of an event: its function's, except that an AddHandle lights the
    // step that registers it (the listeners, a client, the signal pipe).
    static Node nodeForEvent(const TraceEvent &event);
    static QString nodeLabel(Node node);
    static QString nodeDescription(Node node);
    static EventFamily nodeFamily(Node node);

    // Where a node is drawn, in this widget's coordinates (for tests and clicks).
    QRect nodeRect(Node node) const;

signals:
    void litNodeChanged(pollscope::ui::CallFlowWidget::Node node);

protected:
    void changeEvent(QEvent *event) override;

private:
    friend class CallFlowCanvas;

    void onSelectionChanged(qsizetype index);
    void onStoreChanged();
    void setLitNode(Node node);
    // Selects the first event of `node` after the selection, wrapping around.
    void selectNextEventOf(Node node);

    TraceCursor *m_cursor;
    TraceStore *m_store;
    CallFlowCanvas *m_canvas;
    Node m_litNode = Node::None;
};

} // namespace pollscope::ui
