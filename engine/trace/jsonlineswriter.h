// JSON Lines: a header object on the first line, then one event per line.
#pragma once

#include "tracewriter.h"

namespace pollscope {

class JsonLinesWriter final : public TraceWriter
{
public:
    // The value of "format" in the header line, which loaders check.
    static constexpr const char *kFormatTag = "pollscope-trace";
    static constexpr int kVersion = 1;

protected:
    void appendHeader(std::string &out, const std::string &source, const std::string &origin) override;
    void appendEvent(std::string &out, const TraceEvent &event, const std::vector<std::string> &threadNames) override;
    void appendFooter(std::string &out, const std::vector<std::string> &threadNames) override;
};

} // namespace pollscope
