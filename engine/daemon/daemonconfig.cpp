#include "daemonconfig.h"

#include <algorithm>

namespace pollscope {

Result<ListenAddress> ListenAddress::parse(const std::string &text, bool readonly)
{
    ListenAddress address;
    address.readonly = readonly;
    const auto fail = [](std::string why) { return Error{std::move(why), {}}; };
    if (text.rfind("unix:", 0) == 0) {
        address.transport = Transport::Unix;
        address.path = text.substr(5);
        if (address.path.empty() || address.path == "@")
            return fail("expected unix:PATH or unix:@NAME");
        if (address.path.size() >= 107)
            return fail("a Unix socket path has at most 107 bytes");
        return address;
    }
    const bool tls = text.rfind("tls:", 0) == 0;
    if (tls || text.rfind("tcp:", 0) == 0) {
        if (readonly)
            return fail("only a Unix socket can be read-only");
        address.transport = tls ? Transport::Tls : Transport::Tcp;
        const std::string scheme = tls ? "tls:" : "tcp:";
        std::string rest = text.substr(4);
        size_t portColon;
        if (!rest.empty() && rest.front() == '[') {
            const size_t close = rest.find(']');
            if (close == std::string::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
                return fail("expected " + scheme + "[IPV6]:PORT");
            address.host = rest.substr(1, close - 1);
            portColon = close + 1;
        } else {
            portColon = rest.rfind(':');
            if (portColon == std::string::npos)
                return fail("expected " + scheme + "HOST:PORT");
            address.host = rest.substr(0, portColon);
        }
        address.port = rest.substr(portColon + 1);
        if (address.host.empty())
            return fail("the host is empty");
        if (address.port.empty() || address.port.find_first_not_of("0123456789") != std::string::npos
            || address.port.size() > 5 || std::stoi(address.port) > 65535)
            return fail("the port must be a number from 0 to 65535");
        return address;
    }
    return fail("expected unix:PATH, unix:@NAME, tcp:HOST:PORT or tls:HOST:PORT");
}

std::string ListenAddress::describe() const
{
    if (transport != Transport::Unix)
        return std::string(transport == Transport::Tls ? "tls:" : "tcp:")
            + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + port;
    return std::string(readonly ? "unix (read-only):" : "unix:") + path;
}

Result<void> DaemonConfig::validate() const
{
    const auto fail = [](std::string why) { return Error{std::move(why), {}}; };
    if (listen.empty())
        return fail("nothing to listen on");
    if (minWorkers < 1)
        return fail("min workers must be at least 1");
    if (maxWorkers < 1)
        return fail("max workers must be at least 1");
    if (maxClients < 1)
        return fail("max clients must be at least 1");
    if (maxClientRequests < 1)
        return fail("max client requests must be at least 1");
    if (maxMessageLength < 24 || maxMessageLength > 33554432)
        return fail("the message size limit must be between 24 bytes and 32 MiB");
    if (keepaliveIntervalMs > 0 && keepaliveCount < 0)
        return fail("the keepalive count must not be negative");
    if (timeoutSeconds == 0 || timeoutSeconds < -1 || timeoutSeconds > 2147483)
        return fail("the timeout must be from 1 to 2147483 seconds");
    const bool tls = std::any_of(listen.begin(), listen.end(), [](const ListenAddress &address) {
        return address.transport == ListenAddress::Transport::Tls;
    });
    if (tls && pkiDirectory.empty())
        return fail("a TLS listener needs the folder of its certificates (cacert.pem, servercert.pem, serverkey.pem)");
    if (clientSendBufferBytes < 0)
        return fail("the client send buffer size must not be negative");
    if (workerDelayMs < 0)
        return fail("the worker delay must not be negative");
    return {};
}

} // namespace pollscope
