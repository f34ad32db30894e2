// The one-line, human description of a trace event that the event log shows and
// the free-text filter searches: "watch 5 fd 9 mode R|W, callback ...", "poll
// returned 2 of 4 fds", "client 3: end of file: the peer closed the connection".
//
// The words come from the kind's summary template (EventKindTexts) and, when the
// step did not go the usual way, from its reason's sentence (engine/trace/
// eventreason.cpp), both translated; placeholders such as {watch} or {errno} are
// filled from the event's fields.
//
// Filtering a million rows builds a million summaries, so writing one must not
// allocate: the translated templates are looked up and parsed once, and append()
// fills a caller-owned string whose capacity is reused from row to row.
#pragma once

#include "trace/traceevent.h"

#include <QCoreApplication>
#include <QString>

#include <array>
#include <initializer_list>
#include <vector>

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

    // The event's reason as a sentence with its placeholders filled; empty when
    // the event has none.
    void appendReason(QString &out, const TraceEvent &event) const;
    QString reasonText(const TraceEvent &event) const;

private:
    // What a placeholder stands for.
    enum class Value : uint8_t {
        None, // no placeholder: the literal ends the template
        Field, // a number field, by its TraceField index
        Text,
        Reason,
        Events,
        Revents,
        Errno,
        Signal,
        Proc,
        MsgType,
        Status,
        Frequency,
        Timeout,
        Owner,
        PollWait,
        PollResult,
        Unknown, // a name no formatter knows: written back as it is
    };

    // A literal stretch of the template, then the placeholder after it.
    struct Segment
    {
        qsizetype literalStart;
        qsizetype literalLength;
        Value value;
        uint8_t field;       // for Value::Field
        qsizetype nameStart; // for Value::Unknown: "{name}" in the template
        qsizetype nameLength;
    };

    struct Template
    {
        QString text;
        std::vector<Segment> segments;
        uint32_t fields = 0; // TraceField bits of the ids it names
        bool hasReason = false;
    };

    // Phrases the formatters use; %1, %2 are their values.
    enum Phrase : int {
        FrequencyEvery,
        FrequencyEveryIteration,
        FrequencyDisabled,
        TimeoutMs,
        TimeoutNone,
        PollWaitForever,
        PollWaitNone,
        PollWaitMs,
        PollReady,
        PollTimedOut,
        PollFailed,
        OwnerWatch,
        OwnerTimer,
        PrefixClient,
        PrefixWatch,
        PrefixTimer,
        PhraseCount
    };

    // A phrase's value: a number, or Latin-1 text that outlives the call.
    struct Arg
    {
        bool isNumber;
        int64_t number;
        const char *text;
        qsizetype length;

        static Arg of(int64_t value) { return {true, value, nullptr, 0}; }
        static Arg latin1(const char *text, qsizetype length) { return {false, 0, text, length}; }
    };

    static Template parse(QString text);
    void appendFilled(QString &out, const Template &pattern, const TraceEvent &event) const;
    void appendValue(QString &out, const Segment &segment, const Template &pattern, const TraceEvent &event) const;
    void appendPhrase(QString &out, Phrase which, std::initializer_list<Arg> args) const;

    std::array<Template, size_t(EventKind::Count)> m_kinds;
    std::array<Template, size_t(EventReason::Count)> m_reasons;
    std::array<QString, PhraseCount> m_phrases;
};

} // namespace pollscope::ui
