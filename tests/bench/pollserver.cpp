// The floor of the throughput benchmarks: the reference server on a minimal poll()
// loop with a self-pipe and a worker pool.
#include "pollbackend.h"
#include "referenceserver.h"

int main(int argc, char **argv)
{
    pollscope::bench::PollBackend backend;
    return pollscope::bench::runReferenceServer(argc, argv, backend, "bench_pollserver");
}
