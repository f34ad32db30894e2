// The kinds of trace events: which libvirt function does the step, which libvirt
// probe (if any) marks it, and how a viewer should draw it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace pollscope {

// The family an event belongs to; viewers give each family its own colour.
enum class EventFamily : uint8_t {
    LoopPhase, // a phase of virEventPollRunOnce
    Handle,    // handle add, update, remove, purge, dispatch
    Timer,     // timeout add, update, remove, purge, dispatch
    Wakeup,    // the self-pipe: interrupts and the wakeup handler
    Server,    // listeners, accept, signals, start-up and shutdown
    Client,    // per-client reads, writes, failures
    Worker,    // worker threads and request dispatch
    Control,   // step control (pause, step) of the loop itself
};

// Spans are recorded as a Begin and an End event on the same thread.
enum class EventShape : uint8_t { Instant, Begin, End };

// How a timeline draws an instant event: its marker's meaning. The order is the
// drawing order: minor steps first, so rarer, more telling markers go on top.
enum class EventMark : uint8_t {
    None,             // not drawn as a marker
    PhaseStep,        // a phase of RunOnce: cleanup, make pollfds, calculate timeout, ...
    InterruptSkipped, // an interrupt that did not write: no poll to wake, or the loop itself
    ServerStep,       // daemon start-up, listeners, signals, shutdown
    ClientStep,       // client bookkeeping: register, handle mode, keepalive
    HandleAdded,
    HandleUpdated,
    HandleRemoved,
    HandlePurged,
    DispatchSkipped, // a ready handle not dispatched: deleted, or the walk stopped
    TimeoutAdded,
    TimeoutUpdated,
    TimeoutRemoved,
    TimeoutPurged,
    WorkerStarted,
    WorkerStopped,
    ClientRead,
    ClientWrite,
    ClientThrottled,
    ClientUnthrottled,
    ReplyQueued,
    ClientAction, // a scripted client did something
    Note,         // narration
    LoopResumed,
    LoopPaused,
    ControlWakeup, // the step control wrote the wakeup pipe to hold a sleeping loop
    TimerFire,
    WakeupDrain, // virEventPollHandleWakeup read a byte
    WakeupWrite, // an interrupt wrote a byte to the wakeup pipe
    Accept,
    AcceptFailed,
    ClientFailure,
    ClientFreed,
    LoopError,
    TraceGap, // events were lost here: the trace buffer was full
    Count
};

// What a step is in the life of a client: the checker, the timeline and the runner
// follow clients by these, not by kinds.
enum class ClientStage : uint8_t {
    None,
    Registered, // its handle is added: the client is served from here on
    Dispatched, // the loop dispatches an event on its socket
    Read,       // bytes read from it
    Request,    // a whole request read, to be handed to a worker
    Written,    // bytes written to it
    Failed,     // dropped: closed, with its handle removed
    Closed,     // libvirt 9: closed by virNetServerClientClose, which 0.9 did not have
    Freed,      // its memory released: nothing more may happen to it
};

// Where a step stands on the path of a client's call through the daemon, in terms
// that hold for libvirt 0.9 and 9 alike: comparing two traces, and following a real
// daemon in a terminal, go by it.
enum class CallStep : uint8_t {
    None,
    Iteration, // an iteration of the event loop
    Accept,    // a connection accepted
    Register,  // the new client's watch registered with the loop
    Dispatch,  // the loop dispatches a ready socket
    Read,      // bytes read from the client
    Received,  // a whole message received
    Job,       // the message handed to a worker, or the worker running it
    Call,      // the procedure dispatched
    Reply,     // the reply queued on the client
    Write,     // bytes written to the client
    Sent,      // a whole message sent
    Close,     // the client closed, or dropped on a failure
    Free,      // the client's memory released
};

// The span a Begin event opens; it runs to the matching End on the same thread.
enum class EventSpan : uint8_t {
    None,           // not a Begin event
    RunLoop,        // qemudRunLoop: the daemon's loop thread body
    Iteration,      // virEventPollRunOnce: one loop iteration
    PollWait,       // poll(2) blocked
    HandleCallback, // a handle callback run by DispatchHandles
    TimerCallback,  // a timer callback run by DispatchTimeouts
    FreeCallback,   // a free callback run by cleanup
    WorkerJob,      // a worker thread handling one request
    RemoteDispatch, // remoteDispatchClientRequest inside a job
    SlowMotion,     // pollscope's slow motion holding the loop at a phase boundary
    Count
};

