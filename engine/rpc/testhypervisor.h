// An in-memory hypervisor driver in the manner of libvirt's test:///default: a fixed
// set of domains and fixed versions, so that a real virsh gets real answers.
//
// It is immutable after construction, so any number of clients and worker threads
// may read it without locking.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pollscope {

using Uuid = std::array<uint8_t, 16>; // VIR_UUID_BUFLEN raw bytes

// virDomainState.
inline constexpr int32_t VIR_DOMAIN_NOSTATE = 0;
inline constexpr int32_t VIR_DOMAIN_RUNNING = 1;
inline constexpr int32_t VIR_DOMAIN_BLOCKED = 2;
inline constexpr int32_t VIR_DOMAIN_PAUSED = 3;
inline constexpr int32_t VIR_DOMAIN_SHUTDOWN = 4;
inline constexpr int32_t VIR_DOMAIN_SHUTOFF = 5;
inline constexpr int32_t VIR_DOMAIN_CRASHED = 6;
inline constexpr int32_t VIR_DOMAIN_PMSUSPENDED = 7;

// The reasons the default domains are in their state (virDomain*Reason).
inline constexpr int32_t VIR_DOMAIN_RUNNING_BOOTED = 1;
inline constexpr int32_t VIR_DOMAIN_PAUSED_USER = 1;
inline constexpr int32_t VIR_DOMAIN_SHUTOFF_SHUTDOWN = 1;

struct TestDomain
{
    std::string name;
    int32_t id;    // -1 when the domain is not running
    Uuid uuid;
    int32_t state; // virDomainState
    int32_t reason;

    bool isActive() const { return id != -1; }
};

class TestHypervisor
{
public:
    // The default domains: "test" (id 1, running), "web" (id 2, running), "db"
    // (id 3, paused) and "backup" (shut off), with fixed UUIDs.
    explicit TestHypervisor(std::string hostname = localHostname());

    const std::string &type() const { return m_type; }
    // major * 1,000,000 + minor * 1,000 + micro, as virConnectGetVersion encodes it.
    uint64_t version() const { return m_version; }
    uint64_t libVersion() const { return m_libVersion; }
    const std::string &hostname() const { return m_hostname; }
    const std::vector<TestDomain> &domains() const { return m_domains; }

    const TestDomain *findByUuid(const Uuid &uuid) const;
    const TestDomain *findByName(std::string_view name) const;

    // gethostname(), or "localhost" if it fails.
    static std::string localHostname();
    // The canonical 8-4-4-4-12 lower-case text of a UUID.
    static std::string formatUuid(const Uuid &uuid);

private:
    std::string m_type = "TEST";
    uint64_t m_version = 2000000;    // 2.0.0
    uint64_t m_libVersion = 9000000; // 9.0.0, the libvirt of Debian 12's virsh
    std::string m_hostname;
    std::vector<TestDomain> m_domains;
};

} // namespace pollscope
