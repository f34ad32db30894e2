#include "timelinescript.h"

#include "session/tracestore.h"
#include "timeline/timelinelanes.h"
#include "trace/stringpool.h"

#include <QtTest/QTest>

#include <algorithm>
#include <map>
#include <tuple>

namespace pollscope::test {

namespace {

// Names for the timeline's enums in dumps; the static_asserts keep them complete.
constexpr std::array<const char *, ui::kEventSpanCount> kSpanNames = {
    "none", "run-loop", "iteration", "poll", "handle-cb", "timer-cb", "free-cb", "job", "rpc", "slow-motion",
};
constexpr std::array<const char *, ui::kEventMarkCount> kMarkerNames = {
    "none",         "phase",        "interrupt-skipped", "server",        "client",     "handle-added",  "handle-updated",
    "handle-removed", "handle-purged",   "dispatch-skipped", "timeout-added", "timeout-updated", "timeout-removed",
    "timeout-purged", "worker-started",  "worker-stopped", "client-read", "client-write", "throttled",
    "unthrottled",  "reply-queued",      "client-action", "note",       "resumed",       "paused", "control-wakeup",
    "timer-fire",   "wakeup-drain",      "wakeup-write",  "accept",     "accept-failed", "client-failure",
    "client-freed", "loop-error",
};
static_assert(kSpanNames.size() == size_t(EventSpan::Count));
static_assert(kMarkerNames.size() == size_t(EventMark::Count));

bool setField(TraceEvent &event, const QString &name, const QString &value)
{
    bool ok = false;
    const qlonglong number = value.toLongLong(&ok);
#define POLLSCOPE_SCRIPT_FIELD(type, member, Flag, json)                                                    \
    if (name == QLatin1String(json)) {                                                                      \
        event.set##Flag(type(number));                                                                      \
        return ok;                                                                                          \
    }
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_SCRIPT_FIELD)
#undef POLLSCOPE_SCRIPT_FIELD
    return false;
}

QString laneName(const ui::TimelineLanes &lanes, int laneId)
{
    const ui::TimelineLane &lane = lanes.lane(lanes.rowOfLane(laneId));
    if (lane.kind == ui::TimelineLane::Kind::Watch)
        return QStringLiteral("w%1").arg(lane.id);
    return lane.label;
}

QString endName(const ui::TimelineLanes &lanes, const ui::TimelineFlow::End &end)
{
    const QString slot = end.slot < 0 ? QStringLiteral("m") : QStringLiteral("d%1").arg(end.slot);
    return QStringLiteral("#%1@%2/%3")
        .arg(lanes.store()->at(end.index).seq)
        .arg(laneName(lanes, end.lane), slot);
}

} // namespace

const char *const kDaemonScript = R"(
main 0 add_handle watch=1 fd=3 role=1 text=virEventPollHandleWakeup
main 1 add_handle watch=3 fd=6 role=2 text=qemudDispatchServerEvent
loop 10 poll_begin
loop 20 poll_end
loop 21 dispatch_handle_begin watch=3 fd=6 text=qemudDispatchServerEvent
loop 22 accept watch=3 fd=9 client=1 flow=7
loop 23 add_handle watch=4 fd=9 role=3 text=qemudDispatchClientEvent flow=7
loop 24 register_client_event watch=4 fd=9 client=1 flow=7
loop 25 dispatch_handle_end watch=3 fd=6
loop 30 poll_begin
loop 40 poll_end
loop 41 dispatch_handle_begin watch=4 fd=9 text=qemudDispatchClientEvent
loop 42 message_received client=1 flow=9
loop 43 dispatch_handle_end watch=4 fd=9
loop 50 poll_begin
worker-1 51 worker_job_begin client=1 flow=9
worker-1 55 reply_queued client=1 flow=9
worker-1 56 interrupt fd=4 bytes=1 flow=9
worker-1 57 worker_job_end flow=9
loop 60 poll_end flow=9
loop 61 dispatch_handle_begin watch=1 fd=3 text=virEventPollHandleWakeup
loop 62 handle_wakeup fd=3 bytes=1 flow=9
loop 63 dispatch_handle_end watch=1 fd=3
loop 64 dispatch_handle_begin watch=4 fd=9 text=qemudDispatchClientEvent
loop 65 client_write client=1 bytes=28 flow=9
loop 66 dispatch_handle_end watch=4 fd=9
)";

