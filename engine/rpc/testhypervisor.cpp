#include "testhypervisor.h"

#include <algorithm>
#include <climits>
#include <unistd.h>

namespace pollscope {

namespace {

// "test" keeps the UUID of libvirt's own test:///default domain, so that both list the
// same thing.
constexpr Uuid kTestUuid = {0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
                            0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f};

// The other domains share a fixed prefix and differ in the last byte.
constexpr Uuid replicaUuid(uint8_t last)
{
    return {0x70, 0x6f, 0x6c, 0x6c, 0x73, 0x63, 0x4f, 0x70, // "pollscOp"
            0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, last};
}

} // namespace

TestHypervisor::TestHypervisor(std::string hostname)
    : m_hostname(std::move(hostname))
    , m_domains{
          {"test", 1, kTestUuid, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED},
          {"web", 2, replicaUuid(2), VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED},
          {"db", 3, replicaUuid(3), VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER},
          {"backup", -1, replicaUuid(4), VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN},
      }
{
}

const TestDomain *TestHypervisor::findByUuid(const Uuid &uuid) const
{
    const auto it = std::find_if(m_domains.begin(), m_domains.end(),
                                 [&](const TestDomain &domain) { return domain.uuid == uuid; });
    return it == m_domains.end() ? nullptr : &*it;
}

const TestDomain *TestHypervisor::findByName(std::string_view name) const
{
    const auto it = std::find_if(m_domains.begin(), m_domains.end(),
                                 [&](const TestDomain &domain) { return domain.name == name; });
    return it == m_domains.end() ? nullptr : &*it;
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

} // namespace pollscope
