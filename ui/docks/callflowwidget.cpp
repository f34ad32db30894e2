#include "callflowwidget.h"

#include "session/tracecursor.h"
#include "trace/callbackrole.h"
#include "session/tracestore.h"
#include "timeline/timelinestyle.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cstring>

namespace pollscope::ui {

namespace {

using Node = CallFlowWidget::Node;

// One line of the diagram: a section heading, or a node at an indentation level.
struct Line
{
    Node node;           // Node::None for a heading
    int level;           // indentation; children hang from the nearest line above one level up
    const char *heading; // for headings, translated in the CallFlowWidget context
};

constexpr std::array kLines = {
    Line{Node::None, 0, QT_TRANSLATE_NOOP("pollscope::ui::CallFlowWidget", "main thread: start-up")},
    Line{Node::Main, 0, nullptr},
    Line{Node::Initialize, 1, nullptr},
    Line{Node::RegisterDefaultImpl, 2, nullptr},
    Line{Node::PollInit, 3, nullptr},
    Line{Node::SetupSignals, 1, nullptr},
    Line{Node::NetworkInit, 1, nullptr},
    Line{Node::ListenUnix, 2, nullptr},
    Line{Node::ListenTcp, 2, nullptr},
    Line{Node::StartEventLoop, 1, nullptr},
    Line{Node::RunLoop, 2, nullptr},
    Line{Node::RunOnce, 3, nullptr},
    Line{Node::NetworkEnable, 1, nullptr},
    Line{Node::AddServerHandle, 2, nullptr},
    Line{Node::None, 0, QT_TRANSLATE_NOOP("pollscope::ui::CallFlowWidget", "event thread: callbacks RunOnce dispatches")},
    Line{Node::DispatchServerEvent, 0, nullptr},
    Line{Node::DispatchServer, 1, nullptr},
    Line{Node::RegisterClientEvent, 2, nullptr},
    Line{Node::DispatchClientEvent, 0, nullptr},
    Line{Node::ClientRead, 1, nullptr},
    Line{Node::ClientWrite, 1, nullptr},
    Line{Node::ClientFailure, 1, nullptr},
    Line{Node::DispatchSignalEvent, 0, nullptr},
    Line{Node::None, 0, QT_TRANSLATE_NOOP("pollscope::ui::CallFlowWidget", "worker threads")},
    Line{Node::Worker, 0, nullptr},
    Line{Node::RemoteDispatch, 1, nullptr},
    Line{Node::UpdateClientEvent, 2, nullptr},
    Line{Node::None, 0, QT_TRANSLATE_NOOP("pollscope::ui::CallFlowWidget", "outside the daemon")},
    Line{Node::Client, 0, nullptr},
};

// Every line belongs to the section of the heading above it.
static_assert(kLines.front().node == Node::None, "the diagram starts with a heading");

struct FunctionNode
{
    const char *function;
    Node node;
};

// Every function named in eventkind.h. The loop's own functions light RunOnce:
// they are the phases of one iteration.
constexpr std::array kFunctionNodes = {
    FunctionNode{"virEventPollInit", Node::PollInit},
    FunctionNode{"virEventPollAddHandle", Node::RunOnce},
    FunctionNode{"virEventPollUpdateHandle", Node::RunOnce},
    FunctionNode{"virEventPollRemoveHandle", Node::RunOnce},
    FunctionNode{"virEventPollAddTimeout", Node::RunOnce},
    FunctionNode{"virEventPollUpdateTimeout", Node::RunOnce},
    FunctionNode{"virEventPollRemoveTimeout", Node::RunOnce},
    FunctionNode{"virEventPollRunOnce", Node::RunOnce},
    FunctionNode{"virEventPollCleanupTimeouts", Node::RunOnce},
    FunctionNode{"virEventPollCleanupHandles", Node::RunOnce},
    FunctionNode{"virFreeCallback", Node::RunOnce},
    FunctionNode{"virEventPollMakePollFDs", Node::RunOnce},
    FunctionNode{"virEventPollCalculateTimeout", Node::RunOnce},
    FunctionNode{"poll", Node::RunOnce},
    FunctionNode{"virEventPollDispatchTimeouts", Node::RunOnce},
    FunctionNode{"virEventPollDispatchHandles", Node::RunOnce},
    FunctionNode{"virEventPollInterruptLocked", Node::RunOnce},
    FunctionNode{"virEventPollHandleWakeup", Node::RunOnce},
    FunctionNode{"qemudInitialize", Node::Initialize},
    FunctionNode{"daemonSetupSignals", Node::SetupSignals},
    FunctionNode{"qemudListenUnix", Node::ListenUnix},
    FunctionNode{"remoteListenTCP", Node::ListenTcp},
    FunctionNode{"qemudNetworkInit", Node::NetworkInit},
    // Loads the TLS credentials inside qemudNetworkInit, before the TLS listener.
    FunctionNode{"remoteInitializeGnuTLS", Node::NetworkInit},
    FunctionNode{"qemudStartEventLoop", Node::StartEventLoop},
    FunctionNode{"qemudRunLoop", Node::RunLoop},
    FunctionNode{"qemudNetworkEnable", Node::NetworkEnable},
    FunctionNode{"qemudDispatchServerEvent", Node::DispatchServerEvent},
    FunctionNode{"qemudDispatchServer", Node::DispatchServer},
    FunctionNode{"qemudRegisterClientEvent", Node::RegisterClientEvent},
    // Computes the mode for registering (seed, section 7) and for every update.
    FunctionNode{"qemudCalculateHandleMode", Node::RegisterClientEvent},
    FunctionNode{"qemudDispatchSignalEvent", Node::DispatchSignalEvent},
    // Created, and reacted to, by the event thread's loop body.
    FunctionNode{"qemudInactiveTimer", Node::RunLoop},
    FunctionNode{"qemudCleanup", Node::Main},
    FunctionNode{"qemudDispatchClientEvent", Node::DispatchClientEvent},
    // A TLS client's handshake steps and certificate check run inside the client's
    // callback, in place of its reads and writes.
    FunctionNode{"qemudDispatchClientHandshake", Node::DispatchClientEvent},
    FunctionNode{"remoteCheckCertificate", Node::DispatchClientEvent},
    FunctionNode{"qemudDispatchClientRead", Node::ClientRead},
    FunctionNode{"qemudDispatchClientWrite", Node::ClientWrite},
    FunctionNode{"qemudClientMessageRelease", Node::ClientWrite},
    FunctionNode{"qemudUpdateClientEvent", Node::UpdateClientEvent},
    FunctionNode{"qemudDispatchClientFailure", Node::ClientFailure},
    // Closed clients are reaped by qemudRunLoop after an iteration.
    FunctionNode{"qemudFreeClient", Node::RunLoop},
    FunctionNode{"virKeepAliveCheckMessage", Node::ClientRead},
    // libvirtd 9's steps, drawn at the 0.9 step they stand in for.
    FunctionNode{"virEventRunDefaultImpl", Node::RunOnce},
    FunctionNode{"virNetSocketNew", Node::DispatchServer},
    FunctionNode{"virNetSocketDispose", Node::RunLoop},
    FunctionNode{"virNetServerCheckLimits", Node::DispatchServer},
    FunctionNode{"virNetServerClientCloseLocked", Node::ClientFailure},
    FunctionNode{"virKeepAliveStart", Node::ClientRead},
    FunctionNode{"virNetServerDispatchNewMessage", Node::ClientRead},
    FunctionNode{"virNetServerHandleJob", Node::Worker},
    FunctionNode{"virNetServerProgramDispatch", Node::RemoteDispatch},
    // A timer callback: the loop dispatches it like any other timer.
    FunctionNode{"virKeepAliveTimer", Node::RunOnce},
    FunctionNode{"qemudStartWorker", Node::Worker},
    FunctionNode{"qemudStopWorker", Node::Worker},
    FunctionNode{"qemudWorker", Node::Worker},
    FunctionNode{"remoteDispatchClientRequest", Node::RemoteDispatch},
    // Domain events: registration and the state change happen inside a call; the
    // relay runs in the driver's timer, which RunOnce dispatches.
    FunctionNode{"remoteDispatchConnectDomainEventCallbackRegisterAny", Node::RemoteDispatch},
    FunctionNode{"remoteDispatchConnectDomainEventCallbackDeregisterAny", Node::RemoteDispatch},
    FunctionNode{"virObjectEventStateQueue", Node::RemoteDispatch},
    FunctionNode{"remoteRelayDomainEventLifecycle", Node::RunOnce},
    FunctionNode{"client", Node::Client},
    // Narration is not a step of any function.
    FunctionNode{"note", Node::None},
    // pollscope's step control is not libvirt's: it lights nothing.
    FunctionNode{"StepControl", Node::None},
    // Nor are its questions.
    FunctionNode{"ScenarioRunner", Node::None},
};

constexpr int kIndent = 14;
constexpr int kMargin = 6;
constexpr int kGutter = 22; // room on the right for the dispatch and wakeup arrows
constexpr int kTextPadding = 16; // the family chip on the left of a label, and a margin on its right

} // namespace

// The painted diagram inside the scroll area.
class CallFlowCanvas : public QWidget
{
public:
    explicit CallFlowCanvas(CallFlowWidget *owner)
        : QWidget(owner)
        , m_owner(owner)
    {
        setMouseTracking(true);
    }

