#include "eventsummary.h"

#include "eventkindtexts.h"
#include "eventtext.h"

#include "eventpoll/eventhandle.h"
#include "rpc/messageheader.h"
#include "rpc/remoteprocedures.h"

#include <charconv>
#include <cstring>

namespace pollscope::ui {

namespace {

void appendNumber(QString &out, int64_t value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(QLatin1StringView(digits, end - digits));
}

void appendLatin1(QString &out, const char *text)
{
    out.append(QLatin1StringView(text, qsizetype(std::strlen(text))));
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
    char data[16];
    qsizetype length = 0;

    void add(const char *name)
    {
        if (length > 0)
            data[length++] = '|';
        for (; *name; ++name)
            data[length++] = *name;
    }
};

void appendHandleFlags(QString &out, int events)
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
    if (text.length == 0)
        text.add("-");
    out.append(QLatin1StringView(text.data, text.length));
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

// A field's value by its TraceField index, widened.
int64_t fieldValue(const TraceEvent &event, int index)
{
    switch (index) {
#define POLLSCOPE_FIELD_VALUE(type, member, Flag, json) \
    case TraceField::Flag##Index:                       \
        return int64_t(event.member);
        POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_VALUE)
#undef POLLSCOPE_FIELD_VALUE
    }
    return 0;
}

int fieldIndex(QStringView name)
{
#define POLLSCOPE_FIELD_INDEX(type, member, Flag, json) \
    if (name == QLatin1StringView(json))                \
        return TraceField::Flag##Index;
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_INDEX)
#undef POLLSCOPE_FIELD_INDEX
    return -1;
}

constexpr uint32_t kIdFields = TraceField::Client | TraceField::Watch | TraceField::Timer;

} // namespace

EventSummary::EventSummary()
{
    retranslate();
}

void EventSummary::retranslate()
{
    for (size_t kind = 0; kind < m_kinds.size(); ++kind)
        m_kinds[kind] = parse(EventKindTexts::summaryTemplate(EventKind(kind)));
    for (size_t reason = 0; reason < m_reasons.size(); ++reason)
        m_reasons[reason] = parse(QCoreApplication::translate("EventReason", eventReasonInfo(EventReason(reason)).english));

    auto &p = m_phrases;
    p[FrequencyEvery] = tr("every %1 ms");
    p[FrequencyEveryIteration] = tr("fires on every iteration");
    p[FrequencyDisabled] = tr("disabled");
    p[TimeoutMs] = tr("timeout %1 ms");
    p[TimeoutNone] = tr("no timeout");
    p[PollWaitForever] = tr("no timer enabled: poll may wait forever");
    p[PollWaitNone] = tr("a timer is due: poll must not wait");
    p[PollWaitMs] = tr("the next timer is due in %1 ms");
    p[PollReady] = tr("poll returned %1 of %2 fds");
    p[PollTimedOut] = tr("poll timed out: none of %1 fds ready");
    p[PollFailed] = tr("poll failed: %1");
    p[OwnerWatch] = tr("watch %1");
    p[OwnerTimer] = tr("timer %1");
    p[PrefixClient] = tr("client %1: ");
    p[PrefixWatch] = tr("watch %1: ");
    p[PrefixTimer] = tr("timer %1: ");
}

