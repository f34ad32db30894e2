#include "eventreason.h"

#include "eventpoll/eventhandle.h"
#include "rpc/messageheader.h"
#include "rpc/remoteprocedures.h"
#include "traceevent.h"

#include <array>
#include <utility>
#include <cstring>
#include <string.h>

// Marks a sentence for the translators: lupdate reads it as QT_TRANSLATE_NOOP
// (ui/CMakeLists.txt gives it the alias), the engine keeps the English.
#define POLLSCOPE_TRANSLATE_NOOP(context, text) text

namespace pollscope {

namespace {

struct ReasonEntry
{
    EventReason reason;
    EventReasonInfo info;
};

// In the enum's order; a static_assert below keeps it so. The placeholders are the
// field names of docs/trace-format.md.
constexpr std::array<ReasonEntry, size_t(EventReason::Count)> kReasons = {{
    {EventReason::None, {"", ""}},
    {EventReason::WakeupPipeFailed,
     {"wakeup_pipe_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Unable to setup wakeup pipe: {errno}")}},
    {EventReason::IgnoringInvalidUpdateWatch,
     {"invalid_update_watch", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Ignoring invalid update watch {watch}")}},
    {EventReason::IgnoringInvalidRemoveWatch,
     {"invalid_remove_watch", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Ignoring invalid remove watch {watch}")}},
    {EventReason::IgnoringInvalidUpdateTimer,
     {"invalid_update_timer", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Ignoring invalid update timer {timer}")}},
    {EventReason::IgnoringInvalidRemoveTimer,
     {"invalid_remove_timer", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Ignoring invalid remove timer {timer}")}},
    {EventReason::NoSuchWatch,
     {"no_such_watch", POLLSCOPE_TRANSLATE_NOOP("EventReason", "no such watch: ignored")}},
    {EventReason::NoSuchLiveWatch,
     {"no_such_live_watch", POLLSCOPE_TRANSLATE_NOOP("EventReason", "no such watch, or already deleted")}},
    {EventReason::NoSuchTimer,
     {"no_such_timer", POLLSCOPE_TRANSLATE_NOOP("EventReason", "no such timer: ignored")}},
    {EventReason::NoSuchLiveTimer,
     {"no_such_live_timer", POLLSCOPE_TRANSLATE_NOOP("EventReason", "no such timer, or already deleted")}},
    {EventReason::PollFailed,
     {"poll_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Unable to poll on file handles: {errno}")}},
    {EventReason::InterruptFromLoopThread,
     {"interrupt_from_loop_thread",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "skipped: called from the loop thread")}},
    {EventReason::InterruptLoopNotRunning,
     {"interrupt_loop_not_running", POLLSCOPE_TRANSLATE_NOOP("EventReason", "skipped: loop not running")}},
    {EventReason::InterruptWriteFailed,
     {"interrupt_write_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "writing the wakeup pipe failed: {errno}")}},
    {EventReason::WakeupPipeEmpty,
     {"wakeup_pipe_empty", POLLSCOPE_TRANSLATE_NOOP("EventReason", "the wakeup pipe was already empty")}},
    {EventReason::HeldAtIterationStart,
     {"at_iteration_start", POLLSCOPE_TRANSLATE_NOOP("EventReason", "at the start of an iteration")}},
    {EventReason::HeldBeforePoll, {"before_poll", POLLSCOPE_TRANSLATE_NOOP("EventReason", "before poll")}},
    {EventReason::HeldAfterPoll, {"after_poll", POLLSCOPE_TRANSLATE_NOOP("EventReason", "after poll")}},
    {EventReason::HeldBeforeTimeoutDispatch,
     {"before_timeout_dispatch", POLLSCOPE_TRANSLATE_NOOP("EventReason", "before timer {timer} fires")}},
    {EventReason::HeldBeforeHandleDispatch,
     {"before_handle_dispatch", POLLSCOPE_TRANSLATE_NOOP("EventReason", "before watch {watch} is dispatched")}},
    {EventReason::SignalsHandled,
     {"signals_handled",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "SIGINT, SIGTERM, SIGQUIT and SIGHUP write to the signal pipe")}},
    {EventReason::SignalsNotHandled,
     {"signals_not_handled",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "signal pipe ready; shutdown requests arrive through it")}},
    {EventReason::ReadOnlySocket,
     {"read_only_socket", POLLSCOPE_TRANSLATE_NOOP("EventReason", "read-only socket {text}, backlog 30")}},
    {EventReason::ReadWriteSocket,
     {"read_write_socket", POLLSCOPE_TRANSLATE_NOOP("EventReason", "read-write socket {text}, backlog 30")}},
    {EventReason::TcpLoopback,
     {"tcp_loopback", POLLSCOPE_TRANSLATE_NOOP("EventReason", "TCP socket {text}, backlog 30")}},
    {EventReason::TcpNotLoopback,
     {"tcp_not_loopback",
      POLLSCOPE_TRANSLATE_NOOP("EventReason",
                               "TCP socket {text}, backlog 30, not loopback: reachable from other machines")}},
    {EventReason::ListenSocketFailed,
     {"socket_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Failed to create socket for {text}: {errno}")}},
    {EventReason::ListenPathNotSocket,
     {"path_not_socket", POLLSCOPE_TRANSLATE_NOOP("EventReason", "{text} exists and is not a socket")}},
    {EventReason::ListenBindFailed,
     {"bind_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Failed to bind socket to {text}: {errno}")}},
    {EventReason::ListenChmodFailed,
     {"chmod_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Failed to set the mode of {text}: {errno}")}},
    {EventReason::ListenListenFailed,
     {"listen_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Failed to listen on {text}: {errno}")}},
    {EventReason::ListenAddressFailed,
     {"address_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Cannot listen on {text}")}},
    {EventReason::ListenerFound,
     {"listener_found",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "found listener {text} in the socket list after {result} comparisons")}},
    {EventReason::NoListenerForWatch,
     {"no_listener_for_watch", POLLSCOPE_TRANSLATE_NOOP("EventReason", "no listening socket has this watch")}},
    {EventReason::NothingToAccept,
     {"nothing_to_accept", POLLSCOPE_TRANSLATE_NOOP("EventReason", "nothing to accept (another wakeup took it)")}},
    {EventReason::AcceptFailed,
     {"accept_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "Failed to accept connection: {errno}")}},
    {EventReason::AcceptFailedRetrying,
     {"accept_failed_retrying",
      POLLSCOPE_TRANSLATE_NOOP("EventReason",
                               "Failed to accept connection: {errno}; listener paused, retrying in {frequency} ms")}},
    {EventReason::TooManyClients,
     {"too_many_clients",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "Too many active clients ({clients}), dropping connection from {text}")}},
    {EventReason::AcceptedUnix,
     {"accepted_unix",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "accepted {text}; a receive buffer of 4 bytes waits for the length word")}},
    {EventReason::AcceptedTcp,
     {"accepted_tcp",
      POLLSCOPE_TRANSLATE_NOOP("EventReason",
                               "accepted {text}, TCP_NODELAY set; a receive buffer of 4 bytes waits for the length "
                               "word")}},
    {EventReason::SignalPipeShortRead,
     {"signal_pipe_short_read", POLLSCOPE_TRANSLATE_NOOP("EventReason", "short read of siginfo from the signal pipe")}},
    {EventReason::ShutdownRequested,
     {"shutdown_requested",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "{signal}: the event thread quits after this iteration")}},
    {EventReason::SighupReload,
     {"sighup_reload", POLLSCOPE_TRANSLATE_NOOP("EventReason", "SIGHUP: reload (nothing to reload here)")}},
    {EventReason::SignalIgnored, {"signal_ignored", POLLSCOPE_TRANSLATE_NOOP("EventReason", "{signal} ignored")}},
    {EventReason::MoreWorkersThanClients,
     {"more_workers_than_clients",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "{text} stopped: more workers than clients")}},
    {EventReason::LoopOnCallerThread,
     {"loop_on_caller_thread",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "qemudRunLoop runs on the caller's thread, one iteration per call")}},
    {EventReason::NoClientForWatch,
     {"no_client_for_watch", POLLSCOPE_TRANSLATE_NOOP("EventReason", "no client has this watch any more")}},
    {EventReason::ClientAlreadyFailed,
     {"client_already_failed",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "the client has already failed: nothing to do")}},
    {EventReason::ReadingLengthWord,
     {"reading_length_word", POLLSCOPE_TRANSLATE_NOOP("EventReason", "read {bytes} bytes of the length word")}},
    {EventReason::ReadingBody,
     {"reading_body",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "read {bytes} bytes of a message of {length} bytes")}},
    {EventReason::SocketBufferFull,
     {"socket_buffer_full",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "the socket buffer is full: the rest waits for POLLOUT")}},
    {EventReason::ModeReadable,
     {"mode_readable", POLLSCOPE_TRANSLATE_NOOP("EventReason", "receive buffer ready, nothing to send: {events}")}},
    {EventReason::ModeReadableAndWritable,
     {"mode_readable_writable",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "receive buffer ready, {tx} replies queued: {events}")}},
    {EventReason::ModeNotPolled,
     {"mode_not_polled",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "throttled and nothing to send: not polled at all")}},
    {EventReason::ModeWritableOnly,
     {"mode_writable_only", POLLSCOPE_TRANSLATE_NOOP("EventReason", "throttled, {tx} replies queued: {events}")}},
    {EventReason::ReplyClosesConnection,
     {"reply_closes_connection",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "reply queued; the connection closes once it is written")}},
    {EventReason::KeepalivePingAnswered,
     {"keepalive_ping_answered",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "PING: answered with a PONG by the loop thread, no worker involved")}},
    {EventReason::KeepalivePongReceived,
     {"keepalive_pong_received",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "PONG: the peer answered our PING")}},
    {EventReason::KeepaliveStarted,
     {"keepalive_started", POLLSCOPE_TRANSLATE_NOOP("EventReason", "keepalive started: the client asked for it")}},
    {EventReason::KeepalivePingSent,
     {"keepalive_ping_sent",
      POLLSCOPE_TRANSLATE_NOOP("EventReason",
                               "idle for an interval: PING sent; {result} more silent intervals before the "
                               "connection is declared dead")}},
    {EventReason::KeepaliveUnknown,
     {"keepalive_unknown", POLLSCOPE_TRANSLATE_NOOP("EventReason", "unknown keepalive procedure: consumed")}},
    {EventReason::KeepaliveDead,
     {"keepalive_dead", POLLSCOPE_TRANSLATE_NOOP("EventReason", "no answer to any PING: the connection is dead")}},
    {EventReason::PeerHungUp,
     {"peer_hung_up", POLLSCOPE_TRANSLATE_NOOP("EventReason", "poll() reported HANGUP: the peer is gone")}},
    {EventReason::PeerHungUpMidMessage,
     {"peer_hung_up_mid_message",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "poll() reported HANGUP: the peer is gone, in the middle of a message")}},
    {EventReason::SocketError,
     {"socket_error", POLLSCOPE_TRANSLATE_NOOP("EventReason", "poll() reported ERROR on the socket")}},
    {EventReason::SocketErrorMidMessage,
     {"socket_error_mid_message",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "poll() reported ERROR on the socket, in the middle of a message")}},
    {EventReason::ReadFailed, {"read_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "read failed: {errno}")}},
    {EventReason::PeerClosed,
     {"peer_closed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "end of file: the peer closed the connection")}},
    {EventReason::EndOfFileMidMessage,
     {"eof_mid_message", POLLSCOPE_TRANSLATE_NOOP("EventReason", "end of file in the middle of a message")}},
    {EventReason::MessageTooSmall,
     {"message_too_small",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "message length {length} too small (minimum 4)")}},
    {EventReason::MessageTooLarge,
     {"message_too_large",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "message length {length} too large for max_message_length")}},
    {EventReason::HeaderUndecodable,
     {"header_undecodable", POLLSCOPE_TRANSLATE_NOOP("EventReason", "cannot decode the message header: {text}")}},
    {EventReason::WriteFailed, {"write_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "write failed: {errno}")}},
    {EventReason::ClosedAfterConnectClose,
     {"closed_after_connect_close",
      POLLSCOPE_TRANSLATE_NOOP("EventReason", "closed after the reply to CONNECT_CLOSE")}},
    {EventReason::KeepaliveTimeout,
     {"keepalive_timeout", POLLSCOPE_TRANSLATE_NOOP("EventReason", "connection closed due to keepalive timeout")}},
    {EventReason::DaemonShuttingDown,
     {"daemon_shutting_down", POLLSCOPE_TRANSLATE_NOOP("EventReason", "the daemon is shutting down")}},
    {EventReason::TlsSocket, {"tls_socket", POLLSCOPE_TRANSLATE_NOOP("EventReason", "TLS socket {text}, backlog 30")}},
    {EventReason::TlsNotLoopback, {"tls_not_loopback", POLLSCOPE_TRANSLATE_NOOP("EventReason", "TLS socket {text}, backlog 30, not loopback: reachable from other machines")}},
    {EventReason::TlsCredentialsFailed, {"tls_credentials_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "cannot load the TLS credentials: {text}")}},
    {EventReason::TlsCredentialsVerified, {"tls_credentials_verified", POLLSCOPE_TRANSLATE_NOOP("EventReason", "credentials from {text}; client certificates are verified")}},
    {EventReason::TlsCredentialsNotEnforced, {"tls_credentials_not_enforced", POLLSCOPE_TRANSLATE_NOOP("EventReason", "credentials from {text}; client certificates are not enforced")}},
    {EventReason::TlsSessionFailed, {"tls_session_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "cannot start a TLS session: {text}")}},
    {EventReason::HandshakeDone, {"handshake_done", POLLSCOPE_TRANSLATE_NOOP("EventReason", "handshake done: {text}")}},
    {EventReason::HandshakeWantsRead, {"handshake_wants_read", POLLSCOPE_TRANSLATE_NOOP("EventReason", "gnutls waits to read: the handshake goes on when the socket is READABLE")}},
    {EventReason::HandshakeWantsWrite, {"handshake_wants_write", POLLSCOPE_TRANSLATE_NOOP("EventReason", "gnutls waits to write: the handshake goes on when the socket is WRITABLE")}},
    {EventReason::HandshakeFailed, {"handshake_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "TLS handshake failed: {text}")}},
    {EventReason::HandshakeTimedOut, {"handshake_timed_out", POLLSCOPE_TRANSLATE_NOOP("EventReason", "TLS handshake not finished in time")}},
    {EventReason::CertificateAccepted, {"certificate_accepted", POLLSCOPE_TRANSLATE_NOOP("EventReason", "client certificate accepted: {text}")}},
    {EventReason::CertificateRefusedIgnored, {"certificate_refused_ignored", POLLSCOPE_TRANSLATE_NOOP("EventReason", "client certificate refused ({text}), ignored: tls_no_verify_certificate is set")}},
    {EventReason::CertificateRefused, {"certificate_refused", POLLSCOPE_TRANSLATE_NOOP("EventReason", "client certificate refused: {text}")}},
    {EventReason::DataQueuedBeforeAccessCheck, {"data_queued_before_access_check", POLLSCOPE_TRANSLATE_NOOP("EventReason", "the client had data queued to send before the access check")}},
    {EventReason::ModeHandshakeReading, {"mode_handshake_reading", POLLSCOPE_TRANSLATE_NOOP("EventReason", "TLS handshake: gnutls waits to read, so READABLE only")}},
    {EventReason::ModeHandshakeWriting, {"mode_handshake_writing", POLLSCOPE_TRANSLATE_NOOP("EventReason", "TLS handshake: gnutls waits to write, so WRITABLE only")}},
    {EventReason::ReadingDecrypted, {"reading_decrypted", POLLSCOPE_TRANSLATE_NOOP("EventReason", "read {bytes} bytes that gnutls had decrypted already, without a poll")}},
    {EventReason::TlsConfirmationSent, {"tls_confirmation_sent", POLLSCOPE_TRANSLATE_NOOP("EventReason", "TLS confirmation byte 0x01 sent: the client may now call")}},
    {EventReason::TlsReceiveFailed, {"tls_receive_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "gnutls_record_recv: {text}")}},
    {EventReason::TlsReceiveFailedMidMessage, {"tls_receive_failed_mid_message", POLLSCOPE_TRANSLATE_NOOP("EventReason", "gnutls_record_recv: {text}, in the middle of a message")}},
    {EventReason::TlsSendFailed, {"tls_send_failed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "gnutls_record_send: {text}")}},
    {EventReason::PeerEndedTlsSession, {"peer_ended_tls_session", POLLSCOPE_TRANSLATE_NOOP("EventReason", "the peer ended the TLS session")}},
    {EventReason::ClientStopsReading, {"client_stops_reading", POLLSCOPE_TRANSLATE_NOOP("EventReason", "stops reading for {timeout} ms")}},
    {EventReason::ClientSleeps, {"client_sleeps", POLLSCOPE_TRANSLATE_NOOP("EventReason", "sleeps {timeout} ms")}},
    {EventReason::ClientRepeats, {"client_repeats", POLLSCOPE_TRANSLATE_NOOP("EventReason", "repeat {result}")}},
    {EventReason::ClientRestoresFdLimit, {"client_restores_fd_limit", POLLSCOPE_TRANSLATE_NOOP("EventReason", "restores the fd limit")}},
    {EventReason::ClientLowersFdLimit, {"client_lowers_fd_limit", POLLSCOPE_TRANSLATE_NOOP("EventReason", "lowers the fd limit: {result} fds left")}},
    {EventReason::Narration, {"narration", POLLSCOPE_TRANSLATE_NOOP("EventReason", "narration")}},
    {EventReason::ClientConnects, {"client_connects", POLLSCOPE_TRANSLATE_NOOP("EventReason", "connects to {text}")}},
    {EventReason::ClientCalls, {"client_calls", POLLSCOPE_TRANSLATE_NOOP("EventReason", "calls {proc} (serial {serial})")}},
    {EventReason::ClientCallsWithoutWaiting, {"client_calls_without_waiting", POLLSCOPE_TRANSLATE_NOOP("EventReason", "calls {proc} (serial {serial}) without waiting")}},
    {EventReason::ClientSendsPing, {"client_sends_ping", POLLSCOPE_TRANSLATE_NOOP("EventReason", "sends a keepalive PING")}},
    {EventReason::ClientSendsBytes, {"client_sends_bytes", POLLSCOPE_TRANSLATE_NOOP("EventReason", "sends {bytes} bytes")}},
    {EventReason::ClientWritesPieces, {"client_writes_pieces", POLLSCOPE_TRANSLATE_NOOP("EventReason", "writes {bytes} bytes in {result} pieces, {timeout} ms apart")}},
    {EventReason::ClientReadsReplies, {"client_reads_replies", POLLSCOPE_TRANSLATE_NOOP("EventReason", "reads {result} replies")}},
    {EventReason::ClientHangsUp, {"client_hangs_up", POLLSCOPE_TRANSLATE_NOOP("EventReason", "hangs up")}},
    {EventReason::ClientHangsUpMidMessage, {"client_hangs_up_mid_message", POLLSCOPE_TRANSLATE_NOOP("EventReason", "hangs up in the middle of a message")}},
    {EventReason::ClientResets, {"client_resets", POLLSCOPE_TRANSLATE_NOOP("EventReason", "hangs up with a reset")}},
    {EventReason::ClientResetsMidMessage, {"client_resets_mid_message", POLLSCOPE_TRANSLATE_NOOP("EventReason", "hangs up with a reset in the middle of a message")}},
    {EventReason::ClientWaitsFor, {"client_waits_for", POLLSCOPE_TRANSLATE_NOOP("EventReason", "waits for {text}")}},
    {EventReason::ClientExpectsClose, {"client_expects_close", POLLSCOPE_TRANSLATE_NOOP("EventReason", "expects the daemon to close the connection")}},
    {EventReason::CommandNotInstalled, {"command_not_installed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "{text} is not installed: step skipped")}},
    {EventReason::ClientRunsCommand, {"client_runs_command", POLLSCOPE_TRANSLATE_NOOP("EventReason", "runs {text}")}},
    {EventReason::CommandExited, {"command_exited", POLLSCOPE_TRANSLATE_NOOP("EventReason", "{text} exited with {result}")}},
    {EventReason::QuestionSkipped, {"question_skipped", POLLSCOPE_TRANSLATE_NOOP("EventReason", "question skipped (no one to ask)")}},
    {EventReason::QuestionNotAnswered, {"question_not_answered", POLLSCOPE_TRANSLATE_NOOP("EventReason", "question not answered")}},
    {EventReason::QuestionAnsweredRight, {"question_answered_right", POLLSCOPE_TRANSLATE_NOOP("EventReason", "question answered: choice {result} (right)")}},
    {EventReason::QuestionAnsweredWrong, {"question_answered_wrong", POLLSCOPE_TRANSLATE_NOOP("EventReason", "question answered: choice {result} (not the right one)")}},
    {EventReason::LogLineKept, {"log_line_kept", POLLSCOPE_TRANSLATE_NOOP("EventReason", "log line with no step of its own: {text}")}},
    {EventReason::LogLineNotParsed, {"log_line_not_parsed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "not a libvirtd log line: {text}")}},
    {EventReason::ProbeNotKnown, {"probe_not_known", POLLSCOPE_TRANSLATE_NOOP("EventReason", "probe not imported: {text}")}},
    {EventReason::KeepaliveCreated, {"keepalive_created", POLLSCOPE_TRANSLATE_NOOP("EventReason", "keepalive created for the new client, not started")}},
    {EventReason::KeepaliveStopped, {"keepalive_stopped", POLLSCOPE_TRANSLATE_NOOP("EventReason", "keepalive stopped: its timer is removed")}},
    {EventReason::KeepaliveDisposed, {"keepalive_disposed", POLLSCOPE_TRANSLATE_NOOP("EventReason", "keepalive freed with its client")}},
    {EventReason::ServicesReenabled, {"services_reenabled", POLLSCOPE_TRANSLATE_NOOP("EventReason", "below the client limits: listeners accept again")}},
    {EventReason::ServicesSuspended, {"services_suspended", POLLSCOPE_TRANSLATE_NOOP("EventReason", "at a client limit: listeners stop accepting")}},
    {EventReason::ClientWaitsForEvent, {"client_waits_for_event", POLLSCOPE_TRANSLATE_NOOP("EventReason", "waits for the event message {text}")}},
    {EventReason::ClientReceivesEvent, {"client_receives_event", POLLSCOPE_TRANSLATE_NOOP("EventReason", "receives the event message {text} (callback {result})")}},
}};

constexpr bool reasonsInEnumOrder()
{
    for (size_t i = 0; i < kReasons.size(); ++i) {
        if (size_t(kReasons[i].reason) != i)
            return false;
    }
    return true;
}
static_assert(reasonsInEnumOrder(), "kReasons lists every reason once, in the enum's order");

// Reasons that change how an event is drawn.
constexpr std::array<std::pair<EventReason, EventMark>, 3> kReasonMarks = {{
    {EventReason::InterruptFromLoopThread, EventMark::InterruptSkipped},
    {EventReason::InterruptLoopNotRunning, EventMark::InterruptSkipped},
    {EventReason::InterruptWriteFailed, EventMark::InterruptSkipped},
}};

// A placeholder's value in English, or false when the event has no such field.
bool appendPlaceholder(std::string &out, const TraceEvent &event, std::string_view name)
{
    if (name == "text") {
        out += event.text ? event.text : "?";
        return true;
    }
    if (name == "events" && event.has(TraceField::Events)) {
        out += eventHandleString(event.events);
        return true;
    }
    if (name == "errno" && event.has(TraceField::Errno)) {
        out += std::strerror(event.err); // as libvirt words its messages
        return true;
    }
    if (name == "proc" && event.has(TraceField::Proc)) {
        const bool keepalive = event.has(TraceField::Prog) && event.prog == KEEPALIVE_PROGRAM;
        const char *procedure = keepalive ? (event.proc == KEEPALIVE_PROC_PING ? "PING" : "PONG")
                                          : remoteProcedureName(event.proc);
        out += procedure ? procedure : std::to_string(event.proc);
        return true;
    }
    if (name == "signal" && event.has(TraceField::Signal)) {
        const char *abbreviation = sigabbrev_np(event.signal);
        out += abbreviation ? std::string("SIG") + abbreviation : std::to_string(event.signal);
        return true;
    }
#define POLLSCOPE_PLACEHOLDER_FIELD(type, member, Flag, json)   \
    if (name == json && event.has(TraceField::Flag)) {          \
        out += std::to_string(event.member);                    \
        return true;                                            \
    }
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_PLACEHOLDER_FIELD)
#undef POLLSCOPE_PLACEHOLDER_FIELD
    return false;
}

} // namespace

const EventReasonInfo &eventReasonInfo(EventReason reason)
{
    return kReasons[size_t(reason) < kReasons.size() ? size_t(reason) : 0].info;
}

std::optional<EventReason> eventReasonFromCode(std::string_view code)
{
    for (const ReasonEntry &entry : kReasons) {
        if (code == entry.info.code)
            return entry.reason;
    }
    return std::nullopt;
}

EventMark eventMark(const TraceEvent &event)
{
    for (const auto &[reason, mark] : kReasonMarks) {
        if (event.reason == reason)
            return mark;
    }
    return eventKindInfo(event.kind).mark;
}

std::string englishReason(const TraceEvent &event)
{
    const std::string_view pattern = eventReasonInfo(event.reason).english;
    std::string out;
    size_t i = 0;
    while (i < pattern.size()) {
        const size_t open = pattern.find('{', i);
        const size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
        if (close == std::string_view::npos) {
            out += pattern.substr(i);
            break;
        }
        out += pattern.substr(i, open - i);
        if (!appendPlaceholder(out, event, pattern.substr(open + 1, close - open - 1)))
            out += '?';
        i = close + 1;
    }
    return out;
}

std::string englishMessage(const TraceEvent &event)
{
    if (event.reason != EventReason::None)
        return englishReason(event);
    return event.text ? event.text : "";
}

} // namespace pollscope
