// Fuzz target: the trace loader and the checker behind `pollscope check`, which
// read any file a user points them at. The input is a trace file, JSON Lines or
// Chrome format. It must load or be refused with "NAME[:LINE]: reason"; a loaded
// trace is checked against every invariant, and each violation described.
#include "fuzzcheck.h"

#include "trace/tracechecker.h"
#include "trace/traceloader.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace pollscope;
using pollscope::fuzz::expect;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    const auto session = loadTraceText(text, "fuzz.jsonl");
    if (!session) {
        expect(session.error().describe().rfind("fuzz.jsonl", 0) == 0, "a refusal names the file");
        return 0;
    }
    for (const TraceEvent &event : session->events)
        expect(event.thread < session->threadNames.size(), "every event's thread has a name");
    for (const TraceViolation &violation : checkTrace(*session)) {
        expect(violation.eventIndex < session->events.size(), "a violation points at an event");
        expect(!violation.rule.empty(), "a violation names its rule");
        describeEvent(*session, session->events[violation.eventIndex]);
    }
    return 0;
}
