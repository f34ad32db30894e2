#include "scenarioreader.h"

namespace pollscope::scenarioreader {

// Conditions may name a client that the list declares further down, so the names are
// gathered before any step is read. Malformed entries are left to parseClient.
void ScenarioReader::collectClientNames(const YAML::Node &clients)
{
    for (const YAML::Node &client : clients) {
        if (!client.IsMap())
            continue;
        std::optional<std::string> name;
        WholeNumber burst;
        for (const auto &pair : client) {
            if (!pair.first.IsScalar() || !pair.second.IsScalar())
                continue;
            if (pair.first.Scalar() == "name")
                name = pair.second.Scalar();
            else if (pair.first.Scalar() == "burst")
                burst = parseWholeNumber(pair.second.Scalar());
        }
        if (!name)
            continue;
        m_clientNames.written.push_back(*name);
        m_clientNames.accepted.insert(*name);
        if (burst.fits && burst.value > 1 && burst.value <= 1000) {
            for (int64_t member = 1; member <= burst.value; ++member)
                m_clientNames.accepted.insert(*name + "-" + std::to_string(member));
        }
    }
}

ScenarioClient ScenarioReader::parseClient(const Value &value)
{
    const KeyedMap map(m_source, value, "a client", {"name", "transport", "start", "burst", "stagger", "steps"});
    ScenarioClient client;
    client.where = value.where;
    const Value name = map.require("name");
    client.name = readName(name, "client");
    if (const auto owner = m_takenClientNames.find(client.name); owner != m_takenClientNames.end())
        fail(name.where, "client name " + quote(client.name) + " is already taken by " + owner->second);
    m_takenClientNames[client.name] = "the client at line " + std::to_string(client.where.line);
    if (const auto transport = map.get("transport")) {
        const std::string &text = readScalar(*transport, "a transport (unix, unix-ro or tcp)");
        if (text == "unix")
            client.transport = Transport::Unix;
        else if (text == "unix-ro")
            client.transport = Transport::UnixReadOnly;
        else if (text == "tcp")
            client.transport = Transport::Tcp;
        else
            fail(transport->where, "unknown transport " + quote(text) + " (expected unix, unix-ro or tcp)");
    }
    if (!listens(client.transport)) {
        const std::string example =
            client.transport == Transport::Tcp ? "\"tcp:127.0.0.1:0\"" : transportName(client.transport);
        fail(map.has("transport") ? map.get("transport")->where : client.where,
             "client " + quote(client.name) + " connects over " + transportName(client.transport)
                 + ", but the daemon does not listen there (add " + example + " to the daemon's listen list)");
    }
    if (const auto start = map.get("start"))
        client.start = readDuration(*start);
    if (const auto burst = map.get("burst")) {
        client.burst = int(readInteger(*burst, 1, 1000));
        for (int member = 1; client.burst > 1 && member <= client.burst; ++member) {
            const std::string memberName = client.name + "-" + std::to_string(member);
            if (const auto owner = m_takenClientNames.find(memberName); owner != m_takenClientNames.end())
                fail(burst->where, "this burst names a member " + quote(memberName)
                                       + ", but that name is already taken by " + owner->second);
            m_takenClientNames[memberName] = "a member of the burst at line " + std::to_string(client.where.line);
        }
    }
    if (const auto stagger = map.get("stagger"))
        client.stagger = readDuration(*stagger);
    client.steps = parseSteps(map.require("steps"), 0);
    bool registered = false;
    checkEventCallbacks(client.steps, registered);
    return client;
}

void ScenarioReader::checkEventCallbacks(const StepList &steps, bool &registered)
{
    for (const ScenarioStep &step : steps) {
        if (const auto *repeat = std::get_if<steps::Repeat>(&step.action)) {
            checkEventCallbacks(repeat->steps, registered);
            continue;
        }
        const auto *call = std::get_if<steps::Call>(&step.action);
        if (!call)
            continue;
        if (call->proc == REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY)
            registered = true;
        else if (call->proc == REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY && !call->arguments.callback
                 && !registered)
            fail(step.where, "domain_event_deregister_any without callback: deregisters this client's latest "
                             "callback, but no step before it registers one (call domain_event_register_any first)");
    }
}

StepList ScenarioReader::parseSteps(const Value &value, int depth)
{
    const std::vector<Value> items = readList(m_source, value, "a list of steps");
    if (items.empty())
        fail(value.where, "expected at least one step, not an empty list");
    StepList steps;
    for (const Value &item : items)
        steps.push_back(parseStep(item, depth));
    return steps;
}

ScenarioStep ScenarioReader::parseStep(const Value &value, int depth)
{
    if (m_nextStepIndex >= kMaxSteps)
        fail(value.where, "too many steps (a scenario has at most " + std::to_string(kMaxSteps) + ")");
    ScenarioStep step;
    step.where = value.where;
    step.index = m_nextStepIndex++;

    if (value.isNull())
        fail(value.where, "empty step (expected a step such as connect, or a map such as call: open)");
    if (value.isScalar()) {
        const std::string &name = value.scalar();
        const StepKind *kind = findStepKind(name);
        if (!kind) {
            const std::vector<std::string_view> names = stepKindNames();
            fail(value.where, "unknown step " + quote(name) + " (expected one of: "
                                  + join(std::vector<std::string>(names.begin(), names.end())) + ")");
        }
        step.action = parseAction(kind->name, std::nullopt, value.where, depth);
        return step;
    }
    const KeyedMap map(m_source, value, "a step", stepKindNames());
    if (map.empty())
        fail(value.where, "empty step (expected a step such as connect, or a map such as call: open)");
    std::optional<std::string> action;
    for (const std::string &key : map.keys()) {
        if (key == "say")
            continue;
        if (action)
            fail(map.keyAt(key), "a step does one thing, but this one has both " + quote(*action) + " and " + quote(key)
                                     + " (write two steps)");
        action = key;
    }
    if (!action) {
        step.action = steps::Say{};
        step.say = readText(m_source, map.require("say"));
        return step;
    }
    if (const auto say = map.get("say"))
        step.say = readText(m_source, *say);
    step.action = parseAction(*action, map.get(*action), map.keyAt(*action), depth);
    return step;
}

StepAction ScenarioReader::parseAction(std::string_view kind, const std::optional<Value> &value,
                                       const SourceLocation &where, int depth)
{
    // The bare kinds take their defaults with no value ("- ping" or "- ping:").
    const bool bare = !value || value->isNull();
    if (kind == "connect") {
        if (!bare)
            fail(value->where, "connect takes no value, not " + describeNode(value->node));
        return steps::Connect{};
    }
    if (kind == "ping")
        return bare ? steps::Ping{} : parsePing(*value);
    if (kind == "hang_up")
        return bare ? steps::HangUp{} : parseHangUp(*value);
    if (kind == "expect_disconnect")
        return bare ? steps::ExpectDisconnect{} : parseExpectDisconnect(*value);
    if (kind == "wait_event")
        return bare ? steps::WaitEvent{} : parseWaitEvent(*value);
    if (bare)
        fail(value ? value->where : where,
             "the step " + quote(kind) + " needs a value, as in " + std::string(findStepKind(kind)->example));
    if (kind == "call")
        return parseCall(*value);
    if (kind == "send") {
        const KeyedMap map(m_source, *value, "send", {"hex", "frame"});
        return parseSendData(map, false);
    }
    if (kind == "write_pieces")
        return parseWritePieces(*value);
    if (kind == "stop_reading")
        return steps::StopReading{readDuration(*value)};
    if (kind == "read_replies")
        return parseReadReplies(*value);
    if (kind == "sleep")
        return steps::Sleep{readDuration(*value)};
    if (kind == "repeat")
        return parseRepeat(*value, depth);
    if (kind == "wait_for")
        return parseWaitFor(*value);
    if (kind == "run")
        return parseRun(*value);
    if (kind == "fd_limit")
        return parseFdLimit(*value);
    return parseAsk(*value);
}
} // namespace pollscope::scenarioreader