    int lineHeight() const { return fontMetrics().height() + 8; }
    int naturalHeight() const { return int(kLines.size()) * lineHeight() + 2 * kMargin + legendHeight(); }
    int legendHeight() const { return fontMetrics().height() + 6; }

    // Wide enough for every label in bold, the way the lit node is drawn.
    QSize sizeHint() const override
    {
        QFont bold = font();
        bold.setBold(true);
        const QFontMetrics metrics(bold);
        int widest = 0;
        for (const Line &line : kLines) {
            if (line.node != Node::None)
                widest = std::max(widest, line.level * kIndent + kTextPadding
                                              + metrics.horizontalAdvance(CallFlowWidget::nodeLabel(line.node)));
        }
        return {widest + kGutter + 2 * kMargin, naturalHeight()};
    }
    QSize minimumSizeHint() const override { return {160, naturalHeight()}; }

    QRect lineRect(size_t line) const
    {
        return {kMargin, kMargin + int(line) * lineHeight(), width() - 2 * kMargin, lineHeight()};
    }

    QRect boxRect(size_t line) const
    {
        const QRect row = lineRect(line);
        const int indent = kLines[line].level * kIndent;
        return QRect(row.left() + indent, row.top() + 2, row.width() - indent - kGutter, row.height() - 4);
    }