// X(Enum, "kind_name", "libvirtFunction", "probe_name" or nullptr, Family, Shape, Mark, Span, Stage, Fields, Call):
// Mark is the timeline marker of the event (None: no marker), Span the span a Begin
// event opens (None for other shapes), Stage what the step is in the life of the
// client it names (None for steps that are not about one client), Fields the
// TraceField flags an event of the kind may carry (a typed probe, probe.h, only has
// setters for them; `pollscope check` holds imported events to them; an exporter or
// a compact encoding may rely on them), Call where the step stands on a call's path
// (None for steps that are not on it).
//
// Adding a kind is one line here, its summary and explanation (ui/models/eventkindtexts.cpp
// and its translations) and the probe that records it: the timeline, summaries,
// checker and exports take what they need from this line.
#define POLLSCOPE_EVENT_KINDS(X)                                                                          \
    X(LoopInit, "loop_init", "virEventPollInit", nullptr, LoopPhase, Instant, PhaseStep, None, None, (Errno | Fd | Result), None)                             \
    X(AddHandle, "add_handle", "virEventPollAddHandle", "event_poll_add_handle", Handle, Instant, HandleAdded, None, None, (Events | Fd | Handles | Result | Role | Watch), None)         \
    X(UpdateHandle, "update_handle", "virEventPollUpdateHandle", "event_poll_update_handle", Handle, Instant, HandleUpdated, None, None, (Events | Fd | Result | Watch), None) \
    X(RemoveHandle, "remove_handle", "virEventPollRemoveHandle", "event_poll_remove_handle", Handle, Instant, HandleRemoved, None, None, (Fd | Result | Watch), None) \
    X(AddTimeout, "add_timeout", "virEventPollAddTimeout", "event_poll_add_timeout", Timer, Instant, TimeoutAdded, None, None, (ExpiresAt | Frequency | Result | Role | Timeouts | Timer), None)      \
    X(UpdateTimeout, "update_timeout", "virEventPollUpdateTimeout", "event_poll_update_timeout", Timer, Instant, TimeoutUpdated, None, None, (ExpiresAt | Frequency | Result | Timer), None) \
    X(RemoveTimeout, "remove_timeout", "virEventPollRemoveTimeout", "event_poll_remove_timeout", Timer, Instant, TimeoutRemoved, None, None, (Result | Timer), None) \
    X(RunOnceBegin, "run_once_begin", "virEventPollRunOnce", nullptr, LoopPhase, Begin, None, Iteration, None, (Handles | Iteration | Timeouts), Iteration)                   \
    X(RunOnceEnd, "run_once_end", "virEventPollRunOnce", nullptr, LoopPhase, End, None, None, None, (Handles | Iteration | Timeouts), Iteration)                         \
    X(RunOnceError, "run_once_error", "virEventPollRunOnce", nullptr, LoopPhase, Instant, LoopError, None, None, (Errno | Iteration), None)                 \
    X(CleanupTimeouts, "cleanup_timeouts", "virEventPollCleanupTimeouts", nullptr, LoopPhase, Instant, PhaseStep, None, None, (Timeouts), None)    \
    X(CleanupHandles, "cleanup_handles", "virEventPollCleanupHandles", nullptr, LoopPhase, Instant, PhaseStep, None, None, (Handles), None)       \
    X(PurgeTimeout, "purge_timeout", "virEventPollCleanupTimeouts", "event_poll_purge_timeout", Timer, Instant, TimeoutPurged, None, None, (Timer), None) \
    X(PurgeHandle, "purge_handle", "virEventPollCleanupHandles", "event_poll_purge_handle", Handle, Instant, HandlePurged, None, None, (Fd | Watch), None) \
    X(FreeCallbackBegin, "free_callback_begin", "virFreeCallback", nullptr, Handle, Begin, None, FreeCallback, None, (Timer | Watch), None)                \
    X(FreeCallbackEnd, "free_callback_end", "virFreeCallback", nullptr, Handle, End, None, None, None, (Timer | Watch), None)                      \
    X(MakePollFDs, "make_poll_fds", "virEventPollMakePollFDs", nullptr, LoopPhase, Instant, PhaseStep, None, None, (Handles | Nfds), None)               \
    X(CalculateTimeout, "calculate_timeout", "virEventPollCalculateTimeout", nullptr, LoopPhase, Instant, PhaseStep, None, None, (ExpiresAt | Timeout | Timeouts), None) \
    X(PollBegin, "poll_begin", "poll", "event_poll_run", LoopPhase, Begin, None, PollWait, None, (Iteration | Nfds | Timeout), None)                                \
    X(PollEnd, "poll_end", "poll", nullptr, LoopPhase, End, None, None, None, (Errno | Iteration | Nfds | Result), None)                                               \
    X(PollRetry, "poll_retry", "virEventPollRunOnce", nullptr, LoopPhase, Instant, PhaseStep, None, None, (Errno | Timeout), None)                        \
    X(DispatchTimeouts, "dispatch_timeouts", "virEventPollDispatchTimeouts", nullptr, LoopPhase, Instant, PhaseStep, None, None, (Timeouts), None) \
    X(DispatchTimeoutBegin, "dispatch_timeout_begin", "virEventPollDispatchTimeouts", "event_poll_dispatch_timeout", Timer, Begin, TimerFire, TimerCallback, None, (ExpiresAt | Frequency | Timer), None) \
    X(DispatchTimeoutEnd, "dispatch_timeout_end", "virEventPollDispatchTimeouts", nullptr, Timer, End, None, None, None, (Timer), None)    \
    X(DispatchHandles, "dispatch_handles", "virEventPollDispatchHandles", nullptr, LoopPhase, Instant, PhaseStep, None, None, (Handles | Nfds), None)    \
    X(DispatchHandleBegin, "dispatch_handle_begin", "virEventPollDispatchHandles", "event_poll_dispatch_handle", Handle, Begin, None, HandleCallback, None, (Events | Fd | Revents | Watch), Dispatch) \
    X(DispatchHandleEnd, "dispatch_handle_end", "virEventPollDispatchHandles", nullptr, Handle, End, None, None, None, (Fd | Watch), Dispatch)      \
    X(DispatchSkipDeleted, "dispatch_skip_deleted", "virEventPollDispatchHandles", nullptr, Handle, Instant, DispatchSkipped, None, None, (Fd | Revents | Watch), None) \
    X(DispatchStopped, "dispatch_stopped", "virEventPollDispatchHandles", nullptr, Handle, Instant, DispatchSkipped, None, None, (Fd | Nfds | Revents), None)       \
    X(Interrupt, "interrupt", "virEventPollInterruptLocked", nullptr, Wakeup, Instant, WakeupWrite, None, None, (Bytes | Errno | Fd | Result), None)                    \
    X(HandleWakeup, "handle_wakeup", "virEventPollHandleWakeup", nullptr, Wakeup, Instant, WakeupDrain, None, None, (Bytes | Fd), None)               \
    X(LoopPaused, "loop_paused", "virEventPollRunOnce", nullptr, Control, Instant, LoopPaused, None, None, (Timer | Watch), None)                       \
    X(LoopResumed, "loop_resumed", "virEventPollRunOnce", nullptr, Control, Instant, LoopResumed, None, None, (Timer | Watch), None)                     \
    /* The daemon: start-up, listeners, accept (libvirtd.c). */                                          \
    X(ServerInit, "server_init", "qemudInitialize", nullptr, Server, Instant, ServerStep, None, None, 0, None)                             \
    X(SignalSetup, "signal_setup", "daemonSetupSignals", nullptr, Server, Instant, ServerStep, None, None, (Fd | Watch), None)                        \
    X(ListenUnix, "listen_unix", "qemudListenUnix", nullptr, Server, Instant, ServerStep, None, None, (Errno | Fd | Result), None)                             \
    X(ListenTcp, "listen_tcp", "remoteListenTCP", nullptr, Server, Instant, ServerStep, None, None, (Fd | Result), None)                               \
    X(TlsInit, "tls_init", "remoteInitializeGnuTLS", nullptr, Server, Instant, ServerStep, None, None, (Result), None)          \
    X(NetworkInit, "network_init", "qemudNetworkInit", nullptr, Server, Instant, ServerStep, None, None, (Result), None)                          \
    X(StartEventLoop, "start_event_loop", "qemudStartEventLoop", nullptr, Server, Instant, ServerStep, None, None, 0, None)                \
    X(RunLoopBegin, "run_loop_begin", "qemudRunLoop", nullptr, Server, Begin, None, RunLoop, None, (Workers), None)                             \
    X(RunLoopEnd, "run_loop_end", "qemudRunLoop", nullptr, Server, End, None, None, None, (Clients | Workers), None)                                   \
    X(NetworkEnable, "network_enable", "qemudNetworkEnable", nullptr, Server, Instant, ServerStep, None, None, (Events | Fd | Watch), None)                    \
    X(DispatchServerEvent, "dispatch_server_event", "qemudDispatchServerEvent", nullptr, Server, Instant, ServerStep, None, None, (Events | Fd | Result | Watch), None)  \
    X(Accept, "accept", "qemudDispatchServer", nullptr, Server, Instant, Accept, None, None, (Client | Clients | Fd | Watch), Accept)                                  \
    X(AcceptAgain, "accept_again", "qemudDispatchServer", nullptr, Server, Instant, ServerStep, None, None, (Errno | Fd | Watch), None)                       \
    X(AcceptFailed, "accept_failed", "qemudDispatchServer", nullptr, Server, Instant, AcceptFailed, None, None, (Errno | Fd | Frequency | Timer | Watch), None)                     \
    X(AcceptResumed, "accept_resumed", "qemudDispatchServer", nullptr, Server, Instant, ServerStep, None, None, (Fd | Frequency | Timer | Watch), None)                   \
    X(ClientRejected, "client_rejected", "qemudDispatchServer", nullptr, Server, Instant, AcceptFailed, None, None, (Clients | Fd | Watch), None)                  \
    X(TlsHandshakeStart, "tls_handshake_start", "qemudDispatchServer", nullptr, Client, Instant, ClientStep, None, None, (Client | Direction | Events | Fd | Result | Watch), None) \
    X(RegisterClientEvent, "register_client_event", "qemudRegisterClientEvent", nullptr, Client, Instant, ClientStep, None, Registered, (Client | Events | Fd | Watch), Register) \
    X(CalculateHandleMode, "calculate_handle_mode", "qemudCalculateHandleMode", nullptr, Client, Instant, ClientStep, None, None, (Client | Direction | Events | Nrequests | Tx), None) \
    X(DispatchSignalEvent, "dispatch_signal_event", "qemudDispatchSignalEvent", nullptr, Server, Instant, ServerStep, None, None, (Bytes | Fd | Signal | Watch), None)  \
    X(InactiveTimer, "inactive_timer", "qemudInactiveTimer", nullptr, Server, Instant, ServerStep, None, None, (Clients | Timer), None)                    \
    X(ServerCleanup, "server_cleanup", "qemudCleanup", nullptr, Server, Instant, ServerStep, None, None, (Result), None)                          \
    /* The daemon: per-client I/O on the loop thread. */                                                  \
    X(DispatchClientEvent, "dispatch_client_event", "qemudDispatchClientEvent", nullptr, Client, Instant, ClientStep, None, Dispatched, (Client | Events | Fd | Watch), Dispatch) \
    X(ClientRead, "client_read", "qemudDispatchClientRead", nullptr, Client, Instant, ClientRead, None, Read, (Bytes | Client | Fd | Length | Watch), Read)                     \
    X(MessageReceived, "message_received", "qemudDispatchClientRead", nullptr, Client, Instant, ClientRead, None, Request, (Client | Dx | Length | MsgType | Nrequests | Proc | Prog | Serial | Status | Vers | Watch), Received)           \
    X(ClientThrottled, "client_throttled", "qemudDispatchClientRead", nullptr, Client, Instant, ClientThrottled, None, None, (Client | Nrequests | Watch), None)           \
    X(ClientWrite, "client_write", "qemudDispatchClientWrite", nullptr, Client, Instant, ClientWrite, None, Written, (Bytes | Client | Fd | Length | Tx | Watch), Write)                  \
    X(MessageSent, "message_sent", "qemudDispatchClientWrite", nullptr, Client, Instant, ClientWrite, None, None, (Client | Length | MsgType | Proc | Prog | Serial | Status | Tx | Vers | Watch), Sent)                  \
    X(ClientUnthrottled, "client_unthrottled", "qemudClientMessageRelease", nullptr, Client, Instant, ClientUnthrottled, None, None, (Client | Nrequests | Watch), None)     \
    X(UpdateClientEvent, "update_client_event", "qemudUpdateClientEvent", nullptr, Client, Instant, ClientStep, None, None, (Client | Events | Watch), None)       \
    X(ClientHandshake, "client_handshake", "qemudDispatchClientHandshake", nullptr, Client, Instant, ClientStep, None, None, (Client | Direction | Events | Fd | Result | Watch), None) \
    X(CheckCertificate, "check_certificate", "remoteCheckCertificate", "client_tls_allow", Client, Instant, ClientStep, None, None, (Client | Direction | Events | Fd | Result | Watch), None) \
    X(HandshakeTimeout, "handshake_timeout", "qemudDispatchClientHandshake", nullptr, Client, Instant, ClientStep, None, None, (Client | Direction | Events | Fd | Frequency | Result | Timer | Watch), None) \
    X(ClientFailure, "client_failure", "qemudDispatchClientFailure", nullptr, Client, Instant, ClientFailure, None, Failed, (Client | Dx | Errno | Fd | Length | Nrequests | Tx | Watch), Close)            \
    X(FreeClient, "free_client", "qemudFreeClient", nullptr, Client, Instant, ClientFreed, None, Freed, (Client | Clients | Dx | Errno | Tx | Watch), Free)                             \
    X(KeepaliveReceived, "keepalive_received", "virKeepAliveCheckMessage", nullptr, Client, Instant, ClientStep, None, None, (Client | MsgType | Proc | Prog | Serial | Status | Vers | Watch), None)      \
    X(KeepaliveTimer, "keepalive_timer", "virKeepAliveTimer", nullptr, Client, Instant, ClientStep, None, None, (Client | Frequency | Result | Timer), None)                   \
    /* The daemon: workers. */                                                                            \
    X(WorkerStart, "worker_start", "qemudStartWorker", nullptr, Worker, Instant, WorkerStarted, None, None, (Clients | Workers), None)                          \
    X(WorkerStop, "worker_stop", "qemudRunLoop", nullptr, Worker, Instant, WorkerStopped, None, None, (Clients | Workers), None)                             \
    X(WorkerJobBegin, "worker_job_begin", "qemudWorker", nullptr, Worker, Begin, None, WorkerJob, None, (Client | Dx | Proc | Serial), Job)                          \
    X(WorkerJobEnd, "worker_job_end", "qemudWorker", nullptr, Worker, End, None, None, None, (Client | Proc | Serial), Job)                                \
    X(RemoteDispatchBegin, "remote_dispatch_begin", "remoteDispatchClientRequest", nullptr, Worker, Begin, None, RemoteDispatch, None, (Client | MsgType | Proc | Prog | Serial | Status | Vers), Call) \
    X(RemoteDispatchEnd, "remote_dispatch_end", "remoteDispatchClientRequest", nullptr, Worker, End, None, None, None, (Bytes | Client | Proc | Serial | Status), Call)      \
    X(ReplyQueued, "reply_queued", "remoteDispatchClientRequest", nullptr, Worker, Instant, ReplyQueued, None, None, (Client | Length | Proc | Serial | Tx), Reply)               \
    /* Scripted clients and narration, outside the daemon. */                                             \
    X(ClientAction, "client_action", "client", nullptr, Control, Instant, ClientAction, None, None, (Bytes | Client | Proc | Prog | Result | Serial | Step | Timeout), None)                                 \
    X(Note, "note", "note", nullptr, Control, Instant, Note, None, None, 0, None)                                   \
    /* libvirtd 9, imported from its log: steps that 0.9 did not have. */                                \
    X(GLibIterationBegin, "glib_iteration_begin", "virEventRunDefaultImpl", nullptr, LoopPhase, Begin, None, Iteration, None, 0, Iteration) \
    X(GLibIterationEnd, "glib_iteration_end", "virEventRunDefaultImpl", nullptr, LoopPhase, End, None, None, None, 0, Iteration)         \
    X(SocketNew, "socket_new", "virNetSocketNew", "rpc_socket_new", Server, Instant, ServerStep, None, None, (Fd), None)              \
    X(SocketDispose, "socket_dispose", "virNetSocketDispose", "rpc_socket_dispose", Server, Instant, ServerStep, None, None, (Fd), None) \
    X(ServiceLimits, "service_limits", "virNetServerCheckLimits", nullptr, Server, Instant, ServerStep, None, None, (Clients), None)         \
    X(ClientClose, "client_close", "virNetServerClientCloseLocked", nullptr, Client, Instant, ClientStep, None, Closed, (Client), Close)     \
    X(KeepaliveState, "keepalive_state", "virKeepAliveStart", nullptr, Client, Instant, ClientStep, None, None, (Client | Frequency | Timer), None) \
    X(JobQueued, "job_queued", "virNetServerDispatchNewMessage", nullptr, Worker, Instant, ClientStep, None, None, (Client), Job)          \
    X(WorkerTakesJob, "worker_takes_job", "virNetServerHandleJob", nullptr, Worker, Instant, ClientStep, None, None, (Client), Job)        \
    X(ProgramDispatch, "program_dispatch", "virNetServerProgramDispatch", nullptr, Worker, Instant, ClientStep, None, None, (Client | MsgType | Proc | Prog | Serial | Status | Vers), Call) \
    /* The daemon: domain events the server pushes (libvirt 9's protocol, test driver's queue). */ \
    X(EventCallbackRegistered, "event_callback_registered", "remoteDispatchConnectDomainEventCallbackRegisterAny", nullptr, Worker, Instant, ClientStep, None, None, (Client | Result | Timer), None) \
    X(EventCallbackDeregistered, "event_callback_deregistered", "remoteDispatchConnectDomainEventCallbackDeregisterAny", nullptr, Worker, Instant, ClientStep, None, None, (Client | Result), None) \
    X(DomainEventQueued, "domain_event_queued", "virObjectEventStateQueue", nullptr, Worker, Instant, ReplyQueued, None, None, (Result | Timer), None) \
    X(EventMessageQueued, "event_message_queued", "remoteRelayDomainEventLifecycle", nullptr, Client, Instant, ReplyQueued, None, None, (Client | Length | MsgType | Proc | Result | Serial | Tx), None) \
    X(EventMessageSent, "event_message_sent", "qemudDispatchClientWrite", nullptr, Client, Instant, ClientWrite, None, None, (Client | Proc | Result), None) \
    /* pollscope's step control, not libvirt: its wakeups and its slow-motion waits. */                  \
    X(ControlWakeup, "control_wakeup", "StepControl", nullptr, Control, Instant, ControlWakeup, None, None, (Bytes | Errno | Fd | Result), None) \
    X(SlowMotionBegin, "slow_motion_begin", "StepControl", nullptr, Control, Begin, None, SlowMotion, None, (Timer | Watch), None) \
    X(SlowMotionEnd, "slow_motion_end", "StepControl", nullptr, Control, End, None, None, None, (Timer | Watch), None) \
    /* pollscope's questions: the step a question is about, held back until it is answered. */ \
    X(QuestionHeld, "question_held", "ScenarioRunner", nullptr, Control, Instant, LoopPaused, None, None, (Step), None) \
    X(QuestionReleased, "question_released", "ScenarioRunner", nullptr, Control, Instant, LoopResumed, None, None, (Step), None) \
    /* pollscope's tracer, not libvirt: a bounded trace buffer was full and events were dropped. */     \
    X(TraceLost, "trace_lost", "Tracer", nullptr, Control, Instant, TraceGap, None, None, (Length), None)