TraceSession scriptedSession(const QString &script)
{
    TraceSession session;
    session.source = "script";
    std::map<QString, uint16_t> threads;
    uint64_t seq = 0;
    for (const QString &rawLine : script.split(QLatin1Char('\n'))) {
        const QString line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList words = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.size() < 3)
            qFatal("script line needs thread, time and kind: %s", qPrintable(line));
        const auto kind = eventKindFromName(words[2].toStdString());
        if (!kind)
            qFatal("unknown event kind: %s", qPrintable(words[2]));
        if (!threads.contains(words[0])) {
            threads.emplace(words[0], uint16_t(session.threadNames.size()));
            session.threadNames.push_back(words[0].toStdString());
        }
        TraceEvent event{};
        event.seq = ++seq;
        event.timeNs = words[1].toLongLong();
        event.kind = *kind;
        event.thread = threads[words[0]];
        for (const QString &word : words.mid(3)) {
            const qsizetype equals = word.indexOf(QLatin1Char('='));
            const QString name = word.left(equals);
            const QString value = word.mid(equals + 1);
            if (name == QLatin1String("text"))
                event.text = internString(value.toStdString());
            else if (name == QLatin1String("flow"))
                event.flow = value.toULongLong();
            else if (name == QLatin1String("reason") && eventReasonFromCode(value.toStdString()))
                event.reason = *eventReasonFromCode(value.toStdString());
            else if (!setField(event, name, value))
                qFatal("bad field in script: %s", qPrintable(word));
        }
        session.events.push_back(event);
    }
    return session;
}

QStringList dumpLanes(const ui::TimelineLanes &lanes)
{
    const ui::TraceStore &store = *lanes.store();
    const auto seqOf = [&](qsizetype index) { return store.at(index).seq; };
    QStringList lines;
    for (int row = 0; row < lanes.laneCount(); ++row) {
        const ui::TimelineLane &lane = lanes.lane(row);
        QString header = lane.kind == ui::TimelineLane::Kind::Thread
            ? QStringLiteral("thread %1").arg(lane.label)
            : QStringLiteral("watch %1 \"%2\" (%3) from %4").arg(lane.id).arg(lane.label, lane.detail).arg(lane.startNs);
        if (lane.removedNs != ui::TimelineLane::kNoTimeNs)
            header += QStringLiteral(" removed %1").arg(lane.removedNs);
        if (lane.hasEnded())
            header += QStringLiteral(" purged %1").arg(lane.endNs);
        lines << header;
        for (int depth = 0; depth < lane.depthCount(); ++depth) {
            for (const ui::TimelineSpan &span : lane.spans[size_t(depth)]) {
                lines << QStringLiteral("  d%1 %2 %3-%4 #%5-%6")
                             .arg(depth)
                             .arg(QLatin1String(kSpanNames[size_t(span.kind)]))
                             .arg(span.startNs)
                             .arg(span.isOpen() ? QStringLiteral("open") : QString::number(span.endNs))
                             .arg(seqOf(span.beginIndex))
                             .arg(span.isOpen() ? QStringLiteral("?") : QStringLiteral("#%1").arg(seqOf(span.endIndex)));
            }
        }
        std::vector<std::tuple<int64_t, qsizetype, int>> markers;
        for (int kind = 0; kind < ui::kEventMarkCount; ++kind) {
            for (const ui::TimelineMarker &marker : lane.markers[size_t(kind)])
                markers.emplace_back(marker.timeNs, marker.index, kind);
        }
        std::sort(markers.begin(), markers.end());
        for (const auto &[time, index, kind] : markers)
            lines << QStringLiteral("  m %1 %2 #%3").arg(QLatin1String(kMarkerNames[size_t(kind)])).arg(time).arg(seqOf(index));
    }
    for (const ui::TimelineFlow &flow : lanes.flows())
        lines << QStringLiteral("flow %1 -> %2").arg(endName(lanes, flow.from), endName(lanes, flow.to));
    return lines;
}

QStringList dumpFlows(const ui::TimelineLanes &lanes)
{
    QStringList links;
    for (const ui::TimelineFlow &flow : lanes.flows()) {
        links << QStringLiteral("%1>%2")
                     .arg(lanes.store()->at(flow.from.index).seq)
                     .arg(lanes.store()->at(flow.to.index).seq);
    }
    return links;
}

} // namespace pollscope::test
