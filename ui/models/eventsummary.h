// The one-line, human description of a trace event that the event log shows and
// the free-text filter searches: "watch 5 fd 9 mode R|W, callback ...", "poll
// returned 2 of 4 fds", "wrote one byte to the wakeup pipe".
//
// Filtering a million rows builds a million summaries, so writing one must not
// allocate: the translated sentence templates are looked up once, and append()
// fills a caller-owned string whose capacity is reused from row to row.
#pragma once

#include "trace/traceevent.h"

#include <QCoreApplication>
#include <QString>

#include <array>
#include <initializer_list>

namespace pollscope::ui {

class EventSummary
{
    Q_DECLARE_TR_FUNCTIONS(EventSummary)

public:
    EventSummary();

    // Looks the templates up again, after the application language changed.
    void retranslate();

    // Appends the summary of `event` to `out`.
    void append(QString &out, const TraceEvent &event) const;
    QString text(const TraceEvent &event) const;

private:
    // One sentence template per outcome of a step; %1, %2, ... are the values.
    enum Template : int {
        LoopInitOk,
        LoopInitFailed,
        AddHandleOk,
        AddHandleFailed,
        UpdateHandleOk,
        UpdateHandleIgnored,
        RemoveHandleOk,
        RemoveHandleIgnored,
        AddTimeoutPeriodic,
        AddTimeoutEveryIteration,
        AddTimeoutDisabled,
        AddTimeoutFailed,
        UpdateTimeoutPeriodic,
        UpdateTimeoutEveryIteration,
        UpdateTimeoutDisabled,
        UpdateTimeoutIgnored,
        RemoveTimeoutOk,
        RemoveTimeoutIgnored,
        RunOnceBegin,
        RunOnceEnd,
        RunOnceError,
        CleanupTimeouts,
        CleanupHandles,
        PurgeTimeout,
        PurgeHandle,
        FreeCallbackBeginWatch,
        FreeCallbackBeginTimer,
        FreeCallbackEndWatch,
        FreeCallbackEndTimer,
        MakePollFDs,
        CalculateTimeoutInfinite,
        CalculateTimeoutNow,
        CalculateTimeoutMs,
        PollBeginInfinite,
        PollBeginMs,
        PollEndReady,
        PollEndTimedOut,
        PollEndFailed,
        PollRetry,
        DispatchTimeouts,
        DispatchTimeoutBegin,
        DispatchTimeoutEnd,
        DispatchHandles,
        DispatchHandleBegin,
        DispatchHandleEnd,
        DispatchSkipDeleted,
        DispatchStopped,
        InterruptWritten,
        InterruptSkipped,
        InterruptFailed,
        HandleWakeupDrained,
        HandleWakeupEmpty,
        LoopPaused,
        LoopResumed,
        TemplateCount
    };

    // A value for a template placeholder: a number, or text that outlives the call.
    struct Arg
    {
        enum class Type { Number, Latin1, Utf8 } type;
        int64_t number = 0;
        const char *text = nullptr;
        qsizetype length = 0;

        static Arg of(int64_t value) { return {Type::Number, value, nullptr, 0}; }
        static Arg latin1(const char *text, qsizetype length) { return {Type::Latin1, 0, text, length}; }
        static Arg utf8(const char *text) { return {Type::Utf8, 0, text ? text : "?", 0}; }
    };

    void appendTemplate(QString &out, Template which, std::initializer_list<Arg> args) const;
    // The daemon's events: their present fields, then their text.
    static void appendFields(QString &out, const TraceEvent &event);

    std::array<QString, TemplateCount> m_templates;
};

} // namespace pollscope::ui
