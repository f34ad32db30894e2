// The domain XML of the test hypervisor: dumpxml's text, in libvirt 9's layout for a
// test-driver domain, and the reading of a definition that `virsh define` sends.
#pragma once

#include "testhypervisor.h"

#include <string>
#include <string_view>
#include <variant>

namespace pollscope {

// What virDomainGetXMLDesc gives: the active definition names the running id.
std::string formatDomainXml(const TestDomain &domain);

// A well-formed <domain> with a name and an os type, or the error libvirt 9 reports
// for it (libxml2's account of malformed XML, or the missing element).
std::variant<DomainDefinition, DriverError> parseDomainXml(std::string_view xml);

} // namespace pollscope