EventSummary::Template EventSummary::parse(QString text)
{
    struct Named
    {
        const char *name;
        Value value;
    };
    static constexpr Named kNamed[] = {
        {"text", Value::Text},         {"reason", Value::Reason},     {"events", Value::Events},
        {"revents", Value::Revents},   {"errno", Value::Errno},       {"signal", Value::Signal},
        {"proc", Value::Proc},         {"msgType", Value::MsgType},   {"status", Value::Status},
        {"frequency", Value::Frequency}, {"timeout", Value::Timeout}, {"owner", Value::Owner},
        {"pollWait", Value::PollWait}, {"pollResult", Value::PollResult},
    };

    Template result;
    result.text = std::move(text);
    const QStringView pattern(result.text);
    qsizetype literalStart = 0;
    qsizetype i = 0;
    while (i < pattern.size()) {
        const qsizetype open = pattern.indexOf(u'{', i);
        const qsizetype close = open < 0 ? -1 : pattern.indexOf(u'}', open);
        if (close < 0)
            break;
        const QStringView name = pattern.sliced(open + 1, close - open - 1);
        Segment segment{literalStart, open - literalStart, Value::Unknown, 0, open, close + 1 - open};
        for (const Named &named : kNamed) {
            if (name == QLatin1StringView(named.name))
                segment.value = named.value;
        }
        if (segment.value == Value::Unknown) {
            if (const int index = fieldIndex(name); index >= 0) {
                segment.value = Value::Field;
                segment.field = uint8_t(index);
                result.fields |= 1u << index;
            }
        }
        result.hasReason = result.hasReason || segment.value == Value::Reason;
        result.segments.push_back(segment);
        literalStart = close + 1;
        i = close + 1;
    }
    result.segments.push_back({literalStart, pattern.size() - literalStart, Value::None, 0, 0, 0});
    return result;
}

void EventSummary::appendFilled(QString &out, const Template &pattern, const TraceEvent &event) const
{
    for (const Segment &segment : pattern.segments) {
        out.append(QStringView(pattern.text).sliced(segment.literalStart, segment.literalLength));
        appendValue(out, segment, pattern, event);
    }
}

void EventSummary::appendValue(QString &out, const Segment &segment, const Template &pattern,
                               const TraceEvent &event) const
{
    const auto unknown = [&] { out.append(u'?'); };
    switch (segment.value) {
    case Value::None:
        return;
    case Value::Unknown:
        out.append(QStringView(pattern.text).sliced(segment.nameStart, segment.nameLength));
        return;
    case Value::Field:
        if (event.has(1u << segment.field))
            appendNumber(out, fieldValue(event, segment.field));
        else
            unknown();
        return;
    case Value::Text:
        if (event.text)
            appendUtf8(out, event.text);
        else
            unknown();
        return;
    case Value::Reason:
        appendReason(out, event);
        return;
    case Value::Events:
        if (event.has(TraceField::Events))
            appendHandleFlags(out, event.events);
        else
            unknown();
        return;
    case Value::Revents:
        // As the callback gets them: handle bits, not poll(2)'s.
        if (event.has(TraceField::Revents))
            appendHandleFlags(out, fromNativeEvents(event.revents));
        else
            unknown();
        return;
    case Value::Errno:
        if (!event.has(TraceField::Errno))
            unknown();
        else if (const char *name = errnoName(event.err))
            appendLatin1(out, name);
        else
            appendNumber(out, event.err);
        return;
    case Value::Signal:
        if (!event.has(TraceField::Signal)) {
            unknown();
        } else if (const char *abbreviation = signalAbbreviation(event.signal)) {
            out.append(QLatin1StringView("SIG"));
            appendLatin1(out, abbreviation);
        } else {
            appendNumber(out, event.signal);
        }
        return;
    case Value::Proc:
        if (!event.has(TraceField::Proc))
            unknown();
        else if (const char *name = procedureName(event))
            appendLatin1(out, name);
        else
            appendNumber(out, event.proc);
        return;
    case Value::MsgType:
        if (!event.has(TraceField::MsgType))
            unknown();
        else if (const char *name = messageTypeName(uint32_t(event.msgType)))
            appendLatin1(out, name);
        else
            appendNumber(out, event.msgType);
        return;
    case Value::Status:
        if (!event.has(TraceField::Status))
            unknown();
        else if (const char *name = messageStatusName(uint32_t(event.status)))
            appendLatin1(out, name);
        else
            appendNumber(out, event.status);
        return;
    case Value::Frequency:
        if (!event.has(TraceField::Frequency))
            unknown();
        else if (event.frequency < 0)
            appendPhrase(out, FrequencyDisabled, {});
        else if (event.frequency == 0)
            appendPhrase(out, FrequencyEveryIteration, {});
        else
            appendPhrase(out, FrequencyEvery, {Arg::of(event.frequency)});
        return;
    case Value::Timeout:
        if (!event.has(TraceField::Timeout))
            unknown();
        else if (event.timeout < 0)
            appendPhrase(out, TimeoutNone, {});
        else
            appendPhrase(out, TimeoutMs, {Arg::of(event.timeout)});
        return;
    case Value::Owner:
        if (event.has(TraceField::Watch))
            appendPhrase(out, OwnerWatch, {Arg::of(event.watch)});
        else if (event.has(TraceField::Timer))
            appendPhrase(out, OwnerTimer, {Arg::of(event.timer)});
        else
            unknown();
        return;
    case Value::PollWait:
        if (!event.has(TraceField::Timeout))
            unknown();
        else if (event.timeout < 0)
            appendPhrase(out, PollWaitForever, {});
        else if (event.timeout == 0)
            appendPhrase(out, PollWaitNone, {});
        else
            appendPhrase(out, PollWaitMs, {Arg::of(event.timeout)});
        return;
    case Value::PollResult: {
        const int64_t nfds = event.has(TraceField::Nfds) ? event.nfds : 0;
        if (!event.has(TraceField::Result)) {
            unknown();
        } else if (event.result > 0) {
            appendPhrase(out, PollReady, {Arg::of(event.result), Arg::of(nfds)});
        } else if (event.result == 0) {
            appendPhrase(out, PollTimedOut, {Arg::of(nfds)});
        } else {
            const char *name = event.has(TraceField::Errno) ? errnoName(event.err) : nullptr;
            appendPhrase(out, PollFailed,
                         {name ? Arg::latin1(name, qsizetype(std::strlen(name)))
                               : Arg::of(event.has(TraceField::Errno) ? event.err : 0)});
        }
        return;
    }
    }
}

