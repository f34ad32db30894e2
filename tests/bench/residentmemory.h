// Resident memory of this process, for the benchmarks that report what they hold.
#pragma once

#include <fstream>
#include <unistd.h>

namespace pollscope::bench {

// In MiB, from /proc/self/statm.
inline double residentMiB()
{
    std::ifstream in("/proc/self/statm");
    long long pages = 0;
    long long resident = 0;
    in >> pages >> resident;
    return double(resident) * double(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

} // namespace pollscope::bench
