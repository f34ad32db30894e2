// An in-memory hypervisor driver in the manner of libvirt's test:///default: the
// domain "test" with libvirt 9's test driver's facts (UUID, memory, vCPUs, devices),
// the teaching domains web, db and backup, and the test driver's node. Domains change
// state, are defined and undefined, and each change queues a lifecycle event, as
// libvirt's test driver does.
//
// One lock (testDriverLock) guards everything that changes, so any number of worker
// threads may call it; every query returns a copy.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
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

// The reasons a domain is in its state (virDomain*Reason); 0 is "unknown" for each.
inline constexpr int32_t VIR_DOMAIN_REASON_UNKNOWN = 0;
inline constexpr int32_t VIR_DOMAIN_RUNNING_BOOTED = 1;
inline constexpr int32_t VIR_DOMAIN_RUNNING_UNPAUSED = 5;
inline constexpr int32_t VIR_DOMAIN_PAUSED_USER = 1;
inline constexpr int32_t VIR_DOMAIN_SHUTOFF_SHUTDOWN = 1;
inline constexpr int32_t VIR_DOMAIN_SHUTOFF_DESTROYED = 2;

// virDomainEventType and the details the test driver gives with each.
inline constexpr int32_t VIR_DOMAIN_EVENT_DEFINED = 0;
inline constexpr int32_t VIR_DOMAIN_EVENT_UNDEFINED = 1;
inline constexpr int32_t VIR_DOMAIN_EVENT_STARTED = 2;
inline constexpr int32_t VIR_DOMAIN_EVENT_SUSPENDED = 3;
inline constexpr int32_t VIR_DOMAIN_EVENT_RESUMED = 4;
inline constexpr int32_t VIR_DOMAIN_EVENT_STOPPED = 5;
inline constexpr int32_t VIR_DOMAIN_EVENT_DEFINED_ADDED = 0;
inline constexpr int32_t VIR_DOMAIN_EVENT_DEFINED_UPDATED = 1;
inline constexpr int32_t VIR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0;
inline constexpr int32_t VIR_DOMAIN_EVENT_STARTED_BOOTED = 0;
inline constexpr int32_t VIR_DOMAIN_EVENT_SUSPENDED_PAUSED = 0;
inline constexpr int32_t VIR_DOMAIN_EVENT_RESUMED_UNPAUSED = 0;
inline constexpr int32_t VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN = 0;
inline constexpr int32_t VIR_DOMAIN_EVENT_STOPPED_DESTROYED = 1;

// virDomainEventID: lifecycle is 0; libvirt 9 knows 27 in all.
inline constexpr int32_t VIR_DOMAIN_EVENT_ID_LIFECYCLE = 0;
inline constexpr int32_t VIR_DOMAIN_EVENT_ID_LAST = 27;

// What a domain's XML says about it, beyond its identity and state.
struct DomainDefinition
{
    std::string name;
    std::optional<Uuid> uuid; // generated when absent
    std::string arch = "i686";
    uint64_t maxMemoryKiB = 8388608;
    uint64_t memoryKiB = 2097152;
    int32_t vcpus = 2;
    std::string diskSource = "/guest/diskimage1";
    std::string mac = "aa:bb:cc:dd:ee:ff";
    std::string interfaceTarget = "testnet0";
};

struct TestDomain
{
    DomainDefinition definition;
    std::string name;
    int32_t id = -1; // -1 when the domain is not running
    Uuid uuid{};
    int32_t state = VIR_DOMAIN_SHUTOFF;
    int32_t reason = VIR_DOMAIN_REASON_UNKNOWN;
    bool persistent = true;

    bool isActive() const { return id != -1; }
};

// One lifecycle event on the driver's queue: the domain as it was then, what
// happened, and the causal chain of the call that made it happen.
struct DomainLifecycleEvent
{
    std::string name;
    Uuid uuid{};
    int32_t id = -1;
    int32_t event = 0;
    int32_t detail = 0;
    uint64_t sequence = 0; // 1, 2, ... in queue order
    uint64_t flow = 0;
};

