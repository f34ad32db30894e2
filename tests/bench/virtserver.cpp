// The reference server on libvirt's own event loop (libvirt-dev's
// virEventRegisterDefaultImpl and friends), with the same self-pipe and workers.
#include "libvirtbackend.h"
#include "referenceserver.h"

int main(int argc, char **argv)
{
    pollscope::bench::LibvirtBackend backend;
    return pollscope::bench::runReferenceServer(argc, argv, backend, "bench_virtserver");
}
