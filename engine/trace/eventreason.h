// Why a step turned out as it did: the typed outcome a trace event carries beside
// its numbers. The engine records a reason; viewers word it (and translate it), and
// exporters write its code and its English sentence. No sentence for a learner is
// built in the engine.
#pragma once

#include "eventkind.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pollscope {

struct TraceEvent;

#define POLLSCOPE_EVENT_REASONS(X)                                                   \
    X(None)                                                                          \
    /* virEventPoll */                                                               \
    X(WakeupPipeFailed)                                                              \
    X(IgnoringInvalidUpdateWatch)                                                    \
    X(IgnoringInvalidRemoveWatch)                                                    \
    X(IgnoringInvalidUpdateTimer)                                                    \
    X(IgnoringInvalidRemoveTimer)                                                    \
    X(NoSuchWatch)                                                                   \
    X(NoSuchLiveWatch)                                                               \
    X(NoSuchTimer)                                                                   \
    X(NoSuchLiveTimer)                                                               \
    X(PollFailed)                                                                    \
    X(InterruptFromLoopThread)                                                       \
    X(InterruptLoopNotRunning)                                                       \
    X(InterruptWriteFailed)                                                          \
    X(WakeupPipeEmpty)                                                               \
    /* Step control: where the loop is held */                                       \
    X(HeldAtIterationStart)                                                          \
    X(HeldBeforePoll)                                                                \
    X(HeldAfterPoll)                                                                 \
    X(HeldBeforeTimeoutDispatch)                                                     \
    X(HeldBeforeHandleDispatch)                                                      \
    /* The daemon: start-up, listeners, accept, signals */                           \
    X(SignalsHandled)                                                                \
    X(SignalsNotHandled)                                                             \
    X(ReadOnlySocket)                                                                \
    X(ReadWriteSocket)                                                               \
    X(TcpLoopback)                                                                   \
    X(TcpNotLoopback)                                                                \
    X(ListenSocketFailed)                                                            \
    X(ListenPathNotSocket)                                                           \
    X(ListenBindFailed)                                                              \
    X(ListenChmodFailed)                                                             \
    X(ListenListenFailed)                                                            \
    X(ListenAddressFailed)                                                           \
    X(ListenerFound)                                                                 \
    X(NoListenerForWatch)                                                            \
    X(NothingToAccept)                                                               \
    X(AcceptFailed)                                                                  \
    X(AcceptFailedRetrying)                                                          \
    X(TooManyClients)                                                                \
    X(AcceptedUnix)                                                                  \
    X(AcceptedTcp)                                                                   \
    X(SignalPipeShortRead)                                                           \
    X(ShutdownRequested)                                                             \
    X(SighupReload)                                                                  \
    X(SignalIgnored)                                                                 \
    X(MoreWorkersThanClients)                                                        \
    X(LoopOnCallerThread)                                                            \
    /* The daemon: one client */                                                     \
    X(NoClientForWatch)                                                              \
    X(ClientAlreadyFailed)                                                           \
    X(ReadingLengthWord)                                                             \
    X(ReadingBody)                                                                   \
    X(SocketBufferFull)                                                              \
    X(ModeReadable)                                                                  \
    X(ModeReadableAndWritable)                                                       \
    X(ModeNotPolled)                                                                 \
    X(ModeWritableOnly)                                                              \
    X(ReplyClosesConnection)                                                         \
    X(KeepalivePingAnswered)                                                         \
    X(KeepalivePongReceived)                                                         \
    X(KeepaliveStarted)                                                              \
    X(KeepalivePingSent)                                                             \
    X(KeepaliveUnknown)                                                              \
    X(KeepaliveDead)                                                                 \
    /* Why a client's connection is closed */                                        \
    X(PeerHungUp)                                                                    \
    X(PeerHungUpMidMessage)                                                          \
    X(SocketError)                                                                   \
    X(SocketErrorMidMessage)                                                         \
    X(ReadFailed)                                                                    \
    X(PeerClosed)                                                                    \
    X(EndOfFileMidMessage)                                                           \
    X(MessageTooSmall)                                                               \
    X(MessageTooLarge)                                                               \
    X(HeaderUndecodable)                                                             \
    X(WriteFailed)                                                                   \
    X(ClosedAfterConnectClose)                                                       \
    X(KeepaliveTimeout)                                                              \
    X(DaemonShuttingDown)                                                            \
    /* TLS: libvirtd's TLS listener and handshake */                                 \
    X(TlsSocket)                                                               \
    X(TlsNotLoopback)                                                          \
    X(TlsCredentialsFailed)                                                    \
    X(TlsCredentialsVerified)                                                  \
    X(TlsCredentialsNotEnforced)                                               \
    X(TlsSessionFailed)                                                        \
    X(HandshakeDone)                                                           \
    X(HandshakeWantsRead)                                                      \
    X(HandshakeWantsWrite)                                                     \
    X(HandshakeFailed)                                                         \
    X(HandshakeTimedOut)                                                       \
    X(CertificateAccepted)                                                     \
    X(CertificateRefusedIgnored)                                               \
    X(CertificateRefused)                                                      \
    X(DataQueuedBeforeAccessCheck)                                             \
    X(ModeHandshakeReading)                                                    \
    X(ModeHandshakeWriting)                                                    \
    X(ReadingDecrypted)                                                        \
    X(TlsConfirmationSent)                                                     \
    X(TlsReceiveFailed)                                                        \
    X(TlsReceiveFailedMidMessage)                                              \
    X(TlsSendFailed)                                                           \
    X(PeerEndedTlsSession)                                                     \
    /* Scripted clients: what a scenario's step does */                              \
    X(ClientStopsReading)                                                      \
    X(ClientSleeps)                                                            \
    X(ClientRepeats)                                                           \
    X(ClientRestoresFdLimit)                                                   \
    X(ClientLowersFdLimit)                                                     \
    X(Narration)                                                               \
    X(ClientConnects)                                                          \
    X(ClientCalls)                                                             \
    X(ClientCallsWithoutWaiting)                                               \
    X(ClientSendsPing)                                                         \
    X(ClientSendsBytes)                                                        \
    X(ClientWritesPieces)                                                      \
    X(ClientReadsReplies)                                                      \
    X(ClientHangsUp)                                                           \
    X(ClientHangsUpMidMessage)                                                 \
    X(ClientResets)                                                            \
    X(ClientResetsMidMessage)                                                  \
    X(ClientWaitsFor)                                                          \
    X(ClientExpectsClose)                                                      \
    X(CommandNotInstalled)                                                     \
    X(ClientRunsCommand)                                                       \
    X(CommandExited)                                                           \
    X(QuestionSkipped)                                                         \
    X(QuestionNotAnswered)                                                     \
    X(QuestionAnsweredRight)                                                   \
    X(QuestionAnsweredWrong)                                                     \
    /* libvirtd 9 logs: lines kept as notes, and the steps only 9 has */         \
    X(LogLineKept)                                                             \
    X(LogLineNotParsed)                                                        \
    X(ProbeNotKnown)                                                           \
    X(KeepaliveCreated)                                                        \
    X(KeepaliveStopped)                                                        \
    X(KeepaliveDisposed)                                                       \
    X(ServicesReenabled)                                                       \
    X(ServicesSuspended)                                                       \
    /* Scripted clients and the event messages the daemon pushes */            \
    X(ClientWaitsForEvent)                                                     \
    X(ClientReceivesEvent)

enum class EventReason : uint8_t {
#define POLLSCOPE_REASON_ENUM(Enum) Enum,
    POLLSCOPE_EVENT_REASONS(POLLSCOPE_REASON_ENUM)
#undef POLLSCOPE_REASON_ENUM
    Count
};

static_assert(size_t(EventReason::Count) <= 256, "a reason is stored in one byte");

struct EventReasonInfo
{
    const char *code;    // stable snake_case code written in exported traces
    const char *english; // the sentence; {field} stands for that field's value, {text} for the event's name
};

const EventReasonInfo &eventReasonInfo(EventReason reason);
std::optional<EventReason> eventReasonFromCode(std::string_view code);

// How a timeline draws an event: its kind's mark, unless its reason says the step
// did not happen as usual (an interrupt that wrote nothing is drawn apart).
EventMark eventMark(const TraceEvent &event);

// The event's reason as an English sentence, its placeholders filled from the
// event: what exports write beside the code, and what `pollscope check` prints.
std::string englishReason(const TraceEvent &event);

// Everything an event says in words, in English: its reason, else its text.
// Scenario conditions such as `text_contains` match against this.
std::string englishMessage(const TraceEvent &event);

} // namespace pollscope
