#include "scenarioreader.h"

#include <algorithm>

namespace pollscope::scenarioreader {

namespace {

// The real libvirtd listens on its own Unix sockets only, and the scripted steps speak
// to the replica's: a client run against it may only run programs, wait and narrate.
void checkRealLibvirtdSteps(const StepList &steps, const std::string &client)
{
    for (const ScenarioStep &step : steps) {
        if (const auto *repeat = std::get_if<steps::Repeat>(&step.action)) {
            checkRealLibvirtdSteps(repeat->steps, client);
            continue;
        }
        if (const auto *run = std::get_if<steps::Run>(&step.action)) {
            for (const std::string &argument : run->arguments) {
                for (const char *placeholder : {"{tcp-port}", "{tls-port}"}) {
                    if (argument.find(placeholder) != std::string::npos)
                        fail(step.where, "client " + quote(client) + " also runs against the real libvirtd, which "
                                             "listens on Unix sockets only: " + placeholder + " has no value there");
                }
            }
            continue;
        }
        if (!std::holds_alternative<steps::Sleep>(step.action) && !std::holds_alternative<steps::Say>(step.action))
            fail(step.where, "client " + quote(client) + " also runs against the real libvirtd (real_libvirtd), so "
                                 "its steps may only be run, sleep, say and repeat: scripted calls reach only the "
                                 "replica");
    }
}

} // namespace

RealLibvirtdRun ScenarioReader::parseRealLibvirtd(const Value &value, const std::vector<ScenarioClient> &clients)
{
    const KeyedMap map(m_source, value, "real_libvirtd", {"clients"});
    const Value list = map.require("clients");
    const std::vector<Value> items = readList(m_source, list, "a list of client names");
    if (items.empty())
        fail(list.where, "expected at least one client name, not an empty list");
    RealLibvirtdRun real;
    real.where = value.where;
    for (const Value &item : items) {
        const std::string &name = readNonEmptyString(item, "the name of a client of this scenario");
        const auto client = std::find_if(clients.begin(), clients.end(),
                                         [&name](const ScenarioClient &spec) { return spec.name == name; });
        if (client == clients.end()) {
            if (clients.empty())
                fail(item.where, "unknown client " + quote(name) + " (this scenario has no clients)");
            fail(item.where, "unknown client " + quote(name) + " (expected one of: " + join(m_clientNames.written) + ")");
        }
        if (std::find(real.clients.begin(), real.clients.end(), name) != real.clients.end())
            fail(item.where, "client " + quote(name) + " is named twice");
        checkRealLibvirtdSteps(client->steps, name);
        real.clients.push_back(name);
    }
    return real;
}

} // namespace pollscope::scenarioreader
