#include "tracewriter.h"

#include "binarytracewriter.h"
#include "chrometracewriter.h"
#include "jsonlineswriter.h"
#include "util/jsontext.h"

namespace pollscope {

std::optional<TraceFormat> traceFormatFromName(std::string_view name)
{
    if (name == "jsonl")
        return TraceFormat::JsonLines;
    if (name == "chrome")
        return TraceFormat::Chrome;
    if (name == "binary")
        return TraceFormat::Binary;
    return std::nullopt;
}

TraceFormat traceFormatForPath(std::string_view path)
{
    return path.ends_with(kBinaryTraceExtension) ? TraceFormat::Binary : TraceFormat::JsonLines;
}

const char *traceFormatName(TraceFormat format)
{
    switch (format) {
    case TraceFormat::Chrome:
        return "chrome";
    case TraceFormat::Binary:
        return "binary";
    case TraceFormat::JsonLines:
        break;
    }
    return "jsonl";
}

std::unique_ptr<TraceWriter> TraceWriter::create(TraceFormat format)
{
    if (format == TraceFormat::Chrome)
        return std::make_unique<ChromeTraceWriter>();
    if (format == TraceFormat::Binary)
        return std::make_unique<BinaryTraceWriter>();
    return std::make_unique<JsonLinesWriter>();
}

bool TraceWriter::open(const std::string &path, const std::string &source, const std::string &origin)
{
    if (!m_file.open(path))
        return false;
    m_buffer.clear();
    appendHeader(m_buffer, source, origin);
    return flushIfLarge(false);
}

bool TraceWriter::write(const std::vector<TraceEvent> &events, const std::vector<std::string> &threadNames)
{
    for (const TraceEvent &event : events) {
        appendEvent(m_buffer, event, threadNames);
        if (!flushIfLarge(false))
            return false;
    }
    return true;
}

void TraceWriter::appendSlot(std::string &out, const TraceSlot &slot, int64_t timeNs,
                             const std::vector<std::string> &threadNames)
{
    TraceEvent event;
    slot.unpackInto(event);
    event.timeNs = timeNs;
    appendEvent(out, event, threadNames);
}

bool TraceWriter::finish(const std::vector<std::string> &threadNames)
{
    appendFooter(m_buffer, threadNames);
    return flushIfLarge(true) && m_file.commit();
}

bool TraceWriter::flushIfLarge(bool force)
{
    constexpr size_t kFlushBytes = 1 << 20;
    if (!force && m_buffer.size() < kFlushBytes)
        return true;
    const bool ok = m_file.write(m_buffer);
    m_buffer.clear();
    return ok;
}

Result<void> exportTrace(const TraceSession &session, const std::string &path, TraceFormat format)
{
    auto writer = TraceWriter::create(format);
    const bool ok = writer->open(path, session.source, session.origin) && writer->write(session.events, session.threadNames)
        && writer->finish(session.threadNames);
    if (!ok)
        return Error{writer->error(), {}};
    return {};
}

void appendEventFields(std::string &out, const TraceEvent &event)
{
    const EventKindInfo &info = eventKindInfo(event.kind);
    out += "\"seq\":";
    appendJsonInteger(out, event.seq);
    out += ",\"timeNs\":";
    appendJsonInteger(out, event.timeNs);
    out += ",\"kind\":\"";
    out += info.name;
    out += "\",\"function\":";
    appendJsonString(out, event.function());
    if (info.probe) {
        out += ",\"probe\":\"";
        out += info.probe;
        out += '"';
    }
    out += ",\"family\":\"";
    out += eventFamilyName(info.family);
    out += '"';
    if (event.flow) {
        out += ",\"flow\":";
        appendJsonInteger(out, event.flow);
    }
    if (event.text) {
        out += ",\"text\":";
        appendJsonString(out, event.text);
    }
    if (event.reason != EventReason::None) {
        // The code is what a reader of the file matches on; the sentence is for people.
        out += ",\"reason\":\"";
        out += eventReasonInfo(event.reason).code;
        out += "\",\"message\":";
        appendJsonString(out, englishReason(event));
    }
#define POLLSCOPE_APPEND_FIELD(type, member, Flag, json)     \
    if (event.present & TraceField::Flag) {                  \
        out += ",\"" json "\":";                             \
        appendJsonInteger(out, event.member);                \
    }
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_APPEND_FIELD)
#undef POLLSCOPE_APPEND_FIELD
}

} // namespace pollscope
