#include "detailswidget.h"

#include "models/eventkindtexts.h"

#include "models/eventtext.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"
#include "timeline/timelinestyle.h"

#include "eventpoll/eventhandle.h"
#include "rpc/messageheader.h"
#include "rpc/remoteprocedures.h"
#include "trace/callbackrole.h"

#include <QEvent>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <array>
#include <optional>

namespace pollscope::ui {

namespace {

constexpr auto kEventScheme = "event";

// The kind that closes a Begin's span (eventkind.h declares each End right after its Begin).
std::optional<EventKind> spanEndKind(EventKind begin)
{
    if (eventKindInfo(begin).shape != EventShape::Begin)
        return std::nullopt;
    return endOfSpan(begin);
}

std::optional<EventKind> spanBeginKind(EventKind end)
{
    if (eventKindInfo(end).shape != EventShape::End)
        return std::nullopt;
    return beginOfSpan(end);
}

bool closesSpan(const TraceEvent &event, EventKind endKind)
{
    // An iteration whose poll failed ends with RunOnceError and has no RunOnceEnd.
    return event.kind == endKind || (endKind == EventKind::RunOnceEnd && event.kind == EventKind::RunOnceError);
}

QString numberText(int64_t value)
{
    return QString::number(value);
}

QString frequencyText(int frequency)
{
    if (frequency < 0)
        return DetailsWidget::tr("%1 (disabled)").arg(frequency);
    if (frequency == 0)
        return DetailsWidget::tr("0 (fires on every iteration)");
    return DetailsWidget::tr("every %1 ms").arg(frequency);
}

// What a callback is for, by CallbackRole's value.
constexpr std::array<const char *, 9> kRoles = {{
    QT_TRANSLATE_NOOP("pollscope::ui::DetailsWidget", "a callback of its own"),
    QT_TRANSLATE_NOOP("pollscope::ui::DetailsWidget", "the wakeup pipe"),
    QT_TRANSLATE_NOOP("pollscope::ui::DetailsWidget", "a listening socket"),
    QT_TRANSLATE_NOOP("pollscope::ui::DetailsWidget", "a client's socket"),
    QT_TRANSLATE_NOOP("pollscope::ui::DetailsWidget", "the signal pipe"),
    QT_TRANSLATE_NOOP("pollscope::ui::DetailsWidget", "the inactivity timeout"),
    QT_TRANSLATE_NOOP("pollscope::ui::DetailsWidget", "a client's keepalive"),
    QT_TRANSLATE_NOOP("pollscope::ui::DetailsWidget", "retrying accept"),
    QT_TRANSLATE_NOOP("pollscope::ui::DetailsWidget", "a scenario's timer"),
}};
static_assert(kRoles.size() == size_t(CallbackRole::ScenarioTimer) + 1, "a text for every CallbackRole");

QString roleText(int role)
{
    if (role < 0 || size_t(role) >= kRoles.size())
        return QString::number(role);
    return QStringLiteral("%1 (%2)").arg(DetailsWidget::tr(kRoles[size_t(role)])).arg(role);
}

QString timeoutText(int timeout)
{
    if (timeout < 0)
        return DetailsWidget::tr("%1 (wait without limit)").arg(timeout);
    return DetailsWidget::tr("%1 ms").arg(timeout);
}

QString expiresAtText(const TraceEvent &event)
{
    if (event.expiresAt == 0)
        return DetailsWidget::tr("0 (disabled)");
    const int64_t fromNowMs = event.expiresAt - event.timeNs / 1000000;
    const QString relative = fromNowMs >= 0 ? DetailsWidget::tr("in %1 ms").arg(fromNowMs)
                                            : DetailsWidget::tr("%1 ms ago").arg(-fromNowMs);
    return DetailsWidget::tr("%1 ms (monotonic), %2").arg(event.expiresAt).arg(relative);
}

QString procedureText(const TraceEvent &event)
{
    const char *name = nullptr;
    if (event.has(TraceField::Prog) && event.prog == KEEPALIVE_PROGRAM)
        name = event.proc == KEEPALIVE_PROC_PING ? "PING" : event.proc == KEEPALIVE_PROC_PONG ? "PONG" : nullptr;
    else
        name = remoteProcedureName(event.proc);
    if (!name)
        return numberText(event.proc);
    return QStringLiteral("%1 (%2)").arg(event.proc).arg(QLatin1StringView(name));
}

QString programText(uint32_t prog)
{
    const QString hex = QStringLiteral("0x%1").arg(prog, 8, 16, QLatin1Char('0'));
    if (prog == REMOTE_PROGRAM)
        return hex + QStringLiteral(" (REMOTE_PROGRAM)");
    if (prog == KEEPALIVE_PROGRAM)
        return hex + QStringLiteral(" (KEEPALIVE_PROGRAM)");
    return hex;
}

QString namedValue(int64_t value, const char *name)
{
    return name ? QStringLiteral("%1 (%2)").arg(value).arg(QLatin1StringView(name)) : numberText(value);
}

} // namespace

DetailsWidget::DetailsWidget(TraceCursor *cursor, QWidget *parent)
    : QWidget(parent)
    , m_cursor(cursor)
    , m_store(cursor->store())
    , m_browser(new QTextBrowser(this))
{
    m_browser->setOpenLinks(false);
    m_browser->setFrameShape(QFrame::NoFrame);
    // A function name is one word: in a narrow dock it scrolls, never breaks.
    m_browser->setWordWrapMode(QTextOption::WordWrap);
    m_browser->document()->setDefaultStyleSheet(QStringLiteral(
        "td { padding-right: 10px; } td.name { color: palette(mid); } a { text-decoration: none; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);

    connect(m_cursor, &TraceCursor::selectionChanged, this, &DetailsWidget::onSelectionChanged);
    connect(m_store, &TraceStore::appended, this, &DetailsWidget::onStoreAppended);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &DetailsWidget::onAnchorClicked);
    onSelectionChanged(m_cursor->selected());
}

void DetailsWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_summary.retranslate();
        render();
    }
    QWidget::changeEvent(event);
}

