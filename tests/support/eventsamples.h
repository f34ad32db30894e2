// Events that carry every field at values crossing each varint length and sign, and
// a field-by-field comparison: for the tests of each compact encoding of an event.
#pragma once

#include "trace/stringpool.h"
#include "trace/tracesession.h"

#include <QTest>

#include <limits>
#include <string>

namespace pollscope::test {

// Extreme and ordinary values of a field's type, so each varint length is crossed.
template <typename T>
T sampleFieldValue(int kind, int field)
{
    switch ((kind + field) % 4) {
    case 0:
        return std::numeric_limits<T>::min();
    case 1:
        return std::numeric_limits<T>::max();
    case 2:
        return T(-1 - field * 1000);
    default:
        return T(kind * 37 + field);
    }
}

// An event of `kind` with every optional member and field set.
inline TraceEvent eventWithEveryField(int kind)
{
    TraceEvent full{};
    full.seq = 1;
    full.timeNs = sampleFieldValue<int64_t>(kind, 40);
    full.flow = std::numeric_limits<uint64_t>::max() - uint64_t(kind);
    full.text = internString("text of " + std::string(eventKindInfo(EventKind(kind)).name));
    full.site = internString("virSomething:" + std::to_string(kind));
    full.kind = EventKind(kind);
    full.reason = EventReason(1 + kind % (int(EventReason::Count) - 1));
    full.thread = uint16_t(kind % 4);
    full.present = 0;
    int field = 0;
#define POLLSCOPE_SET_FIELD(type, member, Flag, json) full.set##Flag(sampleFieldValue<type>(kind, field++));
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_SET_FIELD)
#undef POLLSCOPE_SET_FIELD
    return full;
}

// Two events compare equal member by member: texts by content, threads by name.
inline void compareEvents(const TraceSession &expectedSession, const TraceEvent &expected,
                          const TraceSession &actualSession, const TraceEvent &actual)
{
    QCOMPARE(actual.seq, expected.seq);
    QCOMPARE(actual.timeNs, expected.timeNs);
    QCOMPARE(actual.flow, expected.flow);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.reason, expected.reason);
    QCOMPARE(actualSession.threadName(actual), expectedSession.threadName(expected));
    QCOMPARE(actual.text == nullptr, expected.text == nullptr);
    if (expected.text)
        QCOMPARE(std::string_view(actual.text), std::string_view(expected.text));
    QCOMPARE(actual.site == nullptr, expected.site == nullptr);
    if (expected.site)
        QCOMPARE(std::string_view(actual.site), std::string_view(expected.site));
    QCOMPARE(actual.present, expected.present);
#define POLLSCOPE_COMPARE_FIELD(type, member, Flag, json)                                  \
    if (expected.present & TraceField::Flag)                                               \
        QVERIFY2(actual.member == expected.member, json);
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_COMPARE_FIELD)
#undef POLLSCOPE_COMPARE_FIELD
}

} // namespace pollscope::test