enum class EventKind : uint8_t {
#define POLLSCOPE_KIND_ENUM(Enum, name, function, probe, family, shape, mark, span, stage, fields, call) Enum,
    POLLSCOPE_EVENT_KINDS(POLLSCOPE_KIND_ENUM)
#undef POLLSCOPE_KIND_ENUM
    Count
};

struct EventKindInfo
{
    const char *name;     // stable snake_case name used in exported traces
    const char *function; // the libvirt function that performs the step
    const char *probe;    // the libvirt probe at that step, or nullptr
    EventFamily family;
    EventShape shape;
    EventMark mark; // how a timeline draws the event, None for spans' ends and undrawn steps
    EventSpan span; // the span a Begin event opens
    ClientStage clientStage;
    uint32_t fields; // TraceField flags an event of this kind may carry
    CallStep callStep;
};

const EventKindInfo &eventKindInfo(EventKind kind);
// The End kind that closes the span a Begin kind opens: the kind after it.
EventKind endOfSpan(EventKind begin);
// The Begin kind whose span an End kind closes: the kind before it.
EventKind beginOfSpan(EventKind end);
// The span an End kind closes; None for other kinds.
EventSpan spanEndedBy(EventKind kind);
std::optional<EventKind> eventKindFromName(std::string_view name);
const char *eventFamilyName(EventFamily family);

} // namespace pollscope
