#include "comparewindow.h"

#include "session/tracecursor.h"
#include "session/tracestore.h"
#include "timeline/timelinewidget.h"

#include "import/libvirtdlog.h"
#include "rpc/remoteprocedures.h"
#include "trace/traceloader.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QVBoxLayout>

namespace pollscope::ui {

namespace {

// A call's surroundings on screen: this much of the time the call takes, either side.
constexpr double kMargin = 0.25;
// At least this much either side: a log's steps are stamped in whole milliseconds, so
// a call of the real daemon may seem to take no time at all.
constexpr int64_t kMinMarginNs = 1'000'000;

} // namespace

CompareWindow::CompareWindow(QWidget *parent)
    : QWidget(parent)
    , m_callList(new QListWidget(this))
    , m_explanation(new QLabel(this))
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    for (int side = 0; side < 2; ++side) {
        Side &s = m_sides[size_t(side)];
        s.store = new TraceStore(this);
        s.cursor = new TraceCursor(s.store, this);
        auto *pane = new QWidget(splitter);
        auto *layout = new QVBoxLayout(pane);
        layout->setContentsMargins(0, 0, 0, 0);
        s.title = new QLabel(pane);
        s.timeline = new TimelineWidget(s.cursor, pane);
        layout->addWidget(s.title);
        layout->addWidget(s.timeline, 1);
        splitter->addWidget(pane);
        connect(s.cursor, &TraceCursor::selectionChanged, this, [this, side](qsizetype index) { onSelection(side, index); });
    }
    m_explanation->setWordWrap(true);
    m_explanation->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *side = new QVBoxLayout;
    side->addWidget(m_callList, 1);
    side->addWidget(m_explanation, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(splitter, 3);
    layout->addLayout(side, 1);
    connect(m_callList, &QListWidget::currentRowChanged, this, &CompareWindow::showCall);
    resize(1280, 800);
    retranslate();
}

void CompareWindow::retranslate()
{
    setWindowTitle(tr("Then and now: two traces, aligned by client message"));
    m_explanation->setText(explanation());
}

bool CompareWindow::open(const QString &top, const QString &bottom)
{
    std::array<TraceSession, 2> sessions;
    const std::array<QString, 2> paths = {top, bottom};
    for (size_t side = 0; side < 2; ++side) {
        Result<TraceSession> session = loadTraceOrLog(paths[side].toStdString());
        if (!session) {
            m_lastError = QString::fromStdString(session.error().describe());
            return false;
        }
        sessions[side] = std::move(*session);
    }
    setTraces(std::move(sessions[0]), std::move(sessions[1]), QFileInfo(top).fileName(), QFileInfo(bottom).fileName());
    return true;
}

void CompareWindow::setTraces(TraceSession top, TraceSession bottom, const QString &topName, const QString &bottomName)
{
    std::array<TraceSession, 2> sessions = {std::move(top), std::move(bottom)};
    const std::array<QString, 2> names = {topName, bottomName};
    m_callList->blockSignals(true);
    m_callList->clear();
    for (size_t side = 0; side < 2; ++side) {
        Side &s = m_sides[side];
        s.calls = clientCalls(sessions[side]);
        const bool real = sessions[side].origin == kLibvirtdLogOrigin;
        s.title->setText(QStringLiteral("<b>%1</b> · %2")
                             .arg(real ? tr("libvirtd 9 (real, imported from its log)") : tr("libvirt 0.9 (the replica)"),
                                  names[side]));
        s.store->setSession(std::move(sessions[side]));
        s.timeline->fitAll();
    }
    m_aligned = alignCalls(m_sides[0].calls, m_sides[1].calls);
    const auto procedure = [](int32_t proc) {
        const char *name = remoteProcedureName(proc);
        return name ? QString::fromLatin1(name) : QString::number(proc);
    };
    for (const auto &[top, bottom] : m_aligned) {
        const ClientCall &above = m_sides[0].calls[top];
        const ClientCall &below = m_sides[1].calls[bottom];
        // The same call of the same client; the two clients need not have asked the same.
        const QString procedures = above.proc == below.proc
            ? procedure(above.proc)
            : QStringLiteral("%1 / %2").arg(procedure(above.proc), procedure(below.proc));
        m_callList->addItem(tr("client %1, call %2: %3").arg(above.client).arg(above.index + 1).arg(procedures));
    }
    m_callList->blockSignals(false);
    m_currentCall = -1;
    if (!m_aligned.empty())
        m_callList->setCurrentRow(0);
    m_lastError.clear();
}

void CompareWindow::showCall(int row)
{
    if (row < 0 || size_t(row) >= m_aligned.size())
        return;
    m_currentCall = row;
    const std::array<size_t, 2> calls = {m_aligned[size_t(row)].first, m_aligned[size_t(row)].second};
    m_syncing = true;
    for (size_t side = 0; side < 2; ++side) {
        Side &s = m_sides[side];
        const ClientCall &call = s.calls[calls[side]];
        const int64_t from = s.store->at(qsizetype(call.received)).timeNs;
        const int64_t to = s.store->at(qsizetype(call.last())).timeNs;
        const int64_t margin = std::max<int64_t>(int64_t(double(to - from) * kMargin), kMinMarginNs);
        s.timeline->setFollowLive(false);
        s.timeline->setVisibleRange(from - margin, to + margin);
        s.cursor->select(qsizetype(call.received));
    }
    m_syncing = false;
    if (m_callList->currentRow() != row)
        m_callList->setCurrentRow(row);
    m_explanation->setText(explanation());
}

std::optional<int> CompareWindow::callRowOf(int side, qsizetype index) const
{
    const Side &s = m_sides[size_t(side)];
    const TraceEvent &event = s.store->at(index);
    for (size_t row = 0; row < m_aligned.size(); ++row) {
        const ClientCall &call = s.calls[side == 0 ? m_aligned[row].first : m_aligned[row].second];
        const bool inChain = event.flow && event.flow == s.store->at(qsizetype(call.received)).flow;
        if (inChain || size_t(index) == call.received || (call.queued && size_t(index) == *call.queued)
            || (call.sent && size_t(index) == *call.sent))
            return int(row);
    }
    return std::nullopt;
}

void CompareWindow::onSelection(int side, qsizetype index)
{
    if (m_syncing || index < 0)
        return;
    const auto row = callRowOf(side, index);
    if (row) {
        // The other side follows to the same call, at the same step; this side keeps the step chosen.
        const EventKind kind = m_sides[size_t(side)].store->at(index).kind;
        if (*row != m_currentCall)
            showCall(*row);
        m_syncing = true;
        m_sides[size_t(side)].cursor->select(index);
        const Side &other = m_sides[size_t(1 - side)];
        const ClientCall &call = other.calls[side == 0 ? m_aligned[size_t(*row)].second : m_aligned[size_t(*row)].first];
        for (size_t i = call.received; i <= call.last(); ++i) {
            if (other.store->at(qsizetype(i)).kind == kind) {
                other.cursor->select(qsizetype(i));
                break;
            }
        }
        m_syncing = false;
    }
    m_explanation->setText(explanation());
}

QString CompareWindow::explanation() const
{
    for (const Side &s : m_sides) {
        if (s.cursor->selected() < 0)
            continue;
        const EventKind kind = s.store->at(s.cursor->selected()).kind;
        const QString difference = differenceAt(kind);
        if (!difference.isEmpty())
            return QStringLiteral("<b>%1</b><br>%2").arg(QLatin1String(eventKindInfo(kind).name), difference);
    }
    return tr("Select a call, or a step of one, to see how 0.9 and 9 differ there.");
}

QString CompareWindow::differenceAt(EventKind kind)
{
    switch (eventKindInfo(kind).callStep) {
    case CallStep::Dispatch:
    case CallStep::Read:
    case CallStep::Received:
        return tr("0.9: one poll() over all fds, then the loop calls each ready client's callback. "
                  "9: one GSource per client, dispatched by GLib's main loop; virNetServerClientDispatchRead reads "
                  "the message.");
    case CallStep::Job:
        return tr("0.9: the message waits on the client's dx queue until a worker is signalled. 9: it is a job "
                  "of a virThreadPool; high-priority calls may go to a prio-rpc-worker.");
    case CallStep::Call:
        return tr("0.9: remoteDispatchClientRequest decodes and runs the call. 9: virNetServerProgramDispatch "
                  "finds it in the program's table, the same step under a new name.");
    case CallStep::Reply:
        return tr("Both: the reply is queued by the worker and the client's watch asks for WRITABLE. 0.9 writes a "
                  "byte into the wakeup pipe so that poll() returns; 9 replaces the client's GSource, which wakes "
                  "GLib's loop.");
    case CallStep::Write:
    case CallStep::Sent:
        return tr("Both: the reply is written from the event loop thread, when the socket is writable, not from "
                  "the worker that made it.");
    case CallStep::Accept:
    case CallStep::Register:
        return tr("0.9: qemudDispatchServer accepts and registers the client's fd. 9: virNetServerClientNew wraps "
                  "the socket in an object with its own keepalive and timer, and checks the client limits.");
    case CallStep::Close:
    case CallStep::Free:
        return tr("0.9: a failed client is marked closed and freed after the iteration. 9: the client is closed, "
                  "its GSource destroyed, and freed when its last reference goes.");
    case CallStep::Iteration:
        return tr("0.9: virEventPollRunOnce builds the poll set itself. 9: g_main_context_iteration polls every "
                  "source and dispatches the ready ones.");
    case CallStep::None:
        return {};
    }
    return {};
}

} // namespace pollscope::ui
