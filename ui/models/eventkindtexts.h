// The words for each kind of step, in one table: the one-line summary the event log
// shows and the explanation ("Why") the details and the call flow give. Adding a
// kind to POLLSCOPE_EVENT_KINDS (engine/trace/eventkind.h) means adding its entry
// here; a static_assert fails until it is there.
//
// A summary names the event's values by placeholder: {watch}, {fd}, {client}, ...
// (any field of docs/trace-format.md, by its JSON name), {text} for the event's
// name datum, {reason} for its reason's sentence, and a few worded values that
// EventSummary formats: {events} and {revents} as R|W flags, {errno} and {signal}
// by their symbolic names, {proc}, {msgType} and {status} by name, {frequency}
// ("every 5000 ms", "disabled"), {timeout} ("timeout 10 ms", "no timeout"),
// {owner} ("watch 3" or "timer 2"), {pollWait} and {pollResult} (what a timeout
// or a poll result means). Translations keep the placeholders as they are.
#pragma once

#include "trace/eventkind.h"

#include <QCoreApplication>
#include <QString>

namespace pollscope::ui {

struct EventKindText
{
    EventKind kind;
    const char *summary;     // the usual outcome's one-line template
    const char *explanation; // two to four sentences for a learner
};

class EventKindTexts
{
    Q_DECLARE_TR_FUNCTIONS(EventKindTexts)

public:
    static const EventKindText &entry(EventKind kind);
    // Translated.
    static QString summaryTemplate(EventKind kind);
    static QString explanation(EventKind kind);
};

} // namespace pollscope::ui
