// Fuzz target: the binary trace reader, which reads any file a user opens or checks.
// Every input is read as a binary trace (given the magic if it lacks it). It must load
// or be refused with "NAME: at byte N: reason"; a trace cut off loads with a warning
// naming the byte. A loaded trace is checked against every invariant and each of its
// events described.
#include "fuzzcheck.h"

#include "trace/binarytraceformat.h"
#include "trace/binarytracereader.h"
#include "trace/tracechecker.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace pollscope;
using pollscope::fuzz::expect;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::string bytes(reinterpret_cast<const char *>(data), size);
    if (!isBinaryTrace(bytes))
        bytes.insert(0, binarytrace::kMagic);
    const auto session = readBinaryTrace(bytes, "fuzz.pstrace");
    if (!session) {
        expect(session.error().describe().rfind("fuzz.pstrace: ", 0) == 0, "a refusal names the file");
        return 0;
    }
    if (!session->warning.empty())
        expect(session->warning.find("byte " + std::to_string(bytes.size())) != std::string::npos,
               "a cut-off file says at which byte it ends");
    for (const TraceEvent &event : session->events) {
        expect(event.thread < session->threadNames.size(), "every event's thread has a name");
        expect(size_t(event.kind) < size_t(EventKind::Count), "every event has a known kind");
        expect(size_t(event.reason) < size_t(EventReason::Count), "every event has a known reason");
    }
    for (const TraceViolation &violation : checkTrace(*session)) {
        expect(violation.eventIndex < session->events.size(), "a violation points at an event");
        describeEvent(*session, session->events[violation.eventIndex]);
    }
    return 0;
}
