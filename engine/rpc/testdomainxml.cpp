#include "testdomainxml.h"

#include "remoteerror.h"

#include <charconv>
#include <memory>
#include <vector>

namespace pollscope {

std::string formatDomainXml(const TestDomain &domain)
{
    const DomainDefinition &d = domain.definition;
    std::string xml = "<domain type='test'";
    if (domain.isActive())
        xml += " id='" + std::to_string(domain.id) + "'";
    xml += ">\n";
    xml += "  <name>" + domain.name + "</name>\n";
    xml += "  <uuid>" + TestHypervisor::formatUuid(domain.uuid) + "</uuid>\n";
    xml += "  <memory unit='KiB'>" + std::to_string(d.maxMemoryKiB) + "</memory>\n";
    xml += "  <currentMemory unit='KiB'>" + std::to_string(d.memoryKiB) + "</currentMemory>\n";
    xml += "  <vcpu placement='static'>" + std::to_string(d.vcpus) + "</vcpu>\n";
    xml += "  <os>\n    <type arch='" + d.arch + "'>hvm</type>\n    <boot dev='hd'/>\n  </os>\n";
    xml += "  <clock offset='utc'/>\n";
    xml += "  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n  <on_crash>destroy</on_crash>\n";
    xml += "  <devices>\n";
    xml += "    <disk type='file' device='disk'>\n";
    xml += "      <source file='" + d.diskSource + "'/>\n";
    xml += "      <target dev='vda' bus='virtio'/>\n";
    xml += "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n";
    xml += "    </disk>\n";
    xml += "    <interface type='network'>\n";
    xml += "      <mac address='" + d.mac + "'/>\n";
    xml += "      <source network='default'/>\n";
    xml += "      <target dev='" + d.interfaceTarget + "'/>\n";
    xml += "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>\n";
    xml += "    </interface>\n";
    xml += "    <memballoon model='virtio'>\n";
    xml += "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n";
    xml += "    </memballoon>\n";
    xml += "  </devices>\n";
    xml += "</domain>\n";
    return xml;
}

namespace {

struct Element
{
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<std::unique_ptr<Element>> children;
    std::string text;

    const Element *child(std::string_view childName) const
    {
        for (const auto &c : children)
            if (c->name == childName)
                return c.get();
        return nullptr;
    }
    std::optional<std::string> attribute(std::string_view attributeName) const
    {
        for (const auto &[key, value] : attributes)
            if (key == attributeName)
                return value;
        return std::nullopt;
    }
};

// A small XML reader for domain definitions: elements, attributes, text, comments
// and the XML declaration. Its failures are worded as libxml2 words them, with the
// line and the caret virXMLParse adds under the "(domain_definition)" label.
class XmlReader
{
public:
    explicit XmlReader(std::string_view text)
        : m_text(text)
    {
    }

    std::unique_ptr<Element> document()
    {
        skipMisc();
        if (m_pos >= m_text.size() || m_text[m_pos] != '<')
            return fail("Start tag expected, '<' not found");
        auto root = element();
        if (!root)
            return nullptr;
        skipMisc();
        if (m_pos < m_text.size())
            return fail("Extra content at the end of the document");
        return root;
    }

    const std::string &error() const { return m_error; }

private:
    std::unique_ptr<Element> fail(const std::string &message)
    {
        if (m_error.empty()) {
            // libxml2 reports the line it stopped on, then that line and a caret.
            size_t line = 1;
            size_t lineStart = 0;
            const size_t at = std::min(m_pos, m_text.size());
            for (size_t i = 0; i < at; ++i) {
                if (m_text[i] == '\n') {
                    ++line;
                    lineStart = i + 1;
                }
            }
            const size_t lineEnd = m_text.find('\n', lineStart);
            std::string context(m_text.substr(lineStart, lineEnd == std::string_view::npos ? std::string_view::npos
                                                                                           : lineEnd - lineStart));
            if (context.empty())
                context = "(null)";
            m_error = "(domain_definition):" + std::to_string(line) + ": " + message + "\n" + context + "\n"
                + std::string(at - lineStart, ' ') + "^";
        }
        return nullptr;
    }

    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    static bool isNameChar(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
            || c == '.' || c == ':';
    }
    void skipSpace()
    {
        while (m_pos < m_text.size() && isSpace(m_text[m_pos]))
            ++m_pos;
    }
    size_t lineAt(size_t position) const
    {
        size_t line = 1;
        for (size_t i = 0; i < position && i < m_text.size(); ++i)
            line += m_text[i] == '\n';
        return line;
    }
    // Comments, processing instructions and white space between elements.
    void skipMisc()
    {
        for (;;) {
            skipSpace();
            if (m_text.substr(m_pos, 4) == "<!--") {
                const size_t end = m_text.find("-->", m_pos + 4);
                m_pos = end == std::string_view::npos ? m_text.size() : end + 3;
            } else if (m_text.substr(m_pos, 2) == "<?") {
                const size_t end = m_text.find("?>", m_pos + 2);
                m_pos = end == std::string_view::npos ? m_text.size() : end + 2;
            } else {
                return;
            }
        }
    }
    std::string name()
    {
        const size_t start = m_pos;
        while (m_pos < m_text.size() && isNameChar(m_text[m_pos]))
            ++m_pos;
        return std::string(m_text.substr(start, m_pos - start));
    }

