// Compiled, never run, by the probe_fields tests (CMakeLists.txt): a probe takes the
// fields its kind declares, and setting any other field does not compile.
#include "trace/tracer.h"

void fillDeclaredFields(pollscope::Tracer &tracer)
{
    using pollscope::EventKind;
    if (auto event = tracer.probe<EventKind::UpdateHandle>())
        event->setWatch(3).setFd(9).setEvents(1).setResult(0).setText("qemudDispatchClientEvent");
#ifdef POLLSCOPE_SET_UNDECLARED_FIELD
    // poll() is not about a client: run_once_begin carries no client field.
    if (auto event = tracer.probe<EventKind::RunOnceBegin>())
        event->setClient(1);
#endif
}