void EventSummary::appendPhrase(QString &out, Phrase which, std::initializer_list<Arg> args) const
{
    const QString &pattern = m_phrases[size_t(which)];
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
        if (arg.isNumber)
            appendNumber(out, arg.number);
        else
            out.append(QLatin1StringView(arg.text, arg.length));
        literalStart = i + 2;
        ++i;
    }
    out.append(QStringView(pattern).sliced(literalStart));
}

void EventSummary::appendReason(QString &out, const TraceEvent &event) const
{
    if (event.reason == EventReason::None || size_t(event.reason) >= m_reasons.size())
        return;
    appendFilled(out, m_reasons[size_t(event.reason)], event);
}

QString EventSummary::reasonText(const TraceEvent &event) const
{
    QString out;
    appendReason(out, event);
    return out;
}

void EventSummary::append(QString &out, const TraceEvent &event) const
{
    if (size_t(event.kind) >= m_kinds.size())
        return;
    const Template &usual = m_kinds[size_t(event.kind)];
    if (event.reason == EventReason::None || usual.hasReason) {
        appendFilled(out, usual, event);
        return;
    }
    // The reason's sentence says what happened; it is about the event's client,
    // watch or timer, named first unless the sentence names it.
    const Template &reason = m_reasons[size_t(event.reason)];
    const uint32_t id = event.has(TraceField::Client) ? TraceField::Client
        : event.has(TraceField::Watch)                ? TraceField::Watch
        : event.has(TraceField::Timer)                ? TraceField::Timer
                                                      : 0;
    if (id && !(reason.fields & id & kIdFields)) {
        if (id == TraceField::Client)
            appendPhrase(out, PrefixClient, {Arg::of(event.client)});
        else if (id == TraceField::Watch)
            appendPhrase(out, PrefixWatch, {Arg::of(event.watch)});
        else
            appendPhrase(out, PrefixTimer, {Arg::of(event.timer)});
    }
    appendFilled(out, reason, event);
}

QString EventSummary::text(const TraceEvent &event) const
{
    QString out;
    append(out, event);
    return out;
}

} // namespace pollscope::ui
