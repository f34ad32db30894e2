#include "scenarioreader.h"

#include "trace/eventkind.h"

#include <algorithm>

namespace pollscope::scenarioreader {

// A condition: an event name alone, or a map of condition keys.
TraceCondition ScenarioReader::parseCondition(const Value &value)
{
    if (value.isScalar()) {
        TraceCondition condition;
        condition.event = readEvent(value);
        condition.where = value.where;
        return condition;
    }
    const KeyedMap map(m_source, value, "a condition", kConditionKeys);
    return conditionFrom(map);
}

TraceCondition ScenarioReader::conditionFrom(const KeyedMap &map)
{
    TraceCondition condition;
    condition.where = map.where();
    condition.event = readEvent(map.require("event"));
    if (const auto client = map.get("client"))
        condition.clientName = readClientName(*client);
    if (const auto thread = map.get("thread"))
        condition.thread = readNonEmptyString(*thread, "a thread name such as loop or worker-1");
    if (const auto text = map.get("text"))
        condition.textContains = readNonEmptyString(*text, "a part of the event's text");
    if (const auto reason = map.get("reason"))
        condition.reason = readReason(*reason);
    if (const auto fields = map.get("fields")) {
        if (!fields->node.IsMap())
            fail(fields->where, "expected a map of trace fields such as {watch: 5}, not " + describeNode(fields->node));
        for (const auto &pair : fields->node) {
            const SourceLocation keyWhere = m_source.at(pair.first);
            const std::string &name = pair.first.IsScalar() ? pair.first.Scalar() : std::string();
            if (std::find(kTraceFields.begin(), kTraceFields.end(), name) == kTraceFields.end()) {
                const std::string closest = closestName(name, {kTraceFields.begin(), kTraceFields.end()});
                fail(keyWhere, "unknown trace field " + describeNode(pair.first)
                                   + (closest.empty() ? " (docs/trace-format.md lists the fields)"
                                                      : " (did you mean " + quote(closest) + "?)"));
            }
            if (condition.fields.count(name) != 0)
                fail(keyWhere, "duplicate key " + quote(name) + " in fields");
            const SourceLocation valueWhere = pair.second.IsNull() ? keyWhere : m_source.at(pair.second);
            const Value number = m_source.value(pair.second, valueWhere);
            condition.fields[name] = readInteger(number, kMinInt64, kMaxInt64);
        }
    }
    return condition;
}

std::string ScenarioReader::readEvent(const Value &value)
{
    const std::string &name = readNonEmptyString(value, "an event kind such as accept, or a libvirt function");
    std::vector<std::string_view> known;
    for (size_t i = 0; i < size_t(EventKind::Count); ++i) {
        const EventKindInfo &info = eventKindInfo(EventKind(i));
        known.push_back(info.name);
        known.push_back(info.function);
    }
    if (std::find(known.begin(), known.end(), name) != known.end())
        return name;
    if (const std::string closest = closestName(name, known); !closest.empty())
        fail(value.where, "unknown event " + quote(name) + " (did you mean " + quote(closest) + "?)");
    fail(value.where, "unknown event " + quote(name)
                          + " (expected an event kind such as accept or a libvirt function such as "
                            "qemudDispatchServer; docs/trace-format.md lists them)");
}

EventReason ScenarioReader::readReason(const Value &value)
{
    const std::string &code = readNonEmptyString(value, "a reason code such as listener_found");
    if (const auto reason = eventReasonFromCode(code))
        return *reason;
    std::vector<std::string_view> known;
    for (size_t i = 1; i < size_t(EventReason::Count); ++i)
        known.push_back(eventReasonInfo(EventReason(i)).code);
    if (const std::string closest = closestName(code, known); !closest.empty())
        fail(value.where, "unknown reason " + quote(code) + " (did you mean " + quote(closest) + "?)");
    fail(value.where, "unknown reason " + quote(code) + " (docs/trace-format.md lists the reasons)");
}

std::string ScenarioReader::readClientName(const Value &value)
{
    const std::string &name = readNonEmptyString(value, "the name of a client of this scenario");
    if (m_clientNames.accepted.count(name) == 0) {
        if (m_clientNames.written.empty())
            fail(value.where, "unknown client " + quote(name) + " (this scenario has no clients)");
        fail(value.where, "unknown client " + quote(name) + " (expected one of: " + join(m_clientNames.written) + ")");
    }
    return name;
}

Expectation ScenarioReader::parseExpectation(const Value &value)
{
    const KeyedMap map(m_source, value, "an expectation", {"occurs", "before", "disconnected"});
    const std::vector<std::string> keys = map.keys();
    if (keys.empty())
        fail(value.where, "empty expectation (expected occurs:, before: or disconnected:)");
    if (keys.size() > 1)
        fail(map.keyAt(keys[1]), "an expectation checks one thing, but this one has both " + quote(keys[0]) + " and "
                                     + quote(keys[1]) + " (write two expectations)");
    Expectation expectation;
    expectation.where = value.where;
    const Value body = map.require(keys[0]);
    if (keys[0] == "occurs") {
        expectation.kind = Expectation::Kind::Occurs;
        if (body.isScalar()) {
            expectation.condition = parseCondition(body);
            return expectation;
        }
        const KeyedMap occurs(m_source, body, "occurs", withConditionKeys({"at_least", "at_most", "count"}));
        expectation.condition = conditionFrom(occurs);
        if (const auto count = occurs.get("count")) {
            if (occurs.has("at_least") || occurs.has("at_most"))
                fail(occurs.keyAt("count"), "count means exactly; it cannot go with at_least or at_most");
            expectation.atLeast = int(readInteger(*count, 0, kMaxInt));
            expectation.atMost = expectation.atLeast;
        }
        if (const auto atLeast = occurs.get("at_least"))
            expectation.atLeast = int(readInteger(*atLeast, 0, kMaxInt));
        if (const auto atMost = occurs.get("at_most")) {
            expectation.atMost = int(readInteger(*atMost, 0, kMaxInt));
            if (!occurs.has("at_least") && *expectation.atMost < expectation.atLeast)
                expectation.atLeast = 0;
            if (*expectation.atMost < expectation.atLeast)
                fail(atMost->where, "at_most (" + std::to_string(*expectation.atMost) + ") is below at_least ("
                                        + std::to_string(expectation.atLeast) + ")");
        }
        return expectation;
    }
    if (keys[0] == "before") {
        expectation.kind = Expectation::Kind::Before;
        if (body.node.IsSequence()) {
            const std::vector<Value> pair = readList(m_source, body, "[first, then]");
            if (pair.size() != 2)
                fail(body.where,
                     "expected two conditions, [first, then], not a list of " + std::to_string(pair.size()));
            expectation.condition = parseCondition(pair[0]);
            expectation.later = parseCondition(pair[1]);
        } else {
            const KeyedMap order(m_source, body, "before", {"first", "then"});
            expectation.condition = parseCondition(order.require("first"));
            expectation.later = parseCondition(order.require("then"));
        }
        return expectation;
    }
    expectation.kind = Expectation::Kind::Disconnected;
    if (body.isScalar()) {
        expectation.clientName = readClientName(body);
        return expectation;
    }
    const KeyedMap disconnected(m_source, body, "disconnected", {"client", "reason"});
    expectation.clientName = readClientName(disconnected.require("client"));
    if (const auto reason = disconnected.get("reason"))
        expectation.reasonContains = readNonEmptyString(*reason, "a part of the reason, such as \"too large\"");
    return expectation;
}
} // namespace pollscope::scenarioreader
