// Stable names for the threads that emit trace events ("main", "loop", "worker-3").
// The registry is process-wide: a name always maps to the same small id, so the
// events of a thread land in one lane however many sessions the process runs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pollscope::ThreadNames {

// Names the calling thread from now on.
void setCurrent(std::string_view name);
// The id of the calling thread's name; an unnamed thread gets "thread-<tid>".
uint16_t currentId();
// The name the step control records its own work under, whichever thread does it:
// pollscope's controls are not one of libvirt's threads.
inline constexpr std::string_view kControl = "pollscope control";

// While it lives, the calling thread's events are recorded under `name`.
class Scope
{
public:
    explicit Scope(std::string_view name);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

private:
    int m_saved;
};
// The id of `name`, registering it if needed.
uint16_t idOf(std::string_view name);
// All names registered so far, indexed by id.
std::vector<std::string> snapshot();

} // namespace pollscope::ThreadNames
