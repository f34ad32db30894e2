// Event streams written as text, and the timeline's lanes dumped as text, so that a
// test states its input and its expected lanes line by line.
//
// A script has one event per line: "thread timeNs kind field=value ...", where kind
// is the trace name ("poll_begin"), fields use their trace names ("watch=1"), and
// "text=" and "flow=" set the text and the flow id, "reason=" a reason by its code. Threads get their index in order
// of first appearance. Lines starting with '#' are comments.
#pragma once

#include "trace/tracesession.h"

#include <QString>
#include <QStringList>

namespace pollscope::ui {
class TimelineLanes;
}

namespace pollscope::test {

TraceSession scriptedSession(const QString &script);

// A daemon-like stream written by hand: a listener accepts client 1, the client
// sends a request, a worker answers it and wakes the loop through the wakeup pipe,
// and the loop writes the reply.
extern const char *const kDaemonScript;

// Every lane in display order with its spans, markers (by time) and then every
// flow link, one per line. Events are named by their seq.
QStringList dumpLanes(const ui::TimelineLanes &lanes);

// Every flow link as "seqFrom>seqTo", in the order the lanes keep them.
QStringList dumpFlows(const ui::TimelineLanes &lanes);

} // namespace pollscope::test