    std::unique_ptr<Element> element()
    {
        const size_t startLine = lineAt(m_pos);
        ++m_pos; // '<'
        auto node = std::make_unique<Element>();
        node->name = name();
        if (node->name.empty())
            return fail("StartTag: invalid element name");
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size())
                return fail("Couldn't find end of Start Tag " + node->name + " line " + std::to_string(startLine));
            if (m_text.substr(m_pos, 2) == "/>") {
                m_pos += 2;
                return node;
            }
            if (m_text[m_pos] == '>') {
                ++m_pos;
                break;
            }
            std::string key = name();
            if (key.empty())
                return fail("Couldn't find end of Start Tag " + node->name + " line " + std::to_string(startLine));
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '=')
                return fail("Specification mandates value for attribute " + key);
            ++m_pos;
            skipSpace();
            if (m_pos >= m_text.size() || (m_text[m_pos] != '\'' && m_text[m_pos] != '"'))
                return fail("AttValue: \" or ' expected");
            const char quote = m_text[m_pos++];
            const size_t end = m_text.find(quote, m_pos);
            if (end == std::string_view::npos)
                return fail("AttValue: ' expected");
            node->attributes.emplace_back(std::move(key), std::string(m_text.substr(m_pos, end - m_pos)));
            m_pos = end + 1;
        }
        for (;;) {
            if (m_text.substr(m_pos, 4) == "<!--" || m_text.substr(m_pos, 2) == "<?") {
                skipMisc();
                continue;
            }
            if (m_pos >= m_text.size())
                return fail("Premature end of data in tag " + node->name + " line " + std::to_string(startLine));
            if (m_text.substr(m_pos, 2) == "</") {
                m_pos += 2;
                const std::string closing = name();
                if (closing != node->name)
                    return fail("Opening and ending tag mismatch: " + node->name + " line "
                                + std::to_string(startLine) + " and " + closing);
                skipSpace();
                if (m_pos >= m_text.size() || m_text[m_pos] != '>')
                    return fail("expected '>'");
                ++m_pos;
                return node;
            }
            if (m_text[m_pos] == '<') {
                auto child = element();
                if (!child)
                    return nullptr;
                node->children.push_back(std::move(child));
                continue;
            }
            const size_t end = m_text.find('<', m_pos);
            node->text += m_text.substr(m_pos, end == std::string_view::npos ? std::string_view::npos : end - m_pos);
            m_pos = end == std::string_view::npos ? m_text.size() : end;
        }
    }

    std::string_view m_text;
    size_t m_pos = 0;
    std::string m_error;
};

DriverError xmlError(std::string detail)
{
    return {VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: %s", std::move(detail)};
}

std::optional<uint64_t> number(const std::string &text)
{
    uint64_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

// A memory element's size in KiB, with its unit ("KiB" if none).
std::optional<uint64_t> kibibytes(const Element &element)
{
    const std::optional<uint64_t> value = number(element.text);
    if (!value)
        return std::nullopt;
    const std::string unit = element.attribute("unit").value_or("KiB");
    if (unit == "KiB" || unit == "k" || unit == "K")
        return *value;
    if (unit == "MiB" || unit == "M")
        return *value * 1024;
    if (unit == "GiB" || unit == "G")
        return *value * 1024 * 1024;
    if (unit == "b" || unit == "bytes")
        return (*value + 1023) / 1024;
    return std::nullopt;
}

} // namespace

std::variant<DomainDefinition, DriverError> parseDomainXml(std::string_view xml)
{
    XmlReader reader(xml);
    const std::unique_ptr<Element> root = reader.document();
    if (!root)
        return DriverError{VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "%s", reader.error()};
    if (root->name != "domain")
        return xmlError("unexpected root element <" + root->name + ">, expecting <domain>");
    const std::optional<std::string> type = root->attribute("type");
    if (!type)
        return xmlError("missing domain type attribute");
    if (*type != "test")
        return DriverError{VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: %s",
                           "invalid domain type " + *type};

    DomainDefinition definition;
    const Element *os = root->child("os");
    const Element *osType = os ? os->child("type") : nullptr;
    if (!osType)
        return xmlError("an os <type> must be specified");
    definition.arch = osType->attribute("arch").value_or(definition.arch);
    const Element *name = root->child("name");
    if (!name || name->text.empty())
        return DriverError{VIR_ERR_NO_NAME, VIR_FROM_DOMAIN, "missing name information in %s", "domain"};
    definition.name = name->text;
    if (const Element *uuid = root->child("uuid")) {
        definition.uuid = TestHypervisor::parseUuid(uuid->text);
        if (!definition.uuid)
            return DriverError{VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "internal error: %s",
                               "malformed uuid element"};
    }
    if (const Element *memory = root->child("memory")) {
        const std::optional<uint64_t> value = kibibytes(*memory);
        if (!value)
            return xmlError("invalid value '" + memory->text + "' for element or attribute './memory[1]'");
        definition.maxMemoryKiB = *value;
        definition.memoryKiB = *value;
    }
    if (const Element *current = root->child("currentMemory")) {
        if (const std::optional<uint64_t> value = kibibytes(*current))
            definition.memoryKiB = std::min(*value, definition.maxMemoryKiB);
    }
    if (const Element *vcpu = root->child("vcpu")) {
        const std::optional<uint64_t> value = number(vcpu->text);
        if (!value || *value == 0 || *value > 4096)
            return xmlError("maximum vcpus count must be an integer");
        definition.vcpus = int32_t(*value);
    }
    if (const Element *devices = root->child("devices")) {
        if (const Element *disk = devices->child("disk"))
            if (const Element *source = disk->child("source"))
                definition.diskSource = source->attribute("file").value_or(definition.diskSource);
        if (const Element *interface = devices->child("interface")) {
            if (const Element *mac = interface->child("mac"))
                definition.mac = mac->attribute("address").value_or(definition.mac);
            if (const Element *target = interface->child("target"))
                definition.interfaceTarget = target->attribute("dev").value_or(definition.interfaceTarget);
        }
    }
    return definition;
}

} // namespace pollscope
