#include "chrometracewriter.h"

#include "util/jsontext.h"

namespace pollscope {

namespace {

constexpr int kPid = 1;

int tidOf(const TraceEvent &event)
{
    return int(event.thread) + 1;
}

// The name a span gets in a viewer: the callback for dispatches, else the function.
const char *spanName(const TraceEvent &begin)
{
    const EventSpan span = eventKindInfo(begin.kind).span;
    if ((span == EventSpan::HandleCallback || span == EventSpan::TimerCallback) && begin.text)
        return begin.text;
    return begin.function();
}

void appendCommon(std::string &out, const char *ph, const char *name, const char *category, int tid, int64_t ns)
{
    out += "{\"ph\":\"";
    out += ph;
    out += "\",\"name\":";
    appendJsonString(out, name);
    out += ",\"cat\":\"";
    out += category;
    out += "\",\"pid\":";
    appendJsonInteger(out, kPid);
    out += ",\"tid\":";
    appendJsonInteger(out, tid);
    out += ",\"ts\":";
    appendMicroseconds(out, ns);
}

} // namespace

void ChromeTraceWriter::appendHeader(std::string &out, const std::string &source)
{
    out += "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"format\":\"pollscope\",\"source\":";
    appendJsonString(out, source);
    out += "},\"traceEvents\":[\n";
}

void ChromeTraceWriter::appendSeparator(std::string &out)
{
    if (!m_first)
        out += ",\n";
    m_first = false;
}

void ChromeTraceWriter::appendComplete(std::string &out, const TraceEvent &begin, int64_t endNs, const TraceEvent *end)
{
    const EventKindInfo &info = eventKindInfo(begin.kind);
    appendSeparator(out);
    appendCommon(out, "X", spanName(begin), eventFamilyName(info.family), tidOf(begin), relativeNs(begin.timeNs));
    out += ",\"dur\":";
    appendMicroseconds(out, endNs - begin.timeNs);
    out += ",\"args\":{";
    appendEventFields(out, begin);
    if (end) {
        out += ",\"end\":{";
        appendEventFields(out, *end);
        out += '}';
    } else {
        out += ",\"unfinished\":true";
    }
    out += "}}";
}

void ChromeTraceWriter::appendFlowStep(std::string &out, const TraceEvent &event)
{
    auto tail = m_flowTails.find(event.flow);
    if (tail != m_flowTails.end()) {
        // One arrow per consecutive pair of the chain, so the file can be streamed.
        const uint64_t arrow = ++m_nextFlowArrow;
        const TraceEvent &from = tail->second;
        appendSeparator(out);
        appendCommon(out, "s", "flow", "flow", tidOf(from), relativeNs(from.timeNs));
        out += ",\"id\":";
        appendJsonInteger(out, arrow);
        out += ",\"args\":{\"chain\":";
        appendJsonInteger(out, event.flow);
        out += "}}";
        appendSeparator(out);
        appendCommon(out, "f", "flow", "flow", tidOf(event), relativeNs(event.timeNs));
        out += ",\"bp\":\"e\",\"id\":";
        appendJsonInteger(out, arrow);
        out += ",\"args\":{\"chain\":";
        appendJsonInteger(out, event.flow);
        out += "}}";
        tail->second = event;
    } else {
        m_flowTails.emplace(event.flow, event);
    }
}

void ChromeTraceWriter::appendEvent(std::string &out, const TraceEvent &event, const std::vector<std::string> &)
{
    if (!m_haveOrigin) {
        m_originNs = event.timeNs;
        m_haveOrigin = true;
    }
    m_lastNs = std::max(m_lastNs, event.timeNs);
    if (event.thread >= m_threadsSeen.size())
        m_threadsSeen.resize(event.thread + 1u, false);
    m_threadsSeen[event.thread] = true;

    const EventKindInfo &info = eventKindInfo(event.kind);
    switch (info.shape) {
    case EventShape::Begin:
        m_openSpans[event.thread].push_back(event);
        break;
    case EventShape::End: {
        auto &open = m_openSpans[event.thread];
        if (!open.empty()) {
            appendComplete(out, open.back(), event.timeNs, &event);
            open.pop_back();
        }
        break;
    }
    case EventShape::Instant:
        appendSeparator(out);
        appendCommon(out, "i", info.function, eventFamilyName(info.family), tidOf(event), relativeNs(event.timeNs));
        out += ",\"s\":\"t\",\"args\":{";
        appendEventFields(out, event);
        out += "}}";
        break;
    }
    if (event.flow)
        appendFlowStep(out, event);
}

void ChromeTraceWriter::appendFooter(std::string &out, const std::vector<std::string> &threadNames)
{
    // Spans still open when the recording stopped (a poll in progress) end at the last event.
    for (auto &[thread, open] : m_openSpans) {
        for (auto it = open.rbegin(); it != open.rend(); ++it)
            appendComplete(out, *it, m_lastNs, nullptr);
    }
    m_openSpans.clear();

    appendSeparator(out);
    out += "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"pollscope\"}}";
    for (size_t thread = 0; thread < m_threadsSeen.size(); ++thread) {
        if (!m_threadsSeen[thread])
            continue;
        const std::string name = thread < threadNames.size() ? threadNames[thread] : "thread " + std::to_string(thread);
        appendSeparator(out);
        out += "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":";
        appendJsonInteger(out, thread + 1);
        out += ",\"args\":{\"name\":";
        appendJsonString(out, name);
        out += "}}";
    }
    out += "\n]}\n";
}

} // namespace pollscope
