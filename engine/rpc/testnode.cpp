#include "testnode.h"

namespace pollscope {

const std::string &testNodeSysinfo()
{
    static const std::string text = "<sysinfo type='smbios'>\n"
                                    "  <bios>\n"
                                    "    <entry name='vendor'>LENOVO</entry>\n"
                                    "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
                                    "    <entry name='date'>05/07/2014</entry>\n"
                                    "    <entry name='release'>2.61</entry>\n"
                                    "  </bios>\n"
                                    "</sysinfo>\n";
    return text;
}

namespace {

std::string cell(int id, int memoryKiB, int pageSizeKiB, int firstCpu)
{
    std::string xml = "        <cell id='" + std::to_string(id) + "'>\n";
    xml += "          <memory unit='KiB'>" + std::to_string(memoryKiB) + "</memory>\n";
    xml += "          <pages unit='KiB' size='" + std::to_string(pageSizeKiB) + "'>524288</pages>\n";
    xml += "          <pages unit='KiB' size='2048'>0</pages>\n";
    xml += "          <pages unit='KiB' size='1048576'>0</pages>\n";
    xml += "          <cpus num='8'>\n";
    for (int core = 0; core < 8; ++core) {
        const std::string cpu = std::to_string(firstCpu + core);
        xml += "            <cpu id='" + cpu + "' socket_id='" + std::to_string(id) + "' die_id='0' core_id='"
            + std::to_string(core) + "' siblings='" + cpu + "'/>\n";
    }
    xml += "          </cpus>\n";
    xml += "        </cell>\n";
    return xml;
}

std::string guest(const char *osType)
{
    std::string xml = "  <guest>\n";
    xml += std::string("    <os_type>") + osType + "</os_type>\n";
    xml += "    <arch name='i686'>\n";
    xml += "      <wordsize>32</wordsize>\n";
    xml += "      <emulator>/usr/bin/test-hv</emulator>\n";
    xml += "      <domain type='test'/>\n";
    xml += "    </arch>\n";
    xml += "    <features>\n      <pae/>\n      <nonpae/>\n    </features>\n";
    xml += "  </guest>\n\n";
    return xml;
}

std::string capabilities()
{
    std::string xml = "<capabilities>\n\n  <host>\n    <cpu>\n      <arch>i686</arch>\n";
    xml += "      <features>\n        <pae/>\n        <nonpae/>\n      </features>\n";
    for (const char *size : {"4", "8", "2048", "1048576"})
        xml += std::string("      <pages unit='KiB' size='") + size + "'/>\n";
    xml += "    </cpu>\n    <power_management/>\n    <iommu support='no'/>\n";
    xml += "    <topology>\n      <cells num='2'>\n";
    xml += cell(0, 2097152, 4, 0);
    xml += cell(1, 4194304, 8, 8);
    xml += "      </cells>\n    </topology>\n";
    xml += "    <secmodel>\n      <model>testSecurity</model>\n      <doi></doi>\n    </secmodel>\n";
    xml += "  </host>\n\n";
    xml += guest("hvm");
    xml += guest("xen");
    xml += "</capabilities>\n";
    return xml;
}

} // namespace

const std::string &testNodeCapabilities()
{
    static const std::string text = capabilities();
    return text;
}

} // namespace pollscope
