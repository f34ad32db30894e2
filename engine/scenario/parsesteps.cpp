#include "scenarioreader.h"

#include "rpc/lifecycleeventwords.h"
#include "rpc/messageheader.h"
#include "rpc/remotecall.h"
#include "rpc/xdrwriter.h"

#include <algorithm>

namespace pollscope::scenarioreader {

steps::Call ScenarioReader::parseCall(const Value &value)
{
    steps::Call call;
    if (value.isScalar()) {
        const ProcedureRef procedure = readProcedure(value);
        call.proc = procedure.proc;
        call.procedureName = procedure.written;
        return call;
    }
    const KeyedMap map(m_source, value, "call",
                       {"procedure", "name", "flags", "feature", "need_results", "domain", "callback", "payload", "wait",
                        "timeout", "expect"});
    const ProcedureRef procedure = readProcedure(map.require("procedure"));
    call.proc = procedure.proc;
    call.procedureName = procedure.written;
    parseCallArguments(map, call);
    if (const auto wait = map.get("wait"))
        call.wait = readBool(*wait);
    if (const auto timeout = map.get("timeout"))
        call.timeout = readDuration(*timeout, 1);
    if (const auto expect = map.get("expect"))
        call.expect = parseReplyExpectation(*expect);
    return call;
}

// Each argument belongs to the procedures whose arguments carry it; anywhere else it
// would be silently dropped, so it is an error.
void ScenarioReader::parseCallArguments(const KeyedMap &map, steps::Call &call)
{
    constexpr int32_t open = REMOTE_PROC_CONNECT_OPEN;
    constexpr int32_t listAll = REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS;
    constexpr int32_t getState = REMOTE_PROC_DOMAIN_GET_STATE;
    constexpr int32_t feature = REMOTE_PROC_CONNECT_SUPPORTS_FEATURE;
    constexpr int32_t registerAny = REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY;
    constexpr int32_t deregisterAny = REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY;
    std::vector<int32_t> structured = {open, listAll, getState, feature, registerAny, deregisterAny};
    structured.insert(structured.end(), kDomainProcedures.begin(), kDomainProcedures.end());
    const auto applies = [&](std::string_view key, const std::vector<int32_t> &procs, std::string_view owners) {
        if (!map.has(key))
            return false;
        if (std::find(procs.begin(), procs.end(), call.proc) == procs.end())
            fail(map.keyAt(key), quote(key) + " is not an argument of " + procedureLabel(call.proc) + " (only of "
                                     + std::string(owners) + ")");
        return true;
    };
    CallArguments &arguments = call.arguments;
    if (applies("name", {open}, "open"))
        arguments.name = readScalar(*map.get("name"), "a connection URI such as test:///default");
    if (applies("flags", {open, listAll, getState}, "open, list_all_domains and domain_get_state"))
        arguments.flags = uint32_t(readInteger(*map.get("flags"), 0, kMaxUint32));
    if (applies("feature", {feature}, "supports_feature"))
        arguments.feature = int32_t(readInteger(*map.get("feature"), kMinInt, kMaxInt));
    if (applies("need_results", {listAll}, "list_all_domains"))
        arguments.needResults = int32_t(readInteger(*map.get("need_results"), kMinInt, kMaxInt));
    std::vector<int32_t> withDomain = {getState, registerAny};
    withDomain.insert(withDomain.end(), kDomainProcedures.begin(), kDomainProcedures.end());
    if (applies("domain", withDomain, "domain_get_state, the domain_ life-cycle calls and domain_event_register_any"))
        arguments.domain = readNonEmptyString(*map.get("domain"), "a domain name such as web");
    if (applies("callback", {deregisterAny}, "domain_event_deregister_any"))
        arguments.callback = int32_t(readInteger(*map.get("callback"), kMinInt, kMaxInt));
    if (map.has("payload")) {
        if (std::find(structured.begin(), structured.end(), call.proc) != structured.end())
            fail(map.keyAt("payload"), "\"payload\" is not an argument of " + procedureLabel(call.proc)
                                           + " (it gives the raw arguments of procedures that have no named ones)");
        arguments.payload = readHex(*map.get("payload"));
    }
}

ReplyExpectation ScenarioReader::parseReplyExpectation(const Value &value)
{
    const KeyedMap map(m_source, value, "expect", {"ok", "error", "value", "text", "count"});
    ReplyExpectation expect;
    if (const auto ok = map.get("ok"))
        expect.ok = readBool(*ok);
    if (const auto error = map.get("error"))
        expect.errorContains = readNonEmptyString(*error, "a part of the error message");
    if (const auto number = map.get("value"))
        expect.value = readInteger(*number, kMinInt64, kMaxInt64);
    if (const auto text = map.get("text"))
        expect.text = readScalar(*text, "the text the procedure returns");
    if (const auto count = map.get("count"))
        expect.count = readInteger(*count, 0, kMaxInt64);
    if (expect.ok == true && expect.errorContains)
        fail(map.keyAt("error"), "a reply cannot be ok and have an error (drop ok: true)");
    const bool returns = expect.value || expect.text || expect.count;
    if (expect.ok == false && returns)
        fail(map.keyAt("ok"), "a failed reply returns nothing, so value, text and count cannot go with ok: false");
    if (expect.errorContains && returns)
        fail(map.keyAt("error"), "a failed reply returns nothing, so value, text and count cannot go with error");
    return expect;
}

steps::Ping ScenarioReader::parsePing(const Value &value)
{
    const KeyedMap map(m_source, value, "ping", {"wait", "timeout"});
    steps::Ping ping;
    if (const auto wait = map.get("wait"))
        ping.wait = readBool(*wait);
    if (const auto timeout = map.get("timeout"))
        ping.timeout = readDuration(*timeout, 1);
    return ping;
}

// The data of send and write_pieces: exactly one of hex, frame and (for
// write_pieces) call.
steps::Send ScenarioReader::parseSendData(const KeyedMap &map, bool allowCall)
{
    std::vector<std::string> sources = {"hex", "frame"};
    if (allowCall)
        sources.insert(sources.begin(), "call");
    std::optional<std::string> chosen;
    for (const std::string &key : map.keys()) {
        if (std::find(sources.begin(), sources.end(), key) == sources.end())
            continue;
        if (chosen)
            fail(map.keyAt(key), map.context() + " takes its bytes from one of " + join(sources)
                                     + ", but this one has both " + quote(*chosen) + " and " + quote(key));
        chosen = key;
    }
    if (!chosen)
        fail(map.where(), map.context() + " needs its bytes from one of " + join(sources));
    steps::Send send;
    if (*chosen == "hex")
        send.bytes = readHex(*map.get("hex"));
    else if (*chosen == "frame")
        send = sendFromFrame(*map.get("frame"));
    else
        send = sendFromCall(*map.get("call"));
    if (send.bytes.empty())
        fail(map.get(*chosen)->where, "expected at least one byte to send, not an empty string");
    return send;
}

steps::Send ScenarioReader::sendFromFrame(const Value &value)
{
    const KeyedMap map(m_source, value, "frame",
                       {"length", "prog", "vers", "proc", "type", "serial", "status", "payload"});
    FrameSpec frame;
    if (const auto length = map.get("length"))
        frame.length = uint32_t(readInteger(*length, 0, kMaxUint32));
    if (const auto prog = map.get("prog"))
        frame.prog = uint32_t(readInteger(*prog, 0, kMaxUint32));
    if (const auto vers = map.get("vers"))
        frame.vers = uint32_t(readInteger(*vers, 0, kMaxUint32));
    if (const auto proc = map.get("proc"))
        frame.proc = readProcedure(*proc).proc;
    if (const auto type = map.get("type"))
        frame.type = readNamedNumber(*type, {{"call", 0}, {"reply", 1}, {"message", 2}, {"stream", 3}}, "type");
    if (const auto serial = map.get("serial"))
        frame.serial = uint32_t(readInteger(*serial, 0, kMaxUint32));
    if (const auto status = map.get("status"))
        frame.status = readNamedNumber(*status, {{"ok", 0}, {"error", 1}, {"continue", 2}}, "status");
    if (const auto payload = map.get("payload"))
        frame.payload = readHex(*payload);

    // The bytes as they will go out; without a serial, 0 stands in until the run
    // gives the client's next one.
    steps::Send send;
    const MessageHeader header{frame.prog, frame.vers, frame.proc, frame.type, frame.serial.value_or(0), frame.status};
    send.bytes = encodeMessage(header, frame.payload);
    if (frame.length) {
        for (int i = 0; i < 4; ++i)
            send.bytes[size_t(i)] = uint8_t(*frame.length >> (24 - 8 * i));
    }
    send.frame = std::move(frame);
    return send;
}

// A CALL frame of a procedure, with the arguments a plain call step would send.
steps::Send ScenarioReader::sendFromCall(const Value &value)
{
    const ProcedureRef procedure = readProcedure(value);
    std::vector<uint8_t> frame;
    switch (procedure.proc) {
    case REMOTE_PROC_CONNECT_OPEN:
        frame = encodeConnectOpenCall(0, std::string("test:///default"), 0);
        break;
    case REMOTE_PROC_CONNECT_SUPPORTS_FEATURE:
        frame = encodeConnectSupportsFeatureCall(0, CallArguments().feature);
        break;
    case REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS:
        frame = encodeConnectListAllDomainsCall(0, CallArguments().needResults, 0);
        break;
    default:
        if (procedure.proc == REMOTE_PROC_DOMAIN_GET_STATE
            || std::find(kDomainProcedures.begin(), kDomainProcedures.end(), procedure.proc) != kDomainProcedures.end())
            fail(value.where, "write_pieces cannot build a " + procedure.written
                                  + " call: it names a domain by the uuid only the run knows (use call:, or give the "
                                    "bytes with hex or frame)");
        if (procedure.proc == REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY)
            fail(value.where, "write_pieces cannot build a " + procedure.written
                                  + " call: it names a callback by the id only the run knows (use call:, or give the "
                                    "bytes with hex or frame)");
        if (procedure.proc == REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY) {
            // Lifecycle events of every domain, as a plain call without a domain asks.
            XdrWriter arguments;
            xdrEncode(arguments, DomainEventCallbackRegisterArgs{});
            frame = encodeRemoteCall(procedure.proc, 0, arguments.bytes());
            break;
        }
        frame = encodeRemoteCall(procedure.proc, 0);
        break;
    }
    FrameSpec spec;
    spec.proc = procedure.proc;
    const std::span<const uint8_t> payload = messagePayload(frame);
    spec.payload.assign(payload.begin(), payload.end());
    steps::Send send;
    send.bytes = std::move(frame);
    send.frame = std::move(spec);
    return send;
}

steps::WritePieces ScenarioReader::parseWritePieces(const Value &value)
{
    const KeyedMap map(m_source, value, "write_pieces", {"call", "hex", "frame", "split", "delay", "byte_every"});
    steps::WritePieces pieces;
    pieces.data = parseSendData(map, true);
    const std::optional<Value> split = map.get("split");
    const std::optional<Value> byteEvery = map.get("byte_every");
    if (split && byteEvery)
        fail(map.keyAt("byte_every"), "write_pieces takes split or byte_every, not both");
    if (!split && !byteEvery)
        fail(value.where, "write_pieces needs split: [offsets] or byte_every: a duration");
    if (split) {
        const std::vector<Value> offsets = readList(m_source, *split, "a list of byte offsets such as [4, 10]");
        if (offsets.empty())
            fail(split->where, "expected at least one byte offset, not an empty list");
        const int64_t size = int64_t(pieces.data.bytes.size());
        for (const Value &offset : offsets) {
            const size_t previous = pieces.splitAt.empty() ? 0 : pieces.splitAt.back();
            const int64_t at = readInteger(offset, 0, kMaxInt64);
            if (at < 1 || at >= size)
                fail(offset.where, "the data is " + std::to_string(size) + " bytes, so a split offset is from 1 to "
                                       + std::to_string(size - 1) + ", not " + std::to_string(at));
            if (size_t(at) <= previous)
                fail(offset.where, "split offsets must increase, but " + std::to_string(at) + " comes after "
                                       + std::to_string(previous));
            pieces.splitAt.push_back(size_t(at));
        }
        if (const auto delay = map.get("delay"))
            pieces.delay = readDuration(*delay);
    } else {
        if (map.has("delay"))
            fail(map.keyAt("delay"), "delay goes with split; byte_every already sets the pace");
        pieces.byteEvery = readDuration(*byteEvery);
    }
    return pieces;
}

steps::ReadReplies ScenarioReader::parseReadReplies(const Value &value)
{
    steps::ReadReplies read;
    if (value.isScalar()) {
        read.count = int(readInteger(value, 1, 100000));
        return read;
    }
    const KeyedMap map(m_source, value, "read_replies", {"count", "timeout", "expect"});
    if (const auto count = map.get("count"))
        read.count = int(readInteger(*count, 1, 100000));
    if (const auto timeout = map.get("timeout"))
        read.timeout = readDuration(*timeout, 1);
    if (const auto expect = map.get("expect"))
        read.expect = parseReplyExpectation(*expect);
    return read;
}

steps::HangUp ScenarioReader::parseHangUp(const Value &value)
{
    steps::HangUp hangUp;
    if (value.isScalar()) {
        if (value.scalar() != "reset")
            fail(value.where,
                 "expected reset or a map such as {reset: true, mid_message: true}, not " + quote(value.scalar()));
        hangUp.reset = true;
        return hangUp;
    }
    const KeyedMap map(m_source, value, "hang_up", {"reset", "mid_message"});
    if (const auto reset = map.get("reset"))
        hangUp.reset = readBool(*reset);
    if (const auto midMessage = map.get("mid_message"))
        hangUp.midMessage = readBool(*midMessage);
    return hangUp;
}

steps::Repeat ScenarioReader::parseRepeat(const Value &value, int depth)
{
    const KeyedMap map(m_source, value, "repeat", {"times", "steps"});
    if (depth >= kMaxRepeatDepth)
        fail(value.where, "repeats nested more than " + std::to_string(kMaxRepeatDepth) + " deep");
    steps::Repeat repeat;
    repeat.times = int(readInteger(map.require("times"), 1, 1000000));
    repeat.steps = parseSteps(map.require("steps"), depth + 1);
    return repeat;
}

steps::WaitFor ScenarioReader::parseWaitFor(const Value &value)
{
    const KeyedMap map(m_source, value, "wait_for", withConditionKeys({"timeout"}));
    steps::WaitFor wait;
    wait.condition = conditionFrom(map);
    if (const auto timeout = map.get("timeout"))
        wait.timeout = readDuration(*timeout, 1);
    return wait;
}

// `wait_event` alone takes the next event message, whatever it is; `wait_event:
// suspended` names the event; the map adds the domain, the detail and the timeout.
steps::WaitEvent ScenarioReader::parseWaitEvent(const Value &value)
{
    steps::WaitEvent wait;
    const auto readEventWord = [&](const Value &word) {
        const std::string text = readScalar(word, "a lifecycle event such as suspended");
        const LifecycleEventWords *event = findLifecycleEvent(text);
        if (!event) {
            std::vector<std::string> words;
            for (const LifecycleEventWords &known : lifecycleEvents())
                words.emplace_back(known.word);
            fail(word.where, "unknown lifecycle event " + quote(text) + " (expected one of: " + join(words) + ")");
        }
        return event;
    };
    if (value.isScalar()) {
        wait.event = readEventWord(value)->event;
        return wait;
    }
    const KeyedMap map(m_source, value, "wait_event", {"domain", "event", "detail", "timeout"});
    if (const auto domain = map.get("domain"))
        wait.domain = readNonEmptyString(*domain, "a domain name such as web");
    const LifecycleEventWords *event = nullptr;
    if (const auto word = map.get("event")) {
        event = readEventWord(*word);
        wait.event = event->event;
    }
    if (const auto detail = map.get("detail")) {
        if (!event)
            fail(map.keyAt("detail"), "a detail belongs to an event: add event: (such as event: suspended)");
        const std::string text = readScalar(*detail, "a detail such as paused");
        const auto found = std::find(event->details.begin(), event->details.end(), text);
        if (found == event->details.end()) {
            std::vector<std::string> words(event->details.begin(), event->details.end());
            fail(detail->where, "unknown detail " + quote(text) + " of " + std::string(event->word)
                                    + " (expected one of: " + join(words) + ")");
        }
        wait.detail = int32_t(found - event->details.begin());
    }
    if (const auto timeout = map.get("timeout"))
        wait.timeout = readDuration(*timeout, 1);
    return wait;
}

steps::ExpectDisconnect ScenarioReader::parseExpectDisconnect(const Value &value)
{
    const KeyedMap map(m_source, value, "expect_disconnect", {"reason", "timeout"});
    steps::ExpectDisconnect expect;
    if (const auto reason = map.get("reason"))
        expect.reasonContains = readNonEmptyString(*reason, "a part of the reason, such as \"too large\"");
    if (const auto timeout = map.get("timeout"))
        expect.timeout = readDuration(*timeout, 1);
    return expect;
}

steps::Run ScenarioReader::parseRun(const Value &value)
{
    const KeyedMap map(m_source, value, "run", {"program", "args", "expect_exit", "expect_output", "timeout"});
    steps::Run run;
    const Value program = map.require("program");
    run.program = readNonEmptyString(program, "a program such as virsh");
    checkPlaceholders(program, run.program);
    if (const auto args = map.get("args")) {
        for (const Value &arg : readList(m_source, *args, "a list of arguments")) {
            run.arguments.push_back(readScalar(arg, "an argument"));
            checkPlaceholders(arg, run.arguments.back());
        }
    }
    if (const auto exitCode = map.get("expect_exit"))
        run.expectExit = int(readInteger(*exitCode, 0, 255));
    if (const auto output = map.get("expect_output")) {
        for (const Value &line : readList(m_source, *output, "a list of lines the output must contain"))
            run.expectOutput.push_back(readNonEmptyString(line, "a part of a line of output"));
    }
    if (const auto timeout = map.get("timeout"))
        run.timeout = readDuration(*timeout, 1);
    return run;
}

// A word in braces is meant as a placeholder, so an unknown one (a typo) or one the
// daemon cannot fill is an error rather than text passed on as it is.
void ScenarioReader::checkPlaceholders(const Value &value, const std::string &text)
{
    for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const size_t close = text.find('}', open);
        if (close == std::string::npos)
            return;
        const std::string name = text.substr(open + 1, close - open - 1);
        const bool isWord = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || c == '-';
        });
        if (!isWord)
            continue;
        if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end())
            fail(value.where, "unknown placeholder " + quote("{" + name + "}")
                                  + " (expected {socket}, {socket-ro}, {tcp-port}, {tls-port} or {uri})");
        if (name == "tls-port") {
            if (!std::any_of(m_listeners.begin(), m_listeners.end(), [](const ScenarioListener &l) { return l.tls; }))
                fail(value.where, "{tls-port} needs the daemon to listen on tls");
            continue;
        }
        // {uri} reaches the daemon through its read-write Unix socket, as {socket} does.
        const Transport needs = name == "socket-ro" ? Transport::UnixReadOnly
            : name == "tcp-port"                    ? Transport::Tcp
                                                    : Transport::Unix;
        if (!listens(needs))
            fail(value.where, "{" + name + "} needs the daemon to listen on " + transportName(needs));
    }
}

