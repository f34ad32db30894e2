// Fuzz target: the scenario parser. The input is a scenario file as a learner
// might write it, or mangle it. Any text must give a scenario or an error with a
// position inside the text, never a crash, a hang or an exception.
#include "fuzzcheck.h"

#include "scenario/scenarioparser.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

using namespace pollscope;
using pollscope::fuzz::expect;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    const auto parsed = parseScenarioText(text, "fuzz.yaml");
    if (const Error *error = parsed.failure()) {
        expect(!error->message.empty(), "an error says what is wrong");
        const size_t lines = size_t(std::count(text.begin(), text.end(), '\n')) + 1;
        expect(error->where.line <= int(lines) + 1, "an error points into the text");
        expect(error->describe().rfind("fuzz.yaml", 0) == 0, "an error names the file");
    }
    return 0;
}