QUrl DetailsWidget::linkTo(qsizetype index)
{
    QUrl url;
    url.setScheme(QLatin1StringView(kEventScheme));
    url.setPath(QString::number(index));
    return url;
}

void DetailsWidget::onAnchorClicked(const QUrl &url)
{
    if (url.scheme() != QLatin1StringView(kEventScheme))
        return;
    bool ok = false;
    const qsizetype index = url.path().toLongLong(&ok);
    if (ok)
        m_cursor->select(index);
}

void DetailsWidget::onSelectionChanged(qsizetype index)
{
    m_index = index;
    m_relations = {};
    m_spanDepth = 0;
    if (m_index >= 0) {
        findEarlierRelations();
        findLaterRelations(m_index + 1, m_store->size());
    }
    render();
}

void DetailsWidget::onStoreAppended(qsizetype first, qsizetype count)
{
    if (m_index < 0 || !laterRelationMissing())
        return;
    findLaterRelations(first, first + count);
    render();
}

bool DetailsWidget::laterRelationMissing() const
{
    const TraceEvent &event = m_store->at(m_index);
    return (spanEndKind(event.kind) && !m_relations.spanEnd) || (event.flow && !m_relations.nextInFlow)
        || (event.has(TraceField::Watch) && event.kind != EventKind::PurgeHandle && !m_relations.handlePurged)
        || (event.has(TraceField::Timer) && event.kind != EventKind::PurgeTimeout && !m_relations.timerPurged);
}

