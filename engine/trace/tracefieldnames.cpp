#include "tracefieldnames.h"

namespace pollscope {

std::vector<std::string_view> traceFieldNames()
{
    return {
#define POLLSCOPE_FIELD_NAME(type, member, Flag, json) json,
        POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_NAME)
#undef POLLSCOPE_FIELD_NAME
    };
}

bool isTraceFieldName(std::string_view name)
{
    for (std::string_view field : traceFieldNames()) {
        if (field == name)
            return true;
    }
    return false;
}

std::optional<int64_t> traceFieldValue(const TraceEvent &event, std::string_view name)
{
#define POLLSCOPE_FIELD_VALUE(type, member, Flag, json)                       \
    if (name == json)                                                         \
        return event.has(TraceField::Flag) ? std::optional<int64_t>(int64_t(event.member)) : std::nullopt;
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_VALUE)
#undef POLLSCOPE_FIELD_VALUE
    return std::nullopt;
}

} // namespace pollscope
