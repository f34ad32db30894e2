// How many slots the loop's handle and timeout arrays have: libvirt 0.9's rule,
// written once for EventPoll and for whatever replays a trace of it.
//
// A full array grows with VIR_RESIZE_N(array, alloc, count, EVENT_ALLOC_EXTENT):
// virResizeN adds what is missing for `count + extent` slots, but never less than half
// of what is already allocated, so the steps are 10, 20, 30, 45, 67, 100, 150...
// After a cleanup phase, VIR_SHRINK_N releases the whole free tail when the array is
// empty, or when the tail is both larger than the used part and larger than one extent.
#pragma once

#include <cstddef>

namespace pollscope {
namespace slots {

// EVENT_ALLOC_EXTENT.
inline constexpr size_t kAllocExtent = 10;

// The allocation after adding one record to an array of `count` records in `alloc` slots.
constexpr size_t allocationForAdd(size_t count, size_t alloc)
{
    if (count < alloc)
        return alloc;
    size_t delta = count + kAllocExtent - alloc;
    if (delta < alloc / 2)
        delta = alloc / 2;
    return alloc + delta;
}

// The allocation once a cleanup phase has left `count` records in `alloc` slots.
constexpr size_t allocationAfterCleanup(size_t count, size_t alloc)
{
    const size_t gap = alloc - count;
    return count == 0 || (gap > count && gap > kAllocExtent) ? count : alloc;
}

} // namespace slots
} // namespace pollscope