void DetailsWidget::findEarlierRelations()
{
    const TraceEvent &event = m_store->at(m_index);
    const std::optional<EventKind> beginKind =
        event.kind == EventKind::RunOnceError ? std::optional(EventKind::RunOnceBegin) : spanBeginKind(event.kind);
    // Spans of the same kind closed between here and the Begin sought are nested ones.
    const EventKind closingKind = beginKind ? spanEndKind(*beginKind).value_or(event.kind) : event.kind;
    const bool wantsHandleAdd = event.has(TraceField::Watch) && event.kind != EventKind::AddHandle;
    const bool wantsTimerAdd = event.has(TraceField::Timer) && event.kind != EventKind::AddTimeout;
    const bool wantsAccept = event.has(TraceField::Client) && event.kind != EventKind::Accept;
    int depth = 0;
    for (qsizetype i = m_index - 1; i >= 0; --i) {
        const TraceEvent &other = m_store->at(i);
        if (beginKind && !m_relations.spanBegin && other.thread == event.thread) {
            if (closesSpan(other, closingKind)) {
                ++depth;
            } else if (other.kind == *beginKind) {
                if (depth == 0)
                    m_relations.spanBegin = i;
                else
                    --depth;
            }
        }
        if (event.flow && !m_relations.previousInFlow && other.flow == event.flow)
            m_relations.previousInFlow = i;
        if (wantsHandleAdd && !m_relations.handleAdded && other.kind == EventKind::AddHandle
            && other.has(TraceField::Watch) && other.watch == event.watch && other.result > 0)
            m_relations.handleAdded = i;
        if (wantsTimerAdd && !m_relations.timerAdded && other.kind == EventKind::AddTimeout
            && other.has(TraceField::Timer) && other.timer == event.timer && other.result > 0)
            m_relations.timerAdded = i;
        if (wantsAccept && !m_relations.clientAccepted && other.kind == EventKind::Accept
            && other.has(TraceField::Client) && other.client == event.client)
            m_relations.clientAccepted = i;
        const bool done = (!beginKind || m_relations.spanBegin) && (!event.flow || m_relations.previousInFlow)
            && (!wantsHandleAdd || m_relations.handleAdded) && (!wantsTimerAdd || m_relations.timerAdded)
            && (!wantsAccept || m_relations.clientAccepted);
        if (done)
            return;
    }
}

void DetailsWidget::findLaterRelations(qsizetype from, qsizetype to)
{
    const TraceEvent &event = m_store->at(m_index);
    const std::optional<EventKind> endKind = spanEndKind(event.kind);
    const bool wantsPurge = event.has(TraceField::Watch) && event.kind != EventKind::PurgeHandle;
    const bool wantsTimerPurge = event.has(TraceField::Timer) && event.kind != EventKind::PurgeTimeout;
    for (qsizetype i = from; i < to; ++i) {
        if (!laterRelationMissing())
            return;
        const TraceEvent &other = m_store->at(i);
        if (endKind && !m_relations.spanEnd && other.thread == event.thread) {
            if (other.kind == event.kind) {
                ++m_spanDepth;
            } else if (closesSpan(other, *endKind)) {
                if (m_spanDepth == 0)
                    m_relations.spanEnd = i;
                else
                    --m_spanDepth;
            }
        }
        if (event.flow && !m_relations.nextInFlow && other.flow == event.flow)
            m_relations.nextInFlow = i;
        if (wantsPurge && !m_relations.handlePurged && other.kind == EventKind::PurgeHandle
            && other.has(TraceField::Watch) && other.watch == event.watch)
            m_relations.handlePurged = i;
        if (wantsTimerPurge && !m_relations.timerPurged && other.kind == EventKind::PurgeTimeout
            && other.has(TraceField::Timer) && other.timer == event.timer)
            m_relations.timerPurged = i;
    }
}

