// The host of libvirt 9's test driver, as its node calls report it: two NUMA cells
// of eight CPUs, i686, 1400 MHz, the "testSecurity" model, and the SMBIOS table and
// capabilities XML that `virsh sysinfo` and `virsh capabilities` print.
#pragma once

#include <cstdint>
#include <string>

namespace pollscope {

struct TestNodeInfo
{
    std::string model = "i686";
    uint64_t memoryKiB = 3145728;
    int32_t cpus = 16;
    int32_t mhz = 1400;
    int32_t nodes = 2;
    int32_t sockets = 2;
    int32_t cores = 2;
    int32_t threads = 2;
};

inline constexpr uint64_t kTestNodeFreeMemoryBytes = 3145728; // the driver reports bytes, virsh prints KiB
inline constexpr int32_t kTestNodeCpuMapCpus = 8;             // virNodeGetCPUMap's count
inline constexpr const char *kTestSecurityModel = "testSecurity";
inline constexpr const char *kTestSecurityLabel = "libvirt-test";

const std::string &testNodeSysinfo();
const std::string &testNodeCapabilities();

} // namespace pollscope