// The error a driver call ends with: libvirt's code and domain, the message format
// (virErrorMsg's, with one %s) and the detail that fills it, if any.
struct DriverError
{
    int32_t code;
    int32_t domain;
    std::string format;
    std::optional<std::string> detail;
};

class TestHypervisor
{
public:
    explicit TestHypervisor(std::string hostname = localHostname());

    const std::string &type() const { return m_type; }
    // major * 1,000,000 + minor * 1,000 + micro, as virConnectGetVersion encodes it.
    uint64_t version() const { return m_version; }
    uint64_t libVersion() const { return m_libVersion; }
    const std::string &hostname() const { return m_hostname; }

    // A copy, taken under the lock: hold it, not a reference into it.
    std::vector<TestDomain> domains() const;
    std::optional<TestDomain> findByUuid(const Uuid &uuid) const;
    std::optional<TestDomain> findByName(std::string_view name) const;
    std::optional<TestDomain> findById(int32_t id) const;

    // The test driver's calls: nullopt on success (and the event queued), else the
    // error libvirt 9's test driver reports. `flow` is the caller's causal chain.
    std::optional<DriverError> suspend(const Uuid &uuid, uint64_t flow);
    std::optional<DriverError> resume(const Uuid &uuid, uint64_t flow);
    std::optional<DriverError> create(const Uuid &uuid, uint64_t flow);
    std::optional<DriverError> destroy(const Uuid &uuid, uint64_t flow);
    std::optional<DriverError> shutdown(const Uuid &uuid, uint64_t flow);
    std::optional<DriverError> reboot(const Uuid &uuid);
    std::optional<DriverError> undefine(const Uuid &uuid, uint64_t flow);
    // The defined domain, or the error.
    std::optional<DriverError> define(const DomainDefinition &definition, uint64_t flow, TestDomain *defined);

    // virObjectEventStateRegisterID's numbering: 0, 1, 2, ... per driver.
    int32_t nextCallbackId();
    // Called with the driver locked for every event, with whether the queue was
    // empty before it (the driver then arms its event timer). It answers whether
    // anyone listens: if not, the event is dropped, as libvirt drops events while its
    // event state has no timer. Without a hook every event is kept.
    void setEventQueuedHook(std::function<bool(const DomainLifecycleEvent &, bool first)> hook);
    // Empties the queue, as the flush timer does.
    std::vector<DomainLifecycleEvent> takeEvents();

    // gethostname(), or "localhost" if it fails.
    static std::string localHostname();
    // The canonical 8-4-4-4-12 lower-case text of a UUID.
    static std::string formatUuid(const Uuid &uuid);
    static std::optional<Uuid> parseUuid(std::string_view text);

private:
    using Lock = std::lock_guard<std::mutex>;
    TestDomain *find(const Uuid &uuid);
    void queueEvent(const TestDomain &domain, int32_t event, int32_t detail, uint64_t flow);
    void startDomain(TestDomain &domain, uint64_t flow);
    void stopDomain(TestDomain &domain, int32_t reason, int32_t detail, uint64_t flow);

    std::string m_type = "TEST";
    uint64_t m_version = 2;          // 0.0.2, what libvirt 9's test driver reports
    uint64_t m_libVersion = 9000000; // 9.0.0, the libvirt of Debian 12's virsh
    std::string m_hostname;

    mutable std::mutex m_lock;
    std::vector<TestDomain> m_domains;
    int32_t m_nextDomainId = 1;
    int32_t m_nextCallbackId = 0;
    uint64_t m_nextEventSequence = 1;
    uint64_t m_nextGeneratedUuid = 1;
    std::vector<DomainLifecycleEvent> m_events;
    std::function<bool(const DomainLifecycleEvent &, bool)> m_eventQueuedHook;
};

} // namespace pollscope