QList<DetailsWidget::RelatedEvent> DetailsWidget::relatedEvents() const
{
    QList<RelatedEvent> related;
    auto add = [&](Relation relation, const std::optional<qsizetype> &index) {
        if (index)
            related.append({relation, *index});
    };
    add(Relation::SpanBegin, m_relations.spanBegin);
    add(Relation::SpanEnd, m_relations.spanEnd);
    add(Relation::PreviousInFlow, m_relations.previousInFlow);
    add(Relation::NextInFlow, m_relations.nextInFlow);
    add(Relation::HandleAdded, m_relations.handleAdded);
    add(Relation::HandlePurged, m_relations.handlePurged);
    add(Relation::TimerAdded, m_relations.timerAdded);
    add(Relation::TimerPurged, m_relations.timerPurged);
    add(Relation::ClientAccepted, m_relations.clientAccepted);
    return related;
}

QList<std::pair<QString, QString>> DetailsWidget::fieldTexts(const TraceEvent &event)
{
    QList<std::pair<QString, QString>> rows;
    auto row = [&](uint32_t flag, const char *name, const QString &value) {
        if (event.has(flag))
            rows.append({QLatin1StringView(name), value});
    };
    row(TraceField::Watch, "watch", numberText(event.watch));
    row(TraceField::Fd, "fd", numberText(event.fd));
    row(TraceField::Timer, "timer", numberText(event.timer));
    row(TraceField::Client, "client", numberText(event.client));
    row(TraceField::Events, "events", tr("%1 (%2)").arg(handleEventsText(event.events)).arg(event.events));
    row(TraceField::Revents, "revents",
        tr("%1 (%2), seen as %3").arg(nativeEventsText(event.revents)).arg(event.revents)
            .arg(handleEventsText(fromNativeEvents(event.revents))));
    row(TraceField::Result, "result", numberText(event.result));
    row(TraceField::Errno, "errno", errnoText(event.err));
    row(TraceField::Frequency, "frequency", frequencyText(event.frequency));
    row(TraceField::Timeout, "timeout", timeoutText(event.timeout));
    row(TraceField::Nfds, "nfds", numberText(event.nfds));
    row(TraceField::Handles, "handles", numberText(event.handles));
    row(TraceField::Timeouts, "timeouts", numberText(event.timeouts));
    row(TraceField::ExpiresAt, "expiresAt", expiresAtText(event));
    row(TraceField::Iteration, "iteration", numberText(event.iteration));
    row(TraceField::Length, "length", tr("%1 bytes").arg(event.length));
    row(TraceField::Bytes, "bytes", event.bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(event.bytes));
    row(TraceField::Prog, "prog", programText(event.prog));
    row(TraceField::Vers, "vers", numberText(event.vers));
    row(TraceField::Proc, "proc", procedureText(event));
    row(TraceField::MsgType, "msgType", namedValue(event.msgType, messageTypeName(uint32_t(event.msgType))));
    row(TraceField::Serial, "serial", numberText(event.serial));
    row(TraceField::Status, "status", namedValue(event.status, messageStatusName(uint32_t(event.status))));
    row(TraceField::Nrequests, "nrequests", numberText(event.nrequests));
    row(TraceField::Dx, "dx", numberText(event.dx));
    row(TraceField::Tx, "tx", numberText(event.tx));
    row(TraceField::Clients, "clients", numberText(event.clients));
    row(TraceField::Workers, "workers", numberText(event.workers));
    row(TraceField::Signal, "signal", signalText(event.signal));
    row(TraceField::Role, "role", roleText(event.role));
    return rows;
}

