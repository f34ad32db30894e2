// The Chrome Trace Event Format (JSON object form), as Perfetto and chrome://tracing
// read it: complete events ("X") for spans such as poll waits and callbacks, instant
// events ("i") for adds, updates, removals and interrupts, flow events ("s"/"f")
// linking each step of a causal chain to the next, and metadata naming the threads.
#pragma once

#include "tracewriter.h"

#include <unordered_map>
#include <vector>

namespace pollscope {

class ChromeTraceWriter final : public TraceWriter
{
protected:
    void appendHeader(std::string &out, const std::string &source, const std::string &origin) override;
    void appendEvent(std::string &out, const TraceEvent &event, const std::vector<std::string> &threadNames) override;
    void appendFooter(std::string &out, const std::vector<std::string> &threadNames) override;

private:
    void appendSeparator(std::string &out);
    void appendComplete(std::string &out, const TraceEvent &begin, int64_t endNs, const TraceEvent *end);
    void appendFlowStep(std::string &out, const TraceEvent &event);
    int64_t relativeNs(int64_t timeNs) const { return timeNs - m_originNs; }

    bool m_first = true;
    bool m_haveOrigin = false;
    int64_t m_originNs = 0;
    int64_t m_lastNs = 0;
    uint64_t m_nextFlowArrow = 0;
    std::vector<bool> m_threadsSeen;
    // Open spans per thread, innermost last.
    std::unordered_map<uint16_t, std::vector<TraceEvent>> m_openSpans;
    // The latest event of each causal chain, where the next arrow starts.
    std::unordered_map<uint64_t, TraceEvent> m_flowTails;
};

} // namespace pollscope
