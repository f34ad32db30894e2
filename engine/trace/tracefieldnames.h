// The optional fields by their names in exported traces ("watch", "fd", ...), for
// scenario conditions that say which field must have which value.
#pragma once

#include "traceevent.h"

#include <optional>
#include <string_view>
#include <vector>

namespace pollscope {

std::vector<std::string_view> traceFieldNames();
bool isTraceFieldName(std::string_view name);
// The value of the named field, or nullopt if the event does not carry it.
std::optional<int64_t> traceFieldValue(const TraceEvent &event, std::string_view name);

} // namespace pollscope
