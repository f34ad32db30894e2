#include "testhypervisor.h"

#include "remoteerror.h"

#include <algorithm>
#include <climits>
#include <utility>
#include <unistd.h>

namespace pollscope {

namespace {

// "test" has the UUID of libvirt's own test:///default domain.
constexpr Uuid kTestUuid = {0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
                            0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f};

// The teaching domains share a fixed prefix and differ in the last byte; defined
// domains without a UUID get the same prefix with 0x90 and a counter.
constexpr Uuid replicaUuid(uint8_t group, uint8_t last)
{
    return {0x70, 0x6f, 0x6c, 0x6c, 0x73, 0x63, 0x4f, 0x70, // "pollscOp"
            group, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, last};
}

TestDomain makeDomain(DomainDefinition definition, Uuid uuid, int32_t id, int32_t state, int32_t reason)
{
    TestDomain domain;
    domain.name = definition.name;
    domain.definition = std::move(definition);
    domain.uuid = uuid;
    domain.id = id;
    domain.state = state;
    domain.reason = reason;
    return domain;
}

DomainDefinition teachingDomain(std::string name, uint64_t memoryKiB, int32_t vcpus, uint8_t last)
{
    DomainDefinition definition;
    definition.name = std::move(name);
    definition.maxMemoryKiB = memoryKiB;
    definition.memoryKiB = memoryKiB;
    definition.vcpus = vcpus;
    definition.diskSource = "/guest/" + definition.name + ".img";
    definition.mac = "52:54:00:00:00:0" + std::to_string(last);
    definition.interfaceTarget = "vnet" + std::to_string(last);
    return definition;
}

DriverError noDomain(const Uuid &uuid)
{
    // testDomObjFromDomain's words for a UUID the driver does not know.
    return {VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found: %s",
            "no domain with matching uuid '" + TestHypervisor::formatUuid(uuid) + "'"};
}

DriverError notRunning(const TestDomain &domain)
{
    return {VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "internal error: %s", "domain '" + domain.name + "' not running"};
}

DriverError notActive()
{
    // virDomainObjCheckActive.
    return {VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "Requested operation is not valid: %s",
            "domain is not running"};
}

} // namespace

TestHypervisor::TestHypervisor(std::string hostname)
    : m_hostname(std::move(hostname))
{
    DomainDefinition test;
    test.name = "test";
    // libvirt's test domain runs with reason "unknown": its state is set without one.
    m_domains.push_back(makeDomain(test, kTestUuid, 1, VIR_DOMAIN_RUNNING, VIR_DOMAIN_REASON_UNKNOWN));
    m_domains.push_back(makeDomain(teachingDomain("web", 1048576, 2, 2), replicaUuid(0x80, 2), 2, VIR_DOMAIN_RUNNING,
                                   VIR_DOMAIN_RUNNING_BOOTED));
    m_domains.push_back(makeDomain(teachingDomain("db", 4194304, 4, 3), replicaUuid(0x80, 3), 3, VIR_DOMAIN_PAUSED,
                                   VIR_DOMAIN_PAUSED_USER));
    m_domains.push_back(makeDomain(teachingDomain("backup", 524288, 1, 4), replicaUuid(0x80, 4), -1,
                                   VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN));
    m_nextDomainId = 4;
}

std::vector<TestDomain> TestHypervisor::domains() const
{
    Lock lock(m_lock);
    return m_domains;
}

std::optional<TestDomain> TestHypervisor::findByUuid(const Uuid &uuid) const
{
    Lock lock(m_lock);
    const auto it = std::find_if(m_domains.begin(), m_domains.end(),
                                 [&](const TestDomain &domain) { return domain.uuid == uuid; });
    return it == m_domains.end() ? std::nullopt : std::optional(*it);
}

std::optional<TestDomain> TestHypervisor::findByName(std::string_view name) const
{
    Lock lock(m_lock);
    const auto it = std::find_if(m_domains.begin(), m_domains.end(),
                                 [&](const TestDomain &domain) { return domain.name == name; });
    return it == m_domains.end() ? std::nullopt : std::optional(*it);
}

std::optional<TestDomain> TestHypervisor::findById(int32_t id) const
{
    Lock lock(m_lock);
    const auto it = std::find_if(m_domains.begin(), m_domains.end(),
                                 [&](const TestDomain &domain) { return id != -1 && domain.id == id; });
    return it == m_domains.end() ? std::nullopt : std::optional(*it);
}

TestDomain *TestHypervisor::find(const Uuid &uuid)
{
    const auto it = std::find_if(m_domains.begin(), m_domains.end(),
                                 [&](const TestDomain &domain) { return domain.uuid == uuid; });
    return it == m_domains.end() ? nullptr : &*it;
}

void TestHypervisor::queueEvent(const TestDomain &domain, int32_t event, int32_t detail, uint64_t flow)
{
    const bool first = m_events.empty();
    m_events.push_back({domain.name, domain.uuid, domain.id, event, detail, m_nextEventSequence++, flow});
    if (m_eventQueuedHook && !m_eventQueuedHook(m_events.back(), first))
        m_events.pop_back();
}

void TestHypervisor::startDomain(TestDomain &domain, uint64_t flow)
{
    domain.id = m_nextDomainId++;
    domain.state = VIR_DOMAIN_RUNNING;
    domain.reason = VIR_DOMAIN_RUNNING_BOOTED;
    queueEvent(domain, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED, flow);
}

void TestHypervisor::stopDomain(TestDomain &domain, int32_t reason, int32_t detail, uint64_t flow)
{
    domain.id = -1;
    queueEvent(domain, VIR_DOMAIN_EVENT_STOPPED, detail, flow);
    domain.state = VIR_DOMAIN_SHUTOFF;
    domain.reason = reason;
    // A transient domain is gone once it stops.
    if (!domain.persistent)
        std::erase_if(m_domains, [&](const TestDomain &other) { return &other == &domain; });
}

std::optional<DriverError> TestHypervisor::suspend(const Uuid &uuid, uint64_t flow)
{
    Lock lock(m_lock);
    TestDomain *domain = find(uuid);
    if (!domain)
        return noDomain(uuid);
    if (domain->state != VIR_DOMAIN_RUNNING)
        return notRunning(*domain);
    domain->state = VIR_DOMAIN_PAUSED;
    domain->reason = VIR_DOMAIN_PAUSED_USER;
    queueEvent(*domain, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED, flow);
    return std::nullopt;
}

std::optional<DriverError> TestHypervisor::resume(const Uuid &uuid, uint64_t flow)
{
    Lock lock(m_lock);
    TestDomain *domain = find(uuid);
    if (!domain)
        return noDomain(uuid);
    if (domain->state != VIR_DOMAIN_PAUSED)
        return DriverError{VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "internal error: %s",
                           "domain '" + domain->name + "' not paused"};
    domain->state = VIR_DOMAIN_RUNNING;
    domain->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    queueEvent(*domain, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED, flow);
    return std::nullopt;
}

std::optional<DriverError> TestHypervisor::create(const Uuid &uuid, uint64_t flow)
{
    Lock lock(m_lock);
    TestDomain *domain = find(uuid);
    if (!domain)
        return noDomain(uuid);
    if (domain->isActive())
        return DriverError{VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Requested operation is not valid: %s",
                           "Domain '" + domain->name + "' is already running"};
    startDomain(*domain, flow);
    return std::nullopt;
}

std::optional<DriverError> TestHypervisor::destroy(const Uuid &uuid, uint64_t flow)
{
    Lock lock(m_lock);
    TestDomain *domain = find(uuid);
    if (!domain)
        return noDomain(uuid);
    if (!domain->isActive())
        return notActive();
    stopDomain(*domain, VIR_DOMAIN_SHUTOFF_DESTROYED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED, flow);
    return std::nullopt;
}

std::optional<DriverError> TestHypervisor::shutdown(const Uuid &uuid, uint64_t flow)
{
    Lock lock(m_lock);
    TestDomain *domain = find(uuid);
    if (!domain)
        return noDomain(uuid);
    if (domain->state == VIR_DOMAIN_SHUTOFF)
        return notRunning(*domain);
    stopDomain(*domain, VIR_DOMAIN_SHUTOFF_SHUTDOWN, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, flow);
    return std::nullopt;
}

std::optional<DriverError> TestHypervisor::reboot(const Uuid &uuid)
{
    // The test driver's reboot goes through shutdown and restart without an event.
    Lock lock(m_lock);
    TestDomain *domain = find(uuid);
    if (!domain)
        return noDomain(uuid);
    if (!domain->isActive())
        return notActive();
    domain->state = VIR_DOMAIN_RUNNING;
    domain->reason = VIR_DOMAIN_RUNNING_BOOTED;
    return std::nullopt;
}

std::optional<DriverError> TestHypervisor::undefine(const Uuid &uuid, uint64_t flow)
{
    Lock lock(m_lock);
    TestDomain *domain = find(uuid);
    if (!domain)
        return noDomain(uuid);
    queueEvent(*domain, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED, flow);
    // A running domain only becomes transient: it goes when it stops.
    if (domain->isActive())
        domain->persistent = false;
    else
        std::erase_if(m_domains, [&](const TestDomain &other) { return &other == domain; });
    return std::nullopt;
}

std::optional<DriverError> TestHypervisor::define(const DomainDefinition &definition, uint64_t flow,
                                                  TestDomain *defined)
{
    Lock lock(m_lock);
    const auto byName = std::find_if(m_domains.begin(), m_domains.end(),
                                     [&](const TestDomain &domain) { return domain.name == definition.name; });
    if (byName != m_domains.end() && definition.uuid != byName->uuid)
        return DriverError{VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, "operation failed: %s",
                           "domain '" + definition.name + "' already exists with uuid " + formatUuid(byName->uuid)};
    if (definition.uuid) {
        if (TestDomain *other = find(*definition.uuid); other && other->name != definition.name)
            return DriverError{VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, "operation failed: %s",
                               "domain '" + other->name + "' is already defined with uuid "
                                   + formatUuid(other->uuid)};
    }
    if (byName != m_domains.end()) {
        byName->definition = definition;
        byName->persistent = true;
        queueEvent(*byName, VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_UPDATED, flow);
        *defined = *byName;
        return std::nullopt;
    }
    const Uuid uuid = definition.uuid.value_or(replicaUuid(0x90, uint8_t(m_nextGeneratedUuid++)));
    m_domains.push_back(makeDomain(definition, uuid, -1, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_REASON_UNKNOWN));
    queueEvent(m_domains.back(), VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED, flow);
    *defined = m_domains.back();
    return std::nullopt;
}

int32_t TestHypervisor::nextCallbackId()
{
    Lock lock(m_lock);
    return m_nextCallbackId++;
}

void TestHypervisor::setEventQueuedHook(std::function<bool(const DomainLifecycleEvent &, bool)> hook)
{
    Lock lock(m_lock);
    m_eventQueuedHook = std::move(hook);
}

std::vector<DomainLifecycleEvent> TestHypervisor::takeEvents()
{
    Lock lock(m_lock);
    return std::exchange(m_events, {});
}

std::string TestHypervisor::localHostname()
{
    char name[HOST_NAME_MAX + 1] = {};
    // gethostname need not terminate a truncated name; the last byte stays 0.
    if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0')
        return "localhost";
    return name;
}

std::string TestHypervisor::formatUuid(const Uuid &uuid)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (size_t i = 0; i < uuid.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text += '-';
        text += kDigits[uuid[i] >> 4];
        text += kDigits[uuid[i] & 0xf];
    }
    return text;
}

std::optional<Uuid> TestHypervisor::parseUuid(std::string_view text)
{
    // 32 hex digits; dashes anywhere between them, as virUUIDParse accepts.
    Uuid uuid{};
    size_t digits = 0;
    for (const char c : text) {
        if (c == '-')
            continue;
        int value;
        if (c >= '0' && c <= '9')
            value = c - '0';
        else if (c >= 'a' && c <= 'f')
            value = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            value = c - 'A' + 10;
        else
            return std::nullopt;
        if (digits == 32)
            return std::nullopt;
        uuid[digits / 2] = uint8_t(uuid[digits / 2] << 4 | value);
        ++digits;
    }
    if (digits != 32)
        return std::nullopt;
    return uuid;
}

} // namespace pollscope
