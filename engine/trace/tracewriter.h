// Writes a trace to a file in one of the export formats, batch by batch, so a long
// run can stream its events out while it goes. The file appears only when
// finish() succeeds (see AtomicFile); a failure leaves no partial file.
#pragma once

#include "traceformat.h"
#include "traceslot.h"
#include "tracesession.h"
#include "util/atomicfile.h"
#include "util/result.h"

#include <memory>
#include <string>
#include <vector>

namespace pollscope {

class TraceWriter
{
public:
    static std::unique_ptr<TraceWriter> create(TraceFormat format);
    virtual ~TraceWriter() = default;

    // `origin` is the session's (empty for the replica's own recordings).
    bool open(const std::string &path, const std::string &source, const std::string &origin = {});
    // Appends events, which continue the order of earlier batches.
    bool write(const std::vector<TraceEvent> &events, const std::vector<std::string> &threadNames);
    // Appends one event straight from its trace buffer slot, its time `timeNs`.
    bool writeSlot(const TraceSlot &slot, int64_t timeNs, const std::vector<std::string> &threadNames)
    {
        appendSlot(m_buffer, slot, timeNs, threadNames);
        return flushIfLarge(false);
    }
    // Completes and publishes the file.
    bool finish(const std::vector<std::string> &threadNames);

    const std::string &error() const { return m_file.error(); }

protected:
    virtual void appendHeader(std::string &out, const std::string &source, const std::string &origin) = 0;
    virtual void appendEvent(std::string &out, const TraceEvent &event, const std::vector<std::string> &threadNames) = 0;
    // By default the event in full, as appendEvent writes it; a format may encode the
    // slot directly.
    virtual void appendSlot(std::string &out, const TraceSlot &slot, int64_t timeNs, const std::vector<std::string> &threadNames);
    virtual void appendFooter(std::string &out, const std::vector<std::string> &threadNames) = 0;

private:
    bool flushIfLarge(bool force);

    AtomicFile m_file;
    std::string m_buffer;
};

// Writes a whole session in one go, whole or not at all.
Result<void> exportTrace(const TraceSession &session, const std::string &path, TraceFormat format);

// The fields of an event as JSON members, without braces: "seq":1,"timeNs":...
// Shared by the JSON Lines writer and the Chrome writer's args.
void appendEventFields(std::string &out, const TraceEvent &event);

} // namespace pollscope
