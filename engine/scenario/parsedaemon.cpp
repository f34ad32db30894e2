#include "scenarioreader.h"

#include "daemon/daemonconfig.h"

#include <algorithm>

namespace pollscope::scenarioreader {

void ScenarioReader::parseDaemon(const Value &value, ScenarioDaemon &daemon)
{
    const KeyedMap map(m_source, value, "daemon",
                       {"listen", "workers", "max_clients", "max_client_requests", "max_message", "keepalive",
                        "timeout", "worker_delay", "pki", "tls_no_verify_certificate"});
    if (const auto listen = map.get("listen")) {
        const std::vector<Value> items = readList(m_source, *listen, "a list of listen addresses");
        if (items.empty())
            fail(listen->where, "expected at least one listen address, not an empty list");
        for (const Value &item : items) {
            ScenarioListener listener = parseListener(item);
            const auto sameSocket = [&listener](const ScenarioListener &earlier) {
                const bool earlierIsTcp = earlier.transport == Transport::Tcp;
                if (listener.transport == Transport::Tcp || earlierIsTcp)
                    return earlierIsTcp && listener.transport == Transport::Tcp && earlier.host == listener.host
                        && earlier.port == listener.port && listener.port != "0";
                // The scenario's own sockets differ by kind; any other path is one socket.
                if (listener.path.empty())
                    return earlier.path.empty() && earlier.transport == listener.transport;
                return earlier.path == listener.path;
            };
            if (std::any_of(daemon.listen.begin(), daemon.listen.end(), sameSocket))
                fail(item.where, "the daemon already listens on " + quote(item.scalar()));
            daemon.listen.push_back(std::move(listener));
        }
    }
    if (const auto workers = map.get("workers")) {
        Value minValue, maxValue;
        if (workers->isScalar()) {
            const std::string &text = workers->scalar();
            const size_t colon = text.find(':');
            if (colon == std::string::npos || !parseWholeNumber(text.substr(0, colon)).wellFormed
                || !parseWholeNumber(text.substr(colon + 1)).wellFormed)
                fail(workers->where,
                     "expected workers as MIN:MAX such as 5:20, or {min: 5, max: 20}, not " + quote(text));
            minValue = {YAML::Node(text.substr(0, colon)), workers->where};
            maxValue = {YAML::Node(text.substr(colon + 1)), workers->where};
        } else {
            const KeyedMap range(m_source, *workers, "workers", {"min", "max"});
            minValue = range.require("min");
            maxValue = range.require("max");
        }
        daemon.minWorkers = int(readInteger(minValue, 1, 1000));
        daemon.maxWorkers = int(readInteger(maxValue, 1, 1000));
        if (daemon.minWorkers > daemon.maxWorkers)
            fail(maxValue.where, "the maximum number of workers (" + std::to_string(daemon.maxWorkers)
                                     + ") is below the minimum (" + std::to_string(daemon.minWorkers) + ")");
    }
    if (const auto maxClients = map.get("max_clients"))
        daemon.maxClients = int(readInteger(*maxClients, 1, 10000));
    if (const auto maxRequests = map.get("max_client_requests"))
        daemon.maxClientRequests = int(readInteger(*maxRequests, 1, 10000));
    if (const auto maxMessage = map.get("max_message"))
        daemon.maxMessage = uint32_t(readInteger(*maxMessage, 24, 33554432));
    if (const auto keepalive = map.get("keepalive")) {
        if (keepalive->isScalar() && keepalive->scalar() == "off") {
            daemon.keepaliveIntervalMs = 0;
        } else {
            Value interval, count;
            if (keepalive->isScalar()) {
                const std::string &text = keepalive->scalar();
                const size_t colon = text.rfind(':');
                if (colon == std::string::npos)
                    fail(keepalive->where, "expected keepalive as INTERVAL:COUNT such as 5s:5, "
                                           "{interval: 5s, count: 5} or off, not " + quote(text));
                interval = {YAML::Node(text.substr(0, colon)), keepalive->where};
                count = {YAML::Node(text.substr(colon + 1)), keepalive->where};
            } else {
                const KeyedMap settings(m_source, *keepalive, "keepalive", {"interval", "count"});
                interval = settings.require("interval");
                count = settings.require("count");
            }
            daemon.keepaliveIntervalMs = int(readDurationMs(interval, 1));
            daemon.keepaliveCount = int(readInteger(count, 0, 1000));
        }
    }
    if (const auto timeout = map.get("timeout")) {
        if (timeout->isScalar() && timeout->scalar() == "off") {
            daemon.timeoutSeconds = -1;
        } else {
            const int64_t milliseconds = readDurationMs(*timeout, 1000);
            if (milliseconds % 1000 != 0)
                fail(timeout->where, "expected whole seconds such as 30s, or off, not " + quote(timeout->scalar()));
            daemon.timeoutSeconds = int(milliseconds / 1000);
        }
    }
    if (const auto delay = map.get("worker_delay"))
        daemon.workerDelayMs = int(readDurationMs(*delay));
    if (const auto pki = map.get("pki"))
        daemon.pkiDirectory = readScalar(*pki, "the folder of the TLS certificates");
    if (const auto noVerify = map.get("tls_no_verify_certificate"))
        daemon.tlsNoVerifyCertificate = readBool(*noVerify);
    const bool tls = std::any_of(daemon.listen.begin(), daemon.listen.end(),
                                 [](const ScenarioListener &listener) { return listener.tls; });
    if (tls && daemon.pkiDirectory.empty())
        fail(map.get("listen")->where, "a tls: listener needs the daemon's pki folder (cacert.pem, servercert.pem, "
                                       "serverkey.pem)");
}

ScenarioListener ScenarioReader::parseListener(const Value &value)
{
    constexpr std::string_view expected =
        "unix, unix-ro, unix:PATH, unix:@NAME, unix-ro:PATH, tcp:HOST:PORT or tls:HOST:PORT";
    const std::string &text = readScalar(value, "a listen address (" + std::string(expected) + ")");
    ScenarioListener listener;
    if (text == "unix")
        return listener;
    if (text == "unix-ro") {
        listener.transport = Transport::UnixReadOnly;
        return listener;
    }
    const bool readonly = text.rfind("unix-ro:", 0) == 0;
    if (!readonly && text.rfind("unix:", 0) != 0 && text.rfind("tcp:", 0) != 0 && text.rfind("tls:", 0) != 0)
        fail(value.where, "expected a listen address (" + std::string(expected) + "), not " + quote(text));
    const std::string addressText = readonly ? "unix:" + text.substr(8) : text;
    const Result<ListenAddress> address = ListenAddress::parse(addressText, readonly);
    if (!address) {
        fail(value.where, "invalid listen address " + quote(text) + ": " + address.error().message);
    }
    if (address->transport != ListenAddress::Transport::Unix) {
        listener.transport = Transport::Tcp;
        listener.tls = address->transport == ListenAddress::Transport::Tls;
        listener.host = address->host;
        listener.port = address->port;
    } else {
        listener.transport = readonly ? Transport::UnixReadOnly : Transport::Unix;
        listener.path = address->path;
    }
    return listener;
}

bool ScenarioReader::listens(Transport transport) const
{
    // A TLS listener serves no scripted client: they speak plain RPC.
    return std::any_of(m_listeners.begin(), m_listeners.end(), [transport](const ScenarioListener &listener) {
        return listener.transport == transport && !listener.tls;
    });
}
} // namespace pollscope::scenarioreader