    QRect nodeRect(Node node) const
    {
        for (size_t line = 0; line < kLines.size(); ++line) {
            if (kLines[line].node == node)
                return boxRect(line);
        }
        return {};
    }

    Node nodeAt(const QPoint &position) const
    {
        for (size_t line = 0; line < kLines.size(); ++line) {
            if (kLines[line].node != Node::None && boxRect(line).contains(position))
                return kLines[line].node;
        }
        return Node::None;
    }

protected:
    void paintEvent(QPaintEvent *) override;

    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            const Node node = nodeAt(help->pos());
            if (node == Node::None)
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(),
                                   QStringLiteral("<b>%1</b><br>%2")
                                       .arg(CallFlowWidget::nodeLabel(node).toHtmlEscaped(),
                                            CallFlowWidget::nodeDescription(node).toHtmlEscaped()),
                                   this);
            return true;
        }
        return QWidget::event(event);
    }

    void mouseMoveEvent(QMouseEvent *event) override
    {
        setCursor(nodeAt(event->position().toPoint()) == Node::None ? Qt::ArrowCursor : Qt::PointingHandCursor);
    }

    void mousePressEvent(QMouseEvent *event) override
    {
        const Node node = nodeAt(event->position().toPoint());
        if (event->button() == Qt::LeftButton && node != Node::None)
            m_owner->selectNextEventOf(node);
    }

