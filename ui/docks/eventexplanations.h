// What each kind of step does and why, in plain words for a learner: the
// "Why" paragraph of the details panel and the tooltips of the call flow.
#pragma once

#include "trace/eventkind.h"

#include <QCoreApplication>
#include <QString>

namespace pollscope::ui {

class EventExplanations
{
    Q_DECLARE_TR_FUNCTIONS(EventExplanations)

public:
    // Two to four sentences, translated. Every kind has one: the switch behind it
    // names every kind, so the compiler reports a kind added without one.
    static QString explanation(EventKind kind);
};

} // namespace pollscope::ui
