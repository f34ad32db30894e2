#include "scenarioreport.h"

#include "import/reallibvirtd.h"
#include "trace/tracechecker.h"

namespace pollscope::app {

void printScenarioReport(std::FILE *out, const Scenario &scenario, const ScenarioRunResult &result,
                         const std::string &locale)
{
    std::fprintf(out, "%s: %s\n", scenario.file.c_str(), scenario.title.forLocale(locale).c_str());
    if (!result.setupError.empty()) {
        std::fprintf(out, "  could not run: %s\n", result.setupError.c_str());
        return;
    }
    std::fprintf(out, "  %zu events, %d client actions, %d expectations\n", result.session.events.size(),
                 result.clientActions, result.expectationsChecked);
    if (result.realLibvirtd) {
        const RealLibvirtdResult &real = *result.realLibvirtd;
        if (!real.installed)
            std::fprintf(out, "  the real libvirtd 9 half is skipped: libvirtd is not installed (install the package "
                              "%s)\n", RealLibvirtd::kPackage);
        else if (real.ran)
            std::fprintf(out, "  the real libvirtd 9 ran the same steps: %zu events imported from its log%s%s\n",
                         real.session.events.size(), real.logProblem.empty() ? "" : "; ", real.logProblem.c_str());
    }
    for (const ScenarioFailure &failure : result.failures) {
        std::fprintf(out, "%s: %s\n", failure.where.describe().c_str(), failure.message.c_str());
        if (failure.context.empty())
            continue;
        std::fprintf(out, "  trace around it:\n");
        for (size_t index : failure.context)
            std::fprintf(out, "    %s\n", describeEvent(result.session, result.session.events[index]).c_str());
    }
    std::fprintf(out, "%s\n", result.passed() ? "  passed" : "  FAILED");
}

} // namespace pollscope::app