private:
    // Whether `line` lies on the path from main() (or its section's root) to the lit node.
    bool onLitPath(size_t line) const;
    void paintArrow(QPainter &painter, int x, int fromY, int toY, const QColor &color, Qt::PenStyle style) const;

    CallFlowWidget *m_owner;
};

bool CallFlowCanvas::onLitPath(size_t line) const
{
    const auto lit = std::find_if(kLines.begin(), kLines.end(), [this](const Line &entry) {
        return entry.node != Node::None && entry.node == m_owner->litNode();
    });
    if (lit == kLines.end())
        return false;
    // Walk up from the lit node: each ancestor is the nearest line above, one level up.
    int level = lit->level;
    size_t i = size_t(lit - kLines.begin());
    while (i-- > 0 && kLines[i].node != Node::None) {
        if (kLines[i].level == level - 1) {
            if (i == line)
                return true;
            --level;
        }
    }
    // The walk stopped at the heading of the lit node's section. A callback runs
    // inside RunOnce, on the event thread's stack: light that path too.
    const bool inCallbacks = kLines[i + 1].node == Node::DispatchServerEvent;
    return inCallbacks && (kLines[line].node == Node::RunOnce || kLines[line].node == Node::RunLoop);
}

void CallFlowCanvas::paintArrow(QPainter &painter, int x, int fromY, int toY, const QColor &color,
                                Qt::PenStyle style) const
{
    const int boxRight = width() - kMargin - kGutter;
    QPen pen(color, 1.5, style);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    QPainterPath path;
    path.moveTo(boxRight, fromY);
    path.lineTo(x, fromY);
    path.lineTo(x, toY);
    path.lineTo(boxRight + 4, toY);
    painter.drawPath(path);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    const QPointF tip(boxRight, toY);
    painter.drawPolygon(QPolygonF({tip, tip + QPointF(6, -4), tip + QPointF(6, 4)}));
}

void CallFlowCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor faint = pal.color(QPalette::Mid);
    const Node lit = m_owner->litNode();

    // Tree connectors first, under the boxes.
    painter.setPen(QPen(faint, 1));
    for (size_t line = 0; line < kLines.size(); ++line) {
        if (kLines[line].node == Node::None || kLines[line].level == 0)
            continue;
        for (size_t parent = line; parent-- > 0;) {
            if (kLines[parent].node == Node::None)
                break;
            if (kLines[parent].level == kLines[line].level - 1) {
                const QRect from = boxRect(parent);
                const QRect to = boxRect(line);
                const int x = from.left() + kIndent / 2;
                painter.drawLine(x, from.bottom(), x, to.center().y());
                painter.drawLine(x, to.center().y(), to.left(), to.center().y());
                break;
            }
        }
    }

    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);

    for (size_t line = 0; line < kLines.size(); ++line) {
        const Line &entry = kLines[line];
        if (entry.node == Node::None) {
            const QRect row = lineRect(line).adjusted(0, 4, 0, 0);
            painter.setFont(small);
            painter.setPen(faint);
            const QString heading = CallFlowWidget::tr(entry.heading);
            painter.drawText(row, Qt::AlignLeft | Qt::AlignVCenter,
                             painter.fontMetrics().elidedText(heading, Qt::ElideRight, row.width()));
            continue;
        }
        const QRect box = boxRect(line);
        const QColor family = TimelineStyle::familyColor(CallFlowWidget::nodeFamily(entry.node));
        const bool isLit = entry.node == lit;
        const bool onPath = !isLit && onLitPath(line);

        QColor fill = pal.color(QPalette::Base);
        if (isLit) {
            fill = family;
            fill.setAlpha(70);
        } else if (onPath) {
            fill = family;
            fill.setAlpha(22);
        }
        painter.setPen(QPen(isLit ? family : (onPath ? family.lighter(120) : faint), isLit ? 2 : 1));
        painter.setBrush(fill);
        painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);

        // A family chip at the left edge, so the colours match the timeline and the log.
        painter.setPen(Qt::NoPen);
        painter.setBrush(family);
        painter.drawRoundedRect(QRectF(box.left() + 3, box.top() + 4, 3, box.height() - 8), 1.5, 1.5);

        painter.setFont(isLit ? bold : font());
        painter.setPen(text);
        const QRect textRect = box.adjusted(kTextPadding - 6, 0, -6, 0);
        painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(CallFlowWidget::nodeLabel(entry.node), Qt::ElideRight,
                                                          textRect.width()));
    }

    // RunOnce calls the callbacks below it; a worker's update wakes RunOnce up.
    const int runOnceY = nodeRect(Node::RunOnce).center().y();
    const int x1 = width() - kMargin - kGutter / 2 + 4;
    const int x2 = width() - kMargin - kGutter / 2 - 4;
    paintArrow(painter, x1, runOnceY - 3, nodeRect(Node::DispatchServerEvent).center().y(),
               TimelineStyle::familyColor(EventFamily::LoopPhase), Qt::SolidLine);
    paintArrow(painter, x2, nodeRect(Node::UpdateClientEvent).center().y(), runOnceY + 3,
               TimelineStyle::familyColor(EventFamily::Wakeup), Qt::DashLine);

    // What the two arrows mean.
    const QRect legend(kMargin, height() - kMargin - legendHeight(), width() - 2 * kMargin, legendHeight());
    painter.setFont(small);
    painter.setPen(faint);
    painter.drawText(legend, Qt::AlignLeft | Qt::AlignVCenter,
                     painter.fontMetrics().elidedText(CallFlowWidget::tr("solid: dispatches · dashed: wakeup pipe"),
                                                      Qt::ElideRight, legend.width()));
}

CallFlowWidget::CallFlowWidget(TraceCursor *cursor, QWidget *parent)
    : QScrollArea(parent)
    , m_cursor(cursor)
    , m_store(cursor->store())
    , m_canvas(new CallFlowCanvas(this))
{
    setWidget(m_canvas);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_cursor, &TraceCursor::selectionChanged, this, &CallFlowWidget::onSelectionChanged);
    connect(m_store, &TraceStore::appended, this, &CallFlowWidget::onStoreChanged);
    connect(m_store, &TraceStore::reset, this, &CallFlowWidget::onStoreChanged);
    onStoreChanged();
}

void CallFlowWidget::changeEvent(QEvent *event)
{
    // The labels' widths, and so the room the diagram asks for, change with the language.
    if (event->type() == QEvent::LanguageChange) {
        m_canvas->updateGeometry();
        updateGeometry();
    }
    QScrollArea::changeEvent(event);
}

QSize CallFlowWidget::sizeHint() const
{
    const QSize canvas = m_canvas->sizeHint();
    const int frame = 2 * frameWidth();
    return {canvas.width() + verticalScrollBar()->sizeHint().width() + frame, canvas.height() + frame};
}

CallFlowWidget::Node CallFlowWidget::nodeForFunction(QAnyStringView function)
{
    for (const FunctionNode &entry : kFunctionNodes) {
        if (QAnyStringView::equal(function, QLatin1StringView(entry.function)))
            return entry.node;
    }
    return Node::None;
}

CallFlowWidget::Node CallFlowWidget::nodeForEvent(const TraceEvent &event)
{
    // Adding a handle is drawn at the daemon step that asks for it, known by the
    // callback's role.
    if (event.kind == EventKind::AddHandle && event.has(TraceField::Role)) {
        switch (CallbackRole(event.role)) {
        case CallbackRole::Listener:
            return Node::AddServerHandle;
        case CallbackRole::Client:
            return Node::RegisterClientEvent;
        case CallbackRole::SignalPipe:
            return Node::SetupSignals;
        default:
            break;
        }
    }
    return nodeForFunction(QLatin1StringView(eventKindInfo(event.kind).function));
}

