// Fuzz target: the libvirtd log importer behind `pollscope import` and File > Open,
// which read any file a user points them at. The input is a log. It must be
// imported or refused with "NAME:1: reason"; an import accounts for every line,
// numbers its events from 1 in order with time never running backwards, names each
// event's thread, ends every span it began, and holds up under `pollscope check`.
#include "fuzzcheck.h"

#include "import/libvirtdlog.h"
#include "trace/tracechecker.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace pollscope;
using pollscope::fuzz::expect;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto imported = importLibvirtdLogText(text, "fuzz.log");
    if (!imported) {
        expect(imported.error().describe().rfind("fuzz.log:1: ", 0) == 0, "a refusal names the file and its first line");
        return 0;
    }
    const LibvirtdLogCounts &counts = imported->counts;
    expect(counts.steps + counts.folded + counts.notes == counts.lines, "every line read is a step, folded or a note");
    expect(imported->problem.empty() || imported->problem.rfind("fuzz.log:", 0) == 0, "a problem names its line");
    const TraceSession &session = imported->session;
    int64_t lastTime = 0;
    for (size_t i = 0; i < session.events.size(); ++i) {
        const TraceEvent &event = session.events[i];
        expect(event.seq == i + 1, "events are numbered from 1 in file order");
        expect(event.timeNs >= lastTime, "time never runs backwards");
        lastTime = event.timeNs;
        expect(event.thread < session.threadNames.size(), "every event's thread has a name");
        expect(event.function() != nullptr, "every event names a function");
    }
    for (const TraceViolation &violation : checkTrace(session)) {
        expect(violation.eventIndex < session.events.size(), "a violation points at an event");
        expect(violation.rule != "spans-balanced" && violation.rule != "total-order",
               "the importer ends every span it begins, in order");
        describeEvent(session, session.events[violation.eventIndex]);
    }
    return 0;
}