steps::FdLimit ScenarioReader::parseFdLimit(const Value &value)
{
    steps::FdLimit limit;
    if (value.isScalar()) {
        if (value.scalar() != "restore")
            fail(value.where, "expected restore or {headroom: N}, not " + quote(value.scalar()));
        limit.restore = true;
        return limit;
    }
    const KeyedMap map(m_source, value, "fd_limit", {"headroom"});
    limit.headroom = int(readInteger(map.require("headroom"), 0, 1000));
    return limit;
}

steps::Ask ScenarioReader::parseAsk(const Value &value)
{
    const KeyedMap map(m_source, value, "ask", {"question", "choices", "answer", "explain", "before"});
    steps::Ask ask;
    ask.question = readText(m_source, map.require("question"));
    const Value choices = map.require("choices");
    for (const Value &choice : readList(m_source, choices, "a list of choices"))
        ask.choices.push_back(readText(m_source, choice));
    if (ask.choices.size() < 2)
        fail(choices.where, "a question needs at least two choices");
    const Value answer = map.require("answer");
    const WholeNumber index = answer.isScalar() ? parseWholeNumber(answer.scalar()) : WholeNumber();
    if (!index.fits || index.value < 0 || index.value >= int64_t(ask.choices.size()))
        fail(answer.where, "expected the index of the right choice, from 0 to " + std::to_string(ask.choices.size() - 1)
                               + ", not " + describeNode(answer.node));
    ask.answer = int(index.value);
    if (const auto explain = map.get("explain"))
        ask.explanation = readText(m_source, *explain);
    if (const auto before = map.get("before"))
        ask.before = parseCondition(*before);
    return ask;
}
} // namespace pollscope::scenarioreader