QString DetailsWidget::relationLabel(Relation relation, qsizetype index) const
{
    const TraceEvent &other = m_store->at(index);
    // Durations in loop time: a pause or a slow-motion wait is not the daemon's work.
    const int64_t otherNs = m_store->loopNs(index);
    const int64_t shownNs = m_store->loopNs(m_index);
    const QString function = QLatin1StringView(other.function());
    switch (relation) {
    case Relation::SpanBegin:
        return tr("span began at #%1 (%2 earlier)").arg(other.seq).arg(formatDuration(shownNs - otherNs));
    case Relation::SpanEnd:
        return tr("span ended at #%1 (lasted %2)").arg(other.seq).arg(formatDuration(otherNs - shownNs));
    case Relation::PreviousInFlow:
        return tr("previous in this chain: #%1 %2").arg(other.seq).arg(function);
    case Relation::NextInFlow:
        return tr("next in this chain: #%1 %2").arg(other.seq).arg(function);
    case Relation::HandleAdded:
        return tr("watch %1 added at #%2").arg(other.watch).arg(other.seq);
    case Relation::HandlePurged:
        return tr("watch %1 purged at #%2").arg(other.watch).arg(other.seq);
    case Relation::TimerAdded:
        return tr("timer %1 added at #%2").arg(other.timer).arg(other.seq);
    case Relation::TimerPurged:
        return tr("timer %1 purged at #%2").arg(other.timer).arg(other.seq);
    case Relation::ClientAccepted:
        return tr("client %1 accepted at #%2").arg(other.client).arg(other.seq);
    }
    return {};
}

void DetailsWidget::render()
{
    if (m_index < 0 || m_index >= m_store->size()) {
        m_browser->setHtml(QStringLiteral("<p style='color:palette(mid)'>%1</p>")
                               .arg(tr("Select an event in the timeline or the event log to see what it did and why.")
                                        .toHtmlEscaped()));
        return;
    }
    const TraceEvent &event = m_store->at(m_index);
    const EventKindInfo &info = eventKindInfo(event.kind);
    const QString color = TimelineStyle::familyColor(info.family).name();

    QString html;
    html += QStringLiteral("<p style='margin-bottom:2px'><b style='font-size:large; color:%1'>%2</b></p>")
                .arg(color, QString::fromLatin1(info.function).toHtmlEscaped());
    html += QStringLiteral("<p style='margin-top:0'>%1</p>")
                .arg(tr("%1 · %2 · thread %3 · t = %4 · #%5")
                         .arg(QLatin1StringView(info.name), QLatin1StringView(eventFamilyName(info.family)),
                              m_store->threadName(event.thread), formatDuration(event.timeNs - m_store->startNs()))
                         .arg(event.seq)
                         .toHtmlEscaped());
    const QString summary = m_summary.text(event);
    html += QStringLiteral("<p><b>%1</b></p>").arg(summary.toHtmlEscaped());

    const auto fields = fieldTexts(event);
    if (!fields.isEmpty() || event.flow) {
        html += QStringLiteral("<table cellspacing='0'>");
        for (const auto &[name, value] : fields)
            html += QStringLiteral("<tr><td class='name'>%1</td><td>%2</td></tr>").arg(name, value.toHtmlEscaped());
        if (event.flow)
            html += QStringLiteral("<tr><td class='name'>flow</td><td>%1</td></tr>")
                        .arg(tr("causal chain %1").arg(event.flow).toHtmlEscaped());
        html += QStringLiteral("</table>");
    }
    // Most summaries quote the text already (a callback name, a reason); say it once.
    const QString text = QString::fromUtf8(event.text ? event.text : "");
    if (!text.isEmpty() && !summary.contains(text))
        html += QStringLiteral("<p><i>%1</i></p>").arg(text.toHtmlEscaped());

    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(tr("Why:").toHtmlEscaped(), EventKindTexts::explanation(event.kind).toHtmlEscaped());
    if (info.probe)
        html += QStringLiteral("<p style='color:palette(mid)'>%1</p>")
                    .arg(tr("libvirt marks this step with the probe %1.").arg(QLatin1StringView(info.probe)).toHtmlEscaped());

    const QList<RelatedEvent> related = relatedEvents();
    if (!related.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b><br>").arg(tr("Related:").toHtmlEscaped());
        for (const RelatedEvent &r : related)
            html += QStringLiteral("&nbsp;&nbsp;<a href='%1'>%2</a><br>")
                        .arg(linkTo(r.index).toString(), relationLabel(r.relation, r.index).toHtmlEscaped());
        html += QStringLiteral("</p>");
    }
    m_browser->setHtml(html);
}

} // namespace pollscope::ui
