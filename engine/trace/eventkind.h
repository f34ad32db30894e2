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

// X(Enum, "kind_name", "libvirtFunction", "probe_name" or nullptr, Family, Shape)
#define POLLSCOPE_EVENT_KINDS(X)                                                                          \
    X(LoopInit, "loop_init", "virEventPollInit", nullptr, LoopPhase, Instant)                             \
    X(AddHandle, "add_handle", "virEventPollAddHandle", "event_poll_add_handle", Handle, Instant)         \
    X(UpdateHandle, "update_handle", "virEventPollUpdateHandle", "event_poll_update_handle", Handle, Instant) \
    X(RemoveHandle, "remove_handle", "virEventPollRemoveHandle", "event_poll_remove_handle", Handle, Instant) \
    X(AddTimeout, "add_timeout", "virEventPollAddTimeout", "event_poll_add_timeout", Timer, Instant)      \
    X(UpdateTimeout, "update_timeout", "virEventPollUpdateTimeout", "event_poll_update_timeout", Timer, Instant) \
    X(RemoveTimeout, "remove_timeout", "virEventPollRemoveTimeout", "event_poll_remove_timeout", Timer, Instant) \
    X(RunOnceBegin, "run_once_begin", "virEventPollRunOnce", nullptr, LoopPhase, Begin)                   \
    X(RunOnceEnd, "run_once_end", "virEventPollRunOnce", nullptr, LoopPhase, End)                         \
    X(RunOnceError, "run_once_error", "virEventPollRunOnce", nullptr, LoopPhase, Instant)                 \
    X(CleanupTimeouts, "cleanup_timeouts", "virEventPollCleanupTimeouts", nullptr, LoopPhase, Instant)    \
    X(CleanupHandles, "cleanup_handles", "virEventPollCleanupHandles", nullptr, LoopPhase, Instant)       \
    X(PurgeTimeout, "purge_timeout", "virEventPollCleanupTimeouts", "event_poll_purge_timeout", Timer, Instant) \
    X(PurgeHandle, "purge_handle", "virEventPollCleanupHandles", "event_poll_purge_handle", Handle, Instant) \
    X(FreeCallbackBegin, "free_callback_begin", "virFreeCallback", nullptr, Handle, Begin)                \
    X(FreeCallbackEnd, "free_callback_end", "virFreeCallback", nullptr, Handle, End)                      \
    X(MakePollFDs, "make_poll_fds", "virEventPollMakePollFDs", nullptr, LoopPhase, Instant)               \
    X(CalculateTimeout, "calculate_timeout", "virEventPollCalculateTimeout", nullptr, LoopPhase, Instant) \
    X(PollBegin, "poll_begin", "poll", "event_poll_run", LoopPhase, Begin)                                \
    X(PollEnd, "poll_end", "poll", nullptr, LoopPhase, End)                                               \
    X(PollRetry, "poll_retry", "virEventPollRunOnce", nullptr, LoopPhase, Instant)                        \
    X(DispatchTimeouts, "dispatch_timeouts", "virEventPollDispatchTimeouts", nullptr, LoopPhase, Instant) \
    X(DispatchTimeoutBegin, "dispatch_timeout_begin", "virEventPollDispatchTimeouts", "event_poll_dispatch_timeout", Timer, Begin) \
    X(DispatchTimeoutEnd, "dispatch_timeout_end", "virEventPollDispatchTimeouts", nullptr, Timer, End)    \
    X(DispatchHandles, "dispatch_handles", "virEventPollDispatchHandles", nullptr, LoopPhase, Instant)    \
    X(DispatchHandleBegin, "dispatch_handle_begin", "virEventPollDispatchHandles", "event_poll_dispatch_handle", Handle, Begin) \
    X(DispatchHandleEnd, "dispatch_handle_end", "virEventPollDispatchHandles", nullptr, Handle, End)      \
    X(DispatchSkipDeleted, "dispatch_skip_deleted", "virEventPollDispatchHandles", nullptr, Handle, Instant) \
    X(DispatchStopped, "dispatch_stopped", "virEventPollDispatchHandles", nullptr, Handle, Instant)       \
    X(Interrupt, "interrupt", "virEventPollInterruptLocked", nullptr, Wakeup, Instant)                    \
    X(HandleWakeup, "handle_wakeup", "virEventPollHandleWakeup", nullptr, Wakeup, Instant)               \
    X(LoopPaused, "loop_paused", "virEventPollRunOnce", nullptr, Control, Instant)                       \
    X(LoopResumed, "loop_resumed", "virEventPollRunOnce", nullptr, Control, Instant)                     \
    /* The daemon: start-up, listeners, accept (libvirtd.c). */                                          \
    X(ServerInit, "server_init", "qemudInitialize", nullptr, Server, Instant)                             \
    X(SignalSetup, "signal_setup", "daemonSetupSignals", nullptr, Server, Instant)                        \
    X(ListenUnix, "listen_unix", "qemudListenUnix", nullptr, Server, Instant)                             \
    X(ListenTcp, "listen_tcp", "remoteListenTCP", nullptr, Server, Instant)                               \
    X(TlsInit, "tls_init", "remoteInitializeGnuTLS", nullptr, Server, Instant)                            \
    X(NetworkInit, "network_init", "qemudNetworkInit", nullptr, Server, Instant)                          \
    X(StartEventLoop, "start_event_loop", "qemudStartEventLoop", nullptr, Server, Instant)                \
    X(RunLoopBegin, "run_loop_begin", "qemudRunLoop", nullptr, Server, Begin)                             \
    X(RunLoopEnd, "run_loop_end", "qemudRunLoop", nullptr, Server, End)                                   \
    X(NetworkEnable, "network_enable", "qemudNetworkEnable", nullptr, Server, Instant)                    \
    X(DispatchServerEvent, "dispatch_server_event", "qemudDispatchServerEvent", nullptr, Server, Instant)  \
    X(Accept, "accept", "qemudDispatchServer", nullptr, Server, Instant)                                  \
    X(AcceptAgain, "accept_again", "qemudDispatchServer", nullptr, Server, Instant)                       \
    X(AcceptFailed, "accept_failed", "qemudDispatchServer", nullptr, Server, Instant)                     \
    X(AcceptResumed, "accept_resumed", "qemudDispatchServer", nullptr, Server, Instant)                   \
    X(ClientRejected, "client_rejected", "qemudDispatchServer", nullptr, Server, Instant)                  \
    X(TlsHandshakeStart, "tls_handshake_start", "qemudDispatchServer", nullptr, Client, Instant)          \
    X(RegisterClientEvent, "register_client_event", "qemudRegisterClientEvent", nullptr, Client, Instant) \
    X(CalculateHandleMode, "calculate_handle_mode", "qemudCalculateHandleMode", nullptr, Client, Instant) \
    X(DispatchSignalEvent, "dispatch_signal_event", "qemudDispatchSignalEvent", nullptr, Server, Instant)  \
    X(InactiveTimer, "inactive_timer", "qemudInactiveTimer", nullptr, Server, Instant)                    \
    X(ServerCleanup, "server_cleanup", "qemudCleanup", nullptr, Server, Instant)                          \
    /* The daemon: per-client I/O on the loop thread. */                                                  \
    X(DispatchClientEvent, "dispatch_client_event", "qemudDispatchClientEvent", nullptr, Client, Instant) \
    X(ClientRead, "client_read", "qemudDispatchClientRead", nullptr, Client, Instant)                     \
    X(MessageReceived, "message_received", "qemudDispatchClientRead", nullptr, Client, Instant)           \
    X(ClientThrottled, "client_throttled", "qemudDispatchClientRead", nullptr, Client, Instant)           \
    X(ClientWrite, "client_write", "qemudDispatchClientWrite", nullptr, Client, Instant)                  \
    X(MessageSent, "message_sent", "qemudDispatchClientWrite", nullptr, Client, Instant)                  \
    X(ClientUnthrottled, "client_unthrottled", "qemudClientMessageRelease", nullptr, Client, Instant)     \
    X(UpdateClientEvent, "update_client_event", "qemudUpdateClientEvent", nullptr, Client, Instant)       \
    X(ClientHandshake, "client_handshake", "qemudDispatchClientHandshake", nullptr, Client, Instant)      \
    X(CheckCertificate, "check_certificate", "remoteCheckCertificate", "client_tls_allow", Client, Instant) \
    X(HandshakeTimeout, "handshake_timeout", "qemudDispatchClientHandshake", nullptr, Client, Instant)    \
    X(ClientFailure, "client_failure", "qemudDispatchClientFailure", nullptr, Client, Instant)            \
    X(FreeClient, "free_client", "qemudFreeClient", nullptr, Client, Instant)                             \
    X(KeepaliveReceived, "keepalive_received", "virKeepAliveCheckMessage", nullptr, Client, Instant)      \
    X(KeepaliveTimer, "keepalive_timer", "virKeepAliveTimer", nullptr, Client, Instant)                   \
    /* The daemon: workers. */                                                                            \
    X(WorkerStart, "worker_start", "qemudStartWorker", nullptr, Worker, Instant)                          \
    X(WorkerStop, "worker_stop", "qemudRunLoop", nullptr, Worker, Instant)                             \
    X(WorkerJobBegin, "worker_job_begin", "qemudWorker", nullptr, Worker, Begin)                          \
    X(WorkerJobEnd, "worker_job_end", "qemudWorker", nullptr, Worker, End)                                \
    X(RemoteDispatchBegin, "remote_dispatch_begin", "remoteDispatchClientRequest", nullptr, Worker, Begin) \
    X(RemoteDispatchEnd, "remote_dispatch_end", "remoteDispatchClientRequest", nullptr, Worker, End)      \
    X(ReplyQueued, "reply_queued", "remoteDispatchClientRequest", nullptr, Worker, Instant)               \
    /* Scripted clients and narration, outside the daemon. */                                             \
    X(ClientAction, "client_action", "client", nullptr, Control, Instant)                                 \
    X(Note, "note", "note", nullptr, Control, Instant)

enum class EventKind : uint16_t {
#define POLLSCOPE_KIND_ENUM(Enum, name, function, probe, family, shape) Enum,
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
};

const EventKindInfo &eventKindInfo(EventKind kind);
std::optional<EventKind> eventKindFromName(std::string_view name);
const char *eventFamilyName(EventFamily family);

} // namespace pollscope
