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
    Count
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

// X(Enum, "kind_name", "libvirtFunction", "probe_name" or nullptr, Family, Shape, Mark, Span):
// Mark is the timeline marker of the event (None: no marker), Span the span a Begin
// event opens (None for other shapes).
#define POLLSCOPE_EVENT_KINDS(X)                                                                          \
    X(LoopInit, "loop_init", "virEventPollInit", nullptr, LoopPhase, Instant, PhaseStep, None)                             \
    X(AddHandle, "add_handle", "virEventPollAddHandle", "event_poll_add_handle", Handle, Instant, HandleAdded, None)         \
    X(UpdateHandle, "update_handle", "virEventPollUpdateHandle", "event_poll_update_handle", Handle, Instant, HandleUpdated, None) \
    X(RemoveHandle, "remove_handle", "virEventPollRemoveHandle", "event_poll_remove_handle", Handle, Instant, HandleRemoved, None) \
    X(AddTimeout, "add_timeout", "virEventPollAddTimeout", "event_poll_add_timeout", Timer, Instant, TimeoutAdded, None)      \
    X(UpdateTimeout, "update_timeout", "virEventPollUpdateTimeout", "event_poll_update_timeout", Timer, Instant, TimeoutUpdated, None) \
    X(RemoveTimeout, "remove_timeout", "virEventPollRemoveTimeout", "event_poll_remove_timeout", Timer, Instant, TimeoutRemoved, None) \
    X(RunOnceBegin, "run_once_begin", "virEventPollRunOnce", nullptr, LoopPhase, Begin, None, Iteration)                   \
    X(RunOnceEnd, "run_once_end", "virEventPollRunOnce", nullptr, LoopPhase, End, None, None)                         \
    X(RunOnceError, "run_once_error", "virEventPollRunOnce", nullptr, LoopPhase, Instant, LoopError, None)                 \
    X(CleanupTimeouts, "cleanup_timeouts", "virEventPollCleanupTimeouts", nullptr, LoopPhase, Instant, PhaseStep, None)    \
    X(CleanupHandles, "cleanup_handles", "virEventPollCleanupHandles", nullptr, LoopPhase, Instant, PhaseStep, None)       \
    X(PurgeTimeout, "purge_timeout", "virEventPollCleanupTimeouts", "event_poll_purge_timeout", Timer, Instant, TimeoutPurged, None) \
    X(PurgeHandle, "purge_handle", "virEventPollCleanupHandles", "event_poll_purge_handle", Handle, Instant, HandlePurged, None) \
    X(FreeCallbackBegin, "free_callback_begin", "virFreeCallback", nullptr, Handle, Begin, None, FreeCallback)                \
    X(FreeCallbackEnd, "free_callback_end", "virFreeCallback", nullptr, Handle, End, None, None)                      \
    X(MakePollFDs, "make_poll_fds", "virEventPollMakePollFDs", nullptr, LoopPhase, Instant, PhaseStep, None)               \
    X(CalculateTimeout, "calculate_timeout", "virEventPollCalculateTimeout", nullptr, LoopPhase, Instant, PhaseStep, None) \
    X(PollBegin, "poll_begin", "poll", "event_poll_run", LoopPhase, Begin, None, PollWait)                                \
    X(PollEnd, "poll_end", "poll", nullptr, LoopPhase, End, None, None)                                               \
    X(PollRetry, "poll_retry", "virEventPollRunOnce", nullptr, LoopPhase, Instant, PhaseStep, None)                        \
    X(DispatchTimeouts, "dispatch_timeouts", "virEventPollDispatchTimeouts", nullptr, LoopPhase, Instant, PhaseStep, None) \
    X(DispatchTimeoutBegin, "dispatch_timeout_begin", "virEventPollDispatchTimeouts", "event_poll_dispatch_timeout", Timer, Begin, TimerFire, TimerCallback) \
    X(DispatchTimeoutEnd, "dispatch_timeout_end", "virEventPollDispatchTimeouts", nullptr, Timer, End, None, None)    \
    X(DispatchHandles, "dispatch_handles", "virEventPollDispatchHandles", nullptr, LoopPhase, Instant, PhaseStep, None)    \
    X(DispatchHandleBegin, "dispatch_handle_begin", "virEventPollDispatchHandles", "event_poll_dispatch_handle", Handle, Begin, None, HandleCallback) \
    X(DispatchHandleEnd, "dispatch_handle_end", "virEventPollDispatchHandles", nullptr, Handle, End, None, None)      \
    X(DispatchSkipDeleted, "dispatch_skip_deleted", "virEventPollDispatchHandles", nullptr, Handle, Instant, DispatchSkipped, None) \
    X(DispatchStopped, "dispatch_stopped", "virEventPollDispatchHandles", nullptr, Handle, Instant, DispatchSkipped, None)       \
    X(Interrupt, "interrupt", "virEventPollInterruptLocked", nullptr, Wakeup, Instant, WakeupWrite, None)                    \
    X(HandleWakeup, "handle_wakeup", "virEventPollHandleWakeup", nullptr, Wakeup, Instant, WakeupDrain, None)               \
    X(LoopPaused, "loop_paused", "virEventPollRunOnce", nullptr, Control, Instant, LoopPaused, None)                       \
    X(LoopResumed, "loop_resumed", "virEventPollRunOnce", nullptr, Control, Instant, LoopResumed, None)                     \
    /* The daemon: start-up, listeners, accept (libvirtd.c). */                                          \
    X(ServerInit, "server_init", "qemudInitialize", nullptr, Server, Instant, ServerStep, None)                             \
    X(SignalSetup, "signal_setup", "daemonSetupSignals", nullptr, Server, Instant, ServerStep, None)                        \
    X(ListenUnix, "listen_unix", "qemudListenUnix", nullptr, Server, Instant, ServerStep, None)                             \
    X(ListenTcp, "listen_tcp", "remoteListenTCP", nullptr, Server, Instant, ServerStep, None)                               \
    X(TlsInit, "tls_init", "remoteInitializeGnuTLS", nullptr, Server, Instant, ServerStep, None)          \
    X(NetworkInit, "network_init", "qemudNetworkInit", nullptr, Server, Instant, ServerStep, None)                          \
    X(StartEventLoop, "start_event_loop", "qemudStartEventLoop", nullptr, Server, Instant, ServerStep, None)                \
    X(RunLoopBegin, "run_loop_begin", "qemudRunLoop", nullptr, Server, Begin, None, RunLoop)                             \
    X(RunLoopEnd, "run_loop_end", "qemudRunLoop", nullptr, Server, End, None, None)                                   \
    X(NetworkEnable, "network_enable", "qemudNetworkEnable", nullptr, Server, Instant, ServerStep, None)                    \
    X(DispatchServerEvent, "dispatch_server_event", "qemudDispatchServerEvent", nullptr, Server, Instant, ServerStep, None)  \
    X(Accept, "accept", "qemudDispatchServer", nullptr, Server, Instant, Accept, None)                                  \
    X(AcceptAgain, "accept_again", "qemudDispatchServer", nullptr, Server, Instant, ServerStep, None)                       \
    X(AcceptFailed, "accept_failed", "qemudDispatchServer", nullptr, Server, Instant, AcceptFailed, None)                     \
    X(AcceptResumed, "accept_resumed", "qemudDispatchServer", nullptr, Server, Instant, ServerStep, None)                   \
    X(ClientRejected, "client_rejected", "qemudDispatchServer", nullptr, Server, Instant, AcceptFailed, None)                  \
    X(TlsHandshakeStart, "tls_handshake_start", "qemudDispatchServer", nullptr, Client, Instant, ClientStep, None) \
    X(RegisterClientEvent, "register_client_event", "qemudRegisterClientEvent", nullptr, Client, Instant, ClientStep, None) \
    X(CalculateHandleMode, "calculate_handle_mode", "qemudCalculateHandleMode", nullptr, Client, Instant, ClientStep, None) \
    X(DispatchSignalEvent, "dispatch_signal_event", "qemudDispatchSignalEvent", nullptr, Server, Instant, ServerStep, None)  \
    X(InactiveTimer, "inactive_timer", "qemudInactiveTimer", nullptr, Server, Instant, ServerStep, None)                    \
    X(ServerCleanup, "server_cleanup", "qemudCleanup", nullptr, Server, Instant, ServerStep, None)                          \
    /* The daemon: per-client I/O on the loop thread. */                                                  \
    X(DispatchClientEvent, "dispatch_client_event", "qemudDispatchClientEvent", nullptr, Client, Instant, ClientStep, None) \
    X(ClientRead, "client_read", "qemudDispatchClientRead", nullptr, Client, Instant, ClientRead, None)                     \
    X(MessageReceived, "message_received", "qemudDispatchClientRead", nullptr, Client, Instant, ClientRead, None)           \
    X(ClientThrottled, "client_throttled", "qemudDispatchClientRead", nullptr, Client, Instant, ClientThrottled, None)           \
    X(ClientWrite, "client_write", "qemudDispatchClientWrite", nullptr, Client, Instant, ClientWrite, None)                  \
    X(MessageSent, "message_sent", "qemudDispatchClientWrite", nullptr, Client, Instant, ClientWrite, None)                  \
    X(ClientUnthrottled, "client_unthrottled", "qemudClientMessageRelease", nullptr, Client, Instant, ClientUnthrottled, None)     \
    X(UpdateClientEvent, "update_client_event", "qemudUpdateClientEvent", nullptr, Client, Instant, ClientStep, None)       \
    X(ClientHandshake, "client_handshake", "qemudDispatchClientHandshake", nullptr, Client, Instant, ClientStep, None) \
    X(CheckCertificate, "check_certificate", "remoteCheckCertificate", "client_tls_allow", Client, Instant, ClientStep, None) \
    X(HandshakeTimeout, "handshake_timeout", "qemudDispatchClientHandshake", nullptr, Client, Instant, ClientStep, None) \
    X(ClientFailure, "client_failure", "qemudDispatchClientFailure", nullptr, Client, Instant, ClientFailure, None)            \
    X(FreeClient, "free_client", "qemudFreeClient", nullptr, Client, Instant, ClientFreed, None)                             \
    X(KeepaliveReceived, "keepalive_received", "virKeepAliveCheckMessage", nullptr, Client, Instant, ClientStep, None)      \
    X(KeepaliveTimer, "keepalive_timer", "virKeepAliveTimer", nullptr, Client, Instant, ClientStep, None)                   \
    /* The daemon: workers. */                                                                            \
    X(WorkerStart, "worker_start", "qemudStartWorker", nullptr, Worker, Instant, WorkerStarted, None)                          \
    X(WorkerStop, "worker_stop", "qemudRunLoop", nullptr, Worker, Instant, WorkerStopped, None)                             \
    X(WorkerJobBegin, "worker_job_begin", "qemudWorker", nullptr, Worker, Begin, None, WorkerJob)                          \
    X(WorkerJobEnd, "worker_job_end", "qemudWorker", nullptr, Worker, End, None, None)                                \
    X(RemoteDispatchBegin, "remote_dispatch_begin", "remoteDispatchClientRequest", nullptr, Worker, Begin, None, RemoteDispatch) \
    X(RemoteDispatchEnd, "remote_dispatch_end", "remoteDispatchClientRequest", nullptr, Worker, End, None, None)      \
    X(ReplyQueued, "reply_queued", "remoteDispatchClientRequest", nullptr, Worker, Instant, ReplyQueued, None)               \
    /* Scripted clients and narration, outside the daemon. */                                             \
    X(ClientAction, "client_action", "client", nullptr, Control, Instant, ClientAction, None)                                 \
    X(Note, "note", "note", nullptr, Control, Instant, Note, None)                                         \
    /* pollscope's step control, not libvirt: its wakeups and its slow-motion waits. */                  \
    X(ControlWakeup, "control_wakeup", "StepControl", nullptr, Control, Instant, ControlWakeup, None)       \
    X(SlowMotionBegin, "slow_motion_begin", "StepControl", nullptr, Control, Begin, None, SlowMotion)       \
    X(SlowMotionEnd, "slow_motion_end", "StepControl", nullptr, Control, End, None, None)

enum class EventKind : uint8_t {
#define POLLSCOPE_KIND_ENUM(Enum, name, function, probe, family, shape, mark, span) Enum,
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
};

const EventKindInfo &eventKindInfo(EventKind kind);
std::optional<EventKind> eventKindFromName(std::string_view name);
const char *eventFamilyName(EventFamily family);

} // namespace pollscope
