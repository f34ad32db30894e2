// One scripted client of a scenario, on its own thread: it connects over a real
// socket and runs its steps one after the other. A step that does not go as written
// is a failure of the scenario, and the client stops there.
#pragma once

#include "scenario/scenario.h"

#include "client/remoteclient.h"

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace pollscope {

class RunContext;

class ScriptedClient
{
public:
    ScriptedClient(RunContext &context, const ScenarioClient &spec, std::string scriptName);

    // The client's whole life: wait for its start time, then its steps.
    void run(std::chrono::milliseconds start);
    // Unblocks a step waiting on the socket (the run is aborted).
    void interrupt();

    const std::string &name() const { return m_name; }

private:
    bool runSteps(const StepList &steps);
    bool runStep(const ScenarioStep &step);

    bool connect(const ScenarioStep &step);
    bool call(const ScenarioStep &step, const steps::Call &call);
    bool ping(const ScenarioStep &step, const steps::Ping &ping);
    bool send(const ScenarioStep &step, const steps::Send &send);
    bool writePieces(const ScenarioStep &step, const steps::WritePieces &pieces);
    bool readReplies(const ScenarioStep &step, const steps::ReadReplies &read);
    bool hangUp(const ScenarioStep &step, const steps::HangUp &hangUp);
    bool waitFor(const ScenarioStep &step, const steps::WaitFor &wait);
    bool expectDisconnect(const ScenarioStep &step, const steps::ExpectDisconnect &expect);
    bool runCommand(const ScenarioStep &step, const steps::Run &run);
    bool ask(const ScenarioStep &step, const steps::Ask &ask);
    bool waitEvent(const ScenarioStep &step, const steps::WaitEvent &wait);

    // An event message the daemon pushed (type MESSAGE, not keepalive): kept for
    // wait_event, unless it is for a callback this client has deregistered or it
    // never registered one, which fails the step that read it.
    bool acceptEvent(const ScenarioStep &step, const std::vector<uint8_t> &frame);
    // After a call's reply: learns the callback a registration returned, or forgets
    // the one a deregistration dropped.
    void followEventCallbacks(const ScenarioStep &step, const steps::Call &call, int32_t callbackId,
                              const RemoteReply &reply);

    // The bytes a Send step puts on the wire, with this client's next serial.
    std::vector<uint8_t> bytesOf(const steps::Send &send);
    std::vector<uint8_t> callFrame(const steps::Call &call, int32_t callbackId);
    bool requireConnected(const ScenarioStep &step);
    std::chrono::milliseconds patience(std::chrono::milliseconds timeout) const;
    // After an accept the daemon had to put off (EMFILE), learns the client's number
    // from the first registration since then that no other client has claimed,
    // waiting up to `patience` for it to show in the trace.
    void resolveDeferredAccept(std::chrono::milliseconds patience);
    // Why `reply` does not meet `expect`, or "" if it does.
    static std::string checkReply(const RemoteReply &reply, const ReplyExpectation &expect);

    RunContext &m_context;
    const ScenarioClient &m_spec;
    std::string m_name;
    RemoteClient m_client;
    // Held while the socket is closed, and by interrupt(), so that an abort never
    // shuts down an fd number that was already reused.
    std::mutex m_socketLock;
    int m_daemonClient = 0; // the trace's client number once accepted
    std::optional<size_t> m_deferredAcceptSince; // trace index from which to look for it
    // Replies read while waiting for something else (a PONG), for read_replies.
    std::deque<std::vector<uint8_t>> m_unclaimedReplies;

    // A lifecycle event message as it came, for wait_event.
    struct ReceivedEvent
    {
        int32_t callbackId = 0;
        std::string domain;
        int32_t event = 0;
        int32_t detail = 0;
    };
    std::deque<ReceivedEvent> m_events;
    bool m_registrationSent = false;             // any domain_event_register_any, answered or not
    std::vector<int32_t> m_callbacks;            // registered, most recent last
    std::map<int32_t, SourceLocation> m_deregistered; // callback -> the step that deregistered it
};

} // namespace pollscope
