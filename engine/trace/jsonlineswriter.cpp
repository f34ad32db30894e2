#include "jsonlineswriter.h"

#include "util/jsontext.h"

namespace pollscope {

void JsonLinesWriter::appendHeader(std::string &out, const std::string &source, const std::string &origin)
{
    out += "{\"format\":";
    appendJsonString(out, kFormatTag);
    out += ",\"version\":";
    appendJsonInteger(out, kVersion);
    out += ",\"source\":";
    appendJsonString(out, source);
    if (!origin.empty()) {
        out += ",\"origin\":";
        appendJsonString(out, origin);
    }
    out += "}\n";
}

void JsonLinesWriter::appendEvent(std::string &out, const TraceEvent &event, const std::vector<std::string> &threadNames)
{
    out += '{';
    appendEventFields(out, event);
    out += ",\"thread\":";
    const std::string_view thread =
        event.thread < threadNames.size() ? std::string_view(threadNames[event.thread]) : std::string_view("?");
    appendJsonString(out, thread);
    out += "}\n";
}

void JsonLinesWriter::appendFooter(std::string &, const std::vector<std::string> &)
{
}

} // namespace pollscope