QString CallFlowWidget::nodeLabel(Node node)
{
    switch (node) {
    case Node::Main:
        return QStringLiteral("main()");
    case Node::Initialize:
        return QStringLiteral("qemudInitialize");
    case Node::RegisterDefaultImpl:
        return QStringLiteral("virEventRegisterDefaultImpl");
    case Node::PollInit:
        return QStringLiteral("virEventPollInit");
    case Node::SetupSignals:
        return QStringLiteral("daemonSetupSignals");
    case Node::NetworkInit:
        return QStringLiteral("qemudNetworkInit");
    case Node::ListenUnix:
        return QStringLiteral("qemudListenUnix");
    case Node::ListenTcp:
        return QStringLiteral("remoteListenTCP");
    case Node::StartEventLoop:
        return QStringLiteral("qemudStartEventLoop");
    case Node::RunLoop:
        return QStringLiteral("qemudRunLoop");
    case Node::RunOnce:
        return QStringLiteral("virEventPollRunOnce");
    case Node::NetworkEnable:
        return QStringLiteral("qemudNetworkEnable");
    case Node::AddServerHandle:
        return tr("virEventAddHandle per socket");
    case Node::DispatchServerEvent:
        return QStringLiteral("qemudDispatchServerEvent");
    case Node::DispatchServer:
        return tr("qemudDispatchServer: accept");
    case Node::RegisterClientEvent:
        return QStringLiteral("qemudRegisterClientEvent");
    case Node::DispatchClientEvent:
        return QStringLiteral("qemudDispatchClientEvent");
    case Node::ClientRead:
        return QStringLiteral("qemudDispatchClientRead");
    case Node::ClientWrite:
        return QStringLiteral("qemudDispatchClientWrite");
    case Node::ClientFailure:
        return QStringLiteral("qemudDispatchClientFailure");
    case Node::DispatchSignalEvent:
        return QStringLiteral("qemudDispatchSignalEvent");
    case Node::Worker:
        return QStringLiteral("qemudWorker");
    case Node::RemoteDispatch:
        return QStringLiteral("remoteDispatchClientRequest");
    case Node::UpdateClientEvent:
        return QStringLiteral("qemudUpdateClientEvent");
    case Node::Client:
        return tr("client (virsh, scripted)");
    case Node::None:
    case Node::Count:
        break;
    }
    return {};
}

