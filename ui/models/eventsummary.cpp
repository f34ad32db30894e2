#include "eventsummary.h"

#include "eventtext.h"

#include "eventpoll/eventhandle.h"
#include "rpc/messageheader.h"
#include "rpc/remoteprocedures.h"

#include <charconv>
#include <cstring>
#include <poll.h>

namespace pollscope::ui {

namespace {

void appendNumber(QString &out, int64_t value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(QLatin1StringView(digits, end - digits));
}

void appendUtf8(QString &out, const char *text)
{
    const size_t length = std::strlen(text);
    bool ascii = true;
    for (size_t i = 0; i < length && ascii; ++i)
        ascii = (static_cast<unsigned char>(text[i]) & 0x80) == 0;
    // Trace text is nearly always ASCII, which appends without a conversion buffer.
    if (ascii)
        out.append(QLatin1StringView(text, qsizetype(length)));
    else
        out.append(QString::fromUtf8(text, qsizetype(length)));
}

// Flag text built on the stack, so that it costs no allocation.
struct FlagText
{
    char data[40];
    qsizetype length = 0;

    void add(const char *name)
    {
        if (length > 0)
            data[length++] = '|';
        for (; *name; ++name)
            data[length++] = *name;
    }
    FlagText &orNone()
    {
        if (length == 0)
            data[length++] = '-';
        return *this;
    }
};

FlagText handleFlags(int events)
{
    FlagText text;
    if (events & EventHandle::Readable)
        text.add("R");
    if (events & EventHandle::Writable)
        text.add("W");
    if (events & EventHandle::Error)
        text.add("E");
    if (events & EventHandle::Hangup)
        text.add("H");
    return text.orNone();
}

FlagText nativeFlags(int native)
{
    FlagText text;
    if (native & POLLIN)
        text.add("IN");
    if (native & POLLPRI)
        text.add("PRI");
    if (native & POLLOUT)
        text.add("OUT");
    if (native & POLLERR)
        text.add("ERR");
    if (native & POLLHUP)
        text.add("HUP");
    if (native & POLLNVAL)
        text.add("NVAL");
    return text.orNone();
}

const char *procedureName(const TraceEvent &event)
{
    if (event.has(TraceField::Prog) && event.prog == KEEPALIVE_PROGRAM) {
        if (event.proc == KEEPALIVE_PROC_PING)
            return "PING";
        if (event.proc == KEEPALIVE_PROC_PONG)
            return "PONG";
        return nullptr;
    }
    return remoteProcedureName(event.proc);
}

} // namespace

EventSummary::EventSummary()
{
    retranslate();
}

void EventSummary::retranslate()
{
    auto &t = m_templates;
    t[LoopInitOk] = tr("wakeup pipe created; its read end, fd %1, becomes watch 1");
    t[LoopInitFailed] = tr("cannot create the wakeup pipe: %1");
    t[AddHandleOk] = tr("watch %1 fd %2 mode %3, callback %4");
    t[AddHandleFailed] = tr("fd %1 could not be added");
    t[UpdateHandleOk] = tr("watch %1 fd %2 mode %3");
    t[UpdateHandleIgnored] = tr("watch %1 mode %2 ignored: %3");
    t[RemoveHandleOk] = tr("watch %1 fd %2 marked deleted");
    t[RemoveHandleIgnored] = tr("remove of watch %1 ignored: %2");
    t[AddTimeoutPeriodic] = tr("timer %1 every %2 ms, callback %3");
    t[AddTimeoutEveryIteration] = tr("timer %1 fires on every iteration, callback %2");
    t[AddTimeoutDisabled] = tr("timer %1 added disabled, callback %2");
    t[AddTimeoutFailed] = tr("the timer could not be added");
    t[UpdateTimeoutPeriodic] = tr("timer %1 now every %2 ms");
    t[UpdateTimeoutEveryIteration] = tr("timer %1 now fires on every iteration");
    t[UpdateTimeoutDisabled] = tr("timer %1 disabled");
    t[UpdateTimeoutIgnored] = tr("update of timer %1 ignored: %2");
    t[RemoveTimeoutOk] = tr("timer %1 marked deleted");
    t[RemoveTimeoutIgnored] = tr("remove of timer %1 ignored: %2");
    t[RunOnceBegin] = tr("iteration %1 begins: %2 handles, %3 timeouts");
    t[RunOnceEnd] = tr("iteration %1 ends: %2 handles, %3 timeouts");
    t[RunOnceError] = tr("iteration %1 failed: poll: %2");
    t[CleanupTimeouts] = tr("looking for deleted timeouts among %1");
    t[CleanupHandles] = tr("looking for deleted handles among %1");
    t[PurgeTimeout] = tr("timer %1 purged (%2)");
    t[PurgeHandle] = tr("watch %1 fd %2 purged (%3)");
    t[FreeCallbackBeginWatch] = tr("free callback of watch %1 runs");
    t[FreeCallbackBeginTimer] = tr("free callback of timer %1 runs");
    t[FreeCallbackEndWatch] = tr("free callback of watch %1 returned");
    t[FreeCallbackEndTimer] = tr("free callback of timer %1 returned");
    t[MakePollFDs] = tr("%1 of %2 handles go into the poll set");
    t[CalculateTimeoutInfinite] = tr("no timer enabled: poll may wait forever");
    t[CalculateTimeoutNow] = tr("a timer is due: poll must not wait");
    t[CalculateTimeoutMs] = tr("the next timer is due in %1 ms");
    t[PollBeginInfinite] = tr("poll(%1 fds, no timeout)");
    t[PollBeginMs] = tr("poll(%1 fds, timeout %2 ms)");
    t[PollEndReady] = tr("poll returned %1 of %2 fds");
    t[PollEndTimedOut] = tr("poll timed out: none of %1 fds ready");
    t[PollEndFailed] = tr("poll failed: %1");
    t[PollRetry] = tr("poll interrupted by %1: retried with the same timeout");
    t[DispatchTimeouts] = tr("checking %1 timeouts for expiry");
    t[DispatchTimeoutBegin] = tr("timer %1 fires: %2");
    t[DispatchTimeoutEnd] = tr("timer %1 callback returned");
    t[DispatchHandles] = tr("matching %1 polled fds to their handles");
    t[DispatchHandleBegin] = tr("watch %1 fd %2 ready %3: %4");
    t[DispatchHandleEnd] = tr("watch %1 fd %2 callback returned");
    t[DispatchSkipDeleted] = tr("watch %1 fd %2 ready %3 but deleted: skipped");
    t[DispatchStopped] = tr("no handle left for fd %1: %2 polled fds wait for the next iteration");
    t[InterruptWritten] = tr("wrote one byte to the wakeup pipe");
    t[InterruptSkipped] = tr("no byte written (%1)");
    t[InterruptFailed] = tr("writing the wakeup pipe failed: %1");
    t[HandleWakeupDrained] = tr("drained one byte from the wakeup pipe");
    t[HandleWakeupEmpty] = tr("the wakeup pipe was already empty");
    t[LoopPaused] = tr("loop held at %1");
    t[LoopResumed] = tr("loop released at %1");
}

void EventSummary::appendTemplate(QString &out, Template which, std::initializer_list<Arg> args) const
{
    const QString &pattern = m_templates[size_t(which)];
    const qsizetype size = pattern.size();
    qsizetype literalStart = 0;
    for (qsizetype i = 0; i + 1 < size; ++i) {
        if (pattern[i] != u'%')
            continue;
        const int number = pattern[i + 1].digitValue();
        if (number < 1 || size_t(number) > args.size())
            continue;
        out.append(QStringView(pattern).sliced(literalStart, i - literalStart));
        const Arg &arg = args.begin()[number - 1];
        switch (arg.type) {
        case Arg::Type::Number:
            appendNumber(out, arg.number);
            break;
        case Arg::Type::Latin1:
            out.append(QLatin1StringView(arg.text, arg.length));
            break;
        case Arg::Type::Utf8:
            appendUtf8(out, arg.text);
            break;
        }
        literalStart = i + 2;
        ++i;
    }
    out.append(QStringView(pattern).sliced(literalStart));
}

void EventSummary::appendFields(QString &out, const TraceEvent &event)
{
    bool first = true;
    auto label = [&](const char *name) {
        if (!first)
            out.append(u' ');
        first = false;
        out.append(QLatin1StringView(name));
        out.append(u' ');
    };
    auto number = [&](uint32_t flag, const char *name, int64_t value) {
        if (!event.has(flag))
            return;
        label(name);
        appendNumber(out, value);
    };
    auto named = [&](uint32_t flag, const char *name, const char *valueName, int64_t value) {
        if (!event.has(flag))
            return;
        label(name);
        if (valueName)
            out.append(QLatin1StringView(valueName));
        else
            appendNumber(out, value);
    };

    number(TraceField::Client, "client", event.client);
    number(TraceField::Watch, "watch", event.watch);
    number(TraceField::Fd, "fd", event.fd);
    number(TraceField::Timer, "timer", event.timer);
    if (event.has(TraceField::Events)) {
        label("mode");
        const FlagText flags = handleFlags(event.events);
        out.append(QLatin1StringView(flags.data, flags.length));
    }
    if (event.has(TraceField::Revents)) {
        label("revents");
        const FlagText flags = nativeFlags(event.revents);
        out.append(QLatin1StringView(flags.data, flags.length));
    }
    number(TraceField::Frequency, "frequency", event.frequency);
    number(TraceField::Timeout, "timeout", event.timeout);
    number(TraceField::Nfds, "nfds", event.nfds);
    number(TraceField::Length, "length", event.length);
    number(TraceField::Bytes, "bytes", event.bytes);
    named(TraceField::Proc, "proc", procedureName(event), event.proc);
    named(TraceField::MsgType, "type", messageTypeName(uint32_t(event.msgType)), event.msgType);
    number(TraceField::Serial, "serial", event.serial);
    named(TraceField::Status, "status", messageStatusName(uint32_t(event.status)), event.status);
    number(TraceField::Nrequests, "nrequests", event.nrequests);
    number(TraceField::Dx, "dx", event.dx);
    number(TraceField::Tx, "tx", event.tx);
    named(TraceField::Direction, "gnutls waits to",
          event.direction == 0 ? "read" : event.direction == 1 ? "write" : nullptr, event.direction);
    number(TraceField::Clients, "clients", event.clients);
    number(TraceField::Workers, "workers", event.workers);
    if (event.has(TraceField::Signal)) {
        label("signal");
        if (const char *abbreviation = signalAbbreviation(event.signal)) {
            out.append(QLatin1StringView("SIG"));
            out.append(QLatin1StringView(abbreviation));
        } else {
            appendNumber(out, event.signal);
        }
    }
    // A zero result is the usual success; only other values say something.
    if (event.result != 0)
        number(TraceField::Result, "result", event.result);
    named(TraceField::Errno, "errno", errnoName(event.err), event.err);

    if (event.text) {
        if (!first)
            out.append(QLatin1StringView(": "));
        appendUtf8(out, event.text);
    }
}

void EventSummary::append(QString &out, const TraceEvent &event) const
{
    using A = Arg;
    const bool ok = event.has(TraceField::Result) && event.result >= 0;
    const char *text = event.text;
    auto errnoArg = [&] {
        const char *name = event.has(TraceField::Errno) ? errnoName(event.err) : nullptr;
        return name ? A::latin1(name, qsizetype(std::strlen(name))) : A::of(event.has(TraceField::Errno) ? event.err : 0);
    };
    const FlagText mode = handleFlags(event.has(TraceField::Events) ? event.events : 0);
    const A modeArg = A::latin1(mode.data, mode.length);
    // Dispatch reports what poll returned; shown as handle bits, as the callback gets them.
    const FlagText ready = handleFlags(event.has(TraceField::Revents) ? fromNativeEvents(event.revents) : 0);
    const A readyArg = A::latin1(ready.data, ready.length);

    switch (event.kind) {
    case EventKind::LoopInit:
        if (ok)
            appendTemplate(out, LoopInitOk, {A::of(event.fd)});
        else
            appendTemplate(out, LoopInitFailed, {errnoArg()});
        return;
    case EventKind::AddHandle:
        if (ok)
            appendTemplate(out, AddHandleOk, {A::of(event.watch), A::of(event.fd), modeArg, A::utf8(text)});
        else
            appendTemplate(out, AddHandleFailed, {A::of(event.fd)});
        return;
    case EventKind::UpdateHandle:
        if (ok)
            appendTemplate(out, UpdateHandleOk, {A::of(event.watch), A::of(event.fd), modeArg});
        else
            appendTemplate(out, UpdateHandleIgnored, {A::of(event.watch), modeArg, A::utf8(text)});
        return;
    case EventKind::RemoveHandle:
        if (ok)
            appendTemplate(out, RemoveHandleOk, {A::of(event.watch), A::of(event.fd)});
        else
            appendTemplate(out, RemoveHandleIgnored, {A::of(event.watch), A::utf8(text)});
        return;
    case EventKind::AddTimeout:
        if (!ok)
            appendTemplate(out, AddTimeoutFailed, {});
        else if (event.frequency < 0)
            appendTemplate(out, AddTimeoutDisabled, {A::of(event.timer), A::utf8(text)});
        else if (event.frequency == 0)
            appendTemplate(out, AddTimeoutEveryIteration, {A::of(event.timer), A::utf8(text)});
        else
            appendTemplate(out, AddTimeoutPeriodic, {A::of(event.timer), A::of(event.frequency), A::utf8(text)});
        return;
    case EventKind::UpdateTimeout:
        if (!ok)
            appendTemplate(out, UpdateTimeoutIgnored, {A::of(event.timer), A::utf8(text)});
        else if (event.frequency < 0)
            appendTemplate(out, UpdateTimeoutDisabled, {A::of(event.timer)});
        else if (event.frequency == 0)
            appendTemplate(out, UpdateTimeoutEveryIteration, {A::of(event.timer)});
        else
            appendTemplate(out, UpdateTimeoutPeriodic, {A::of(event.timer), A::of(event.frequency)});
        return;
    case EventKind::RemoveTimeout:
        if (ok)
            appendTemplate(out, RemoveTimeoutOk, {A::of(event.timer)});
        else
            appendTemplate(out, RemoveTimeoutIgnored, {A::of(event.timer), A::utf8(text)});
        return;
    case EventKind::RunOnceBegin:
        appendTemplate(out, RunOnceBegin, {A::of(event.iteration), A::of(event.handles), A::of(event.timeouts)});
        return;
    case EventKind::RunOnceEnd:
        appendTemplate(out, RunOnceEnd, {A::of(event.iteration), A::of(event.handles), A::of(event.timeouts)});
        return;
    case EventKind::RunOnceError:
        appendTemplate(out, RunOnceError, {A::of(event.iteration), errnoArg()});
        return;
    case EventKind::CleanupTimeouts:
        appendTemplate(out, CleanupTimeouts, {A::of(event.timeouts)});
        return;
    case EventKind::CleanupHandles:
        appendTemplate(out, CleanupHandles, {A::of(event.handles)});
        return;
    case EventKind::PurgeTimeout:
        appendTemplate(out, PurgeTimeout, {A::of(event.timer), A::utf8(text)});
        return;
    case EventKind::PurgeHandle:
        appendTemplate(out, PurgeHandle, {A::of(event.watch), A::of(event.fd), A::utf8(text)});
        return;
    case EventKind::FreeCallbackBegin:
        if (event.has(TraceField::Watch))
            appendTemplate(out, FreeCallbackBeginWatch, {A::of(event.watch)});
        else
            appendTemplate(out, FreeCallbackBeginTimer, {A::of(event.timer)});
        return;
    case EventKind::FreeCallbackEnd:
        if (event.has(TraceField::Watch))
            appendTemplate(out, FreeCallbackEndWatch, {A::of(event.watch)});
        else
            appendTemplate(out, FreeCallbackEndTimer, {A::of(event.timer)});
        return;
    case EventKind::MakePollFDs:
        appendTemplate(out, MakePollFDs, {A::of(event.nfds), A::of(event.handles)});
        return;
    case EventKind::CalculateTimeout:
        if (event.timeout < 0)
            appendTemplate(out, CalculateTimeoutInfinite, {});
        else if (event.timeout == 0)
            appendTemplate(out, CalculateTimeoutNow, {});
        else
            appendTemplate(out, CalculateTimeoutMs, {A::of(event.timeout)});
        return;
    case EventKind::PollBegin:
        if (event.timeout < 0)
            appendTemplate(out, PollBeginInfinite, {A::of(event.nfds)});
        else
            appendTemplate(out, PollBeginMs, {A::of(event.nfds), A::of(event.timeout)});
        return;
    case EventKind::PollEnd:
        if (event.result > 0)
            appendTemplate(out, PollEndReady, {A::of(event.result), A::of(event.nfds)});
        else if (event.result == 0)
            appendTemplate(out, PollEndTimedOut, {A::of(event.nfds)});
        else
            appendTemplate(out, PollEndFailed, {errnoArg()});
        return;
    case EventKind::PollRetry:
        appendTemplate(out, PollRetry, {errnoArg()});
        return;
    case EventKind::DispatchTimeouts:
        appendTemplate(out, DispatchTimeouts, {A::of(event.timeouts)});
        return;
    case EventKind::DispatchTimeoutBegin:
        appendTemplate(out, DispatchTimeoutBegin, {A::of(event.timer), A::utf8(text)});
        return;
    case EventKind::DispatchTimeoutEnd:
        appendTemplate(out, DispatchTimeoutEnd, {A::of(event.timer)});
        return;
    case EventKind::DispatchHandles:
        appendTemplate(out, DispatchHandles, {A::of(event.nfds)});
        return;
    case EventKind::DispatchHandleBegin:
        appendTemplate(out, DispatchHandleBegin, {A::of(event.watch), A::of(event.fd), readyArg, A::utf8(text)});
        return;
    case EventKind::DispatchHandleEnd:
        appendTemplate(out, DispatchHandleEnd, {A::of(event.watch), A::of(event.fd)});
        return;
    case EventKind::DispatchSkipDeleted:
        appendTemplate(out, DispatchSkipDeleted, {A::of(event.watch), A::of(event.fd), readyArg});
        return;
    case EventKind::DispatchStopped:
        appendTemplate(out, DispatchStopped, {A::of(event.fd), A::of(event.nfds)});
        return;
    case EventKind::Interrupt:
        if (event.has(TraceField::Bytes) && event.bytes == 1)
            appendTemplate(out, InterruptWritten, {});
        else if (event.has(TraceField::Result) && event.result < 0)
            appendTemplate(out, InterruptFailed, {errnoArg()});
        else
            appendTemplate(out, InterruptSkipped, {A::utf8(text)});
        return;
    case EventKind::HandleWakeup:
        if (event.has(TraceField::Bytes) && event.bytes > 0)
            appendTemplate(out, HandleWakeupDrained, {});
        else
            appendTemplate(out, HandleWakeupEmpty, {});
        return;
    case EventKind::LoopPaused:
        appendTemplate(out, LoopPaused, {A::utf8(text)});
        return;
    case EventKind::LoopResumed:
        appendTemplate(out, LoopResumed, {A::utf8(text)});
        return;
    default:
        // The daemon's steps say what they did in their text; their fields give the ids.
        appendFields(out, event);
        return;
    }
}

QString EventSummary::text(const TraceEvent &event) const
{
    QString out;
    append(out, event);
    return out;
}

} // namespace pollscope::ui
