// A typed probe: the recording of one step whose kind is known where it is written.
// Its setters are the fields the kind's descriptor lists (eventkind.h), checked when
// the code is compiled: setting a field the kind does not carry is an error there,
// not a finding of `pollscope check` later.
//
//     if (auto event = m_tracer.probe<EventKind::UpdateHandle>())
//         event->setWatch(watch).setEvents(events).setResult(-1).setReason(EventReason::NoSuchWatch);
#pragma once

// Included at the end of tracer.h, which declares Tracer::probe().

#include "eventkindfields.h"
#include "tracer.h"

#include <utility>

namespace pollscope {

template<EventKind Kind>
class Probe
{
public:
    explicit Probe(Tracer::SlotRecord record) : m_record(std::move(record)) {}

    // False when tracing is off or the event was dropped: nothing to fill.
    explicit operator bool() const { return bool(m_record); }
    // `event->setX(...)` reads like filling the event itself.
    Probe *operator->() { return this; }

#define POLLSCOPE_PROBE_SETTER(type, member, Flag, json)                                         \
    Probe &set##Flag(type value)                                                                 \
    {                                                                                            \
        static_assert(eventKindFields(Kind) & TraceField::Flag,                                  \
                      "this kind does not carry the field: add it to the kind's fields in eventkind.h"); \
        m_record->template set<Kind, TraceField::Flag##Index>(value);                            \
        return *this;                                                                            \
    }
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_PROBE_SETTER)
#undef POLLSCOPE_PROBE_SETTER

    // The name the step is about: a callback, socket, peer, procedure; never a sentence.
    Probe &setText(const char *text)
    {
        m_record->text = text;
        return *this;
    }
    Probe &setReason(EventReason reason)
    {
        m_record->reason = reason;
        return *this;
    }
    Probe &setFlow(uint64_t flow)
    {
        m_record->flow = flow;
        return *this;
    }
    uint64_t flow() const { return m_record->flow; }

private:
    Tracer::SlotRecord m_record;
};

template<EventKind Kind>
Probe<Kind> Tracer::probe()
{
    return Probe<Kind>(reserveSlot(Kind));
}

} // namespace pollscope
