// The optional fields each event kind may carry, as its descriptor in eventkind.h
// lists them: what a probe may set, and what a buffer slot makes room for.
#pragma once

#include "eventkind.h"
#include "tracefields.h"

#include <cstddef>
#include <cstdint>
#include <iterator>

// Outside namespace pollscope, so that the field names the descriptors use (Result,
// Timeout, ...) are not taken for pollscope's own names.
namespace pollscope_descriptors {
using namespace pollscope::TraceField;
inline constexpr uint32_t kKindFields[] = {
#define POLLSCOPE_KIND_FIELDS(Enum, name, function, probe, family, shape, mark, span, stage, fields, call) uint32_t(fields),
    POLLSCOPE_EVENT_KINDS(POLLSCOPE_KIND_FIELDS)
#undef POLLSCOPE_KIND_FIELDS
};
static_assert(std::size(kKindFields) == size_t(pollscope::EventKind::Count));
} // namespace pollscope_descriptors

namespace pollscope {

// The TraceField bits a kind may carry.
constexpr uint32_t eventKindFields(EventKind kind)
{
    return pollscope_descriptors::kKindFields[size_t(kind)];
}

} // namespace pollscope