QString CallFlowWidget::nodeDescription(Node node)
{
    switch (node) {
    case Node::Main:
        return tr("The daemon's main(): it sets everything up in order, then waits for the event thread to end.");
    case Node::Initialize:
        return tr("Creates the server and registers the default event implementation.");
    case Node::RegisterDefaultImpl:
        return tr("Initialises the poll loop, then installs its six functions (add, update and remove of handles "
                  "and timeouts) as the process's event implementation.");
    case Node::PollInit:
        return tr("Initialises the one global eventLoop and registers the wakeup pipe as watch 1.");
    case Node::SetupSignals:
        return tr("Makes the signal pipe and adds its read end to the loop.");
    case Node::NetworkInit:
        return tr("Creates the listening sockets; none is in the loop yet.");
    case Node::ListenUnix:
        return tr("A UNIX listening socket, with its permissions.");
    case Node::ListenTcp:
        return tr("A TCP listening socket (only with --listen).");
    case Node::StartEventLoop:
        return tr("Starts the event thread.");
    case Node::RunLoop:
        return tr("The event thread's body: starts workers, runs the loop, reaps closed clients.");
    case Node::RunOnce:
        return tr("One loop iteration: cleanup, build the poll set, poll, dispatch timers and handles, cleanup. "
                  "Every event of the loop itself lights this node.");
    case Node::NetworkEnable:
        return tr("Registers every listening socket with the loop.");
    case Node::AddServerHandle:
        return tr("virEventAddHandle(fd, READABLE|ERROR|HANGUP, qemudDispatchServerEvent, server) for each socket.");
    case Node::DispatchServerEvent:
        return tr("The listeners' shared callback: finds the socket by its watch, then accepts.");
    case Node::DispatchServer:
        return tr("Accepts the connection and creates the client.");
    case Node::RegisterClientEvent:
        return tr("Adds the client's socket to the loop, with the mode qemudCalculateHandleMode gives.");
    case Node::DispatchClientEvent:
        return tr("The clients' shared callback: finds the client by its watch, then writes, reads or fails it.");
    case Node::ClientRead:
        return tr("Reads the length word, then the message; a whole message is queued for a worker.");
    case Node::ClientWrite:
        return tr("Sends the transmit queue; a sent message may un-throttle the client.");
    case Node::ClientFailure:
        return tr("Removes the client's handle and closes its socket.");
    case Node::DispatchSignalEvent:
        return tr("Reads a signal from the signal pipe; SIGTERM and friends end the event thread.");
    case Node::Worker:
        return tr("A worker thread: takes a queued request from a client.");
    case Node::RemoteDispatch:
        return tr("Decodes the request, calls the driver, encodes the reply into the same buffer.");
    case Node::UpdateClientEvent:
        return tr("Asks the loop for WRITABLE now that a reply is queued; from a worker this writes the wakeup pipe.");
    case Node::Client:
        return tr("The program on the other end of the socket, outside the daemon.");
    case Node::None:
    case Node::Count:
        break;
    }
    return {};
}

EventFamily CallFlowWidget::nodeFamily(Node node)
{
    switch (node) {
    case Node::RegisterDefaultImpl:
    case Node::PollInit:
    case Node::RunOnce:
        return EventFamily::LoopPhase;
    case Node::RegisterClientEvent:
    case Node::DispatchClientEvent:
    case Node::ClientRead:
    case Node::ClientWrite:
    case Node::ClientFailure:
    case Node::UpdateClientEvent:
        return EventFamily::Client;
    case Node::Worker:
    case Node::RemoteDispatch:
        return EventFamily::Worker;
    case Node::Client:
        return EventFamily::Control;
    default:
        return EventFamily::Server;
    }
}

QRect CallFlowWidget::nodeRect(Node node) const
{
    const QRect rect = m_canvas->nodeRect(node);
    if (rect.isNull())
        return rect;
    return QRect(m_canvas->mapTo(this, rect.topLeft()), rect.size());
}

void CallFlowWidget::setLitNode(Node node)
{
    if (node == m_litNode)
        return;
    m_litNode = node;
    m_canvas->update();
    const QRect rect = m_canvas->nodeRect(node);
    if (!rect.isNull())
        ensureVisible(rect.center().x(), rect.center().y(), 0, rect.height());
    emit litNodeChanged(node);
}

void CallFlowWidget::onSelectionChanged(qsizetype index)
{
    if (index < 0) {
        onStoreChanged();
        return;
    }
    setLitNode(nodeForEvent(m_store->at(index)));
}

void CallFlowWidget::onStoreChanged()
{
    // With nothing selected, the newest event is the current one.
    if (m_cursor->selected() >= 0)
        return;
    setLitNode(m_store->isEmpty() ? Node::None : nodeForEvent(m_store->at(m_store->size() - 1)));
}

void CallFlowWidget::selectNextEventOf(Node node)
{
    const qsizetype size = m_store->size();
    const qsizetype start = m_cursor->selected() + 1;
    for (qsizetype step = 0; step < size; ++step) {
        const qsizetype index = (start + step) % size;
        if (nodeForEvent(m_store->at(index)) == node) {
            m_cursor->select(index);
            return;
        }
    }
}

} // namespace pollscope::ui
