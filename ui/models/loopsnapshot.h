// The loop's state for the app's Loop state view: the engine's replay of the trace
// (engine/trace/loopreplay.h), which holds every rule; this side only adds the
// store's indexing, each event applied at its index in order.
#pragma once

#include "trace/loopreplay.h"

#include <QtGlobal>

namespace pollscope::ui {

struct LoopSnapshot : LoopReplay
{
    // Applies the event at `index`, which must be position + 1.
    void apply(const TraceEvent &event, qsizetype index)
    {
        Q_ASSERT(index == position + 1);
        Q_UNUSED(index);
        LoopReplay::apply(event);
    }
};

} // namespace pollscope::ui
