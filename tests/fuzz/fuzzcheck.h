// What a fuzz target does when a decoder breaks one of its own promises: print
// what and stop, so that libFuzzer (or the corpus replay) reports the input.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace pollscope::fuzz {

[[noreturn]] inline void broken(const char *promise)
{
    std::fprintf(stderr, "broken promise: %s\n", promise);
    std::abort();
}

inline void expect(bool holds, const char *promise)
{
    if (!holds)
        broken(promise);
}

} // namespace pollscope::fuzz
