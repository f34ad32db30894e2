#include "eventkindtexts.h"

#include <array>

namespace pollscope::ui {

namespace {

// In the enum's order, one entry per kind; the static_assert below keeps it so.
// Summaries name the event's values by placeholder (see eventkindtexts.h); the
// explanation is two to four sentences for a learner.
constexpr std::array<EventKindText, size_t(EventKind::Count)> kTexts = {{
    {EventKind::LoopInit,
     QT_TRANSLATE_NOOP("EventKindTexts", "wakeup pipe created; its read end, fd {fd}, becomes watch 1"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollInit prepares the one event loop of the process. It creates a pipe and registers its "
              "read end as the very first handle, watch 1. This self-pipe is how other threads wake the loop "
              "while it sleeps in poll(): they write a byte into it.")},
    {EventKind::AddHandle,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd} mode {events}, callback {text}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollAddHandle asks the loop to watch a file descriptor for the given events and to call "
              "the callback when they happen. The record is appended to the handles array under a new watch id, "
              "which is never reused. If the loop is sleeping in poll() on another thread, it is woken so that "
              "its next poll includes the new fd.")},
    {EventKind::UpdateHandle,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd} mode {events}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollUpdateHandle changes which events a handle waits for, for example adding WRITABLE when "
              "a reply is queued. The record is found by its watch, even if it is already marked deleted. The "
              "change only counts from the next poll set, so the loop is woken to rebuild it.")},
    {EventKind::RemoveHandle,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd} marked deleted"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollRemoveHandle does not free anything: it only marks the record deleted. The loop may be "
              "in the middle of dispatching, so the record is purged later, in a cleanup phase of the loop thread. "
              "Closing the fd is the caller's job.")},
    {EventKind::AddTimeout,
     QT_TRANSLATE_NOOP("EventKindTexts", "timer {timer} {frequency}, callback {text}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollAddTimeout registers a timer: -1 means disabled, 0 means fire on every iteration, and "
              "N means about every N milliseconds. It is appended to the timeouts array with a new id. The loop "
              "is woken so that poll's timeout takes the new timer into account.")},
    {EventKind::UpdateTimeout,
     QT_TRANSLATE_NOOP("EventKindTexts", "timer {timer} now {frequency}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollUpdateTimeout changes a timer's frequency and always restarts its period from now, "
              "even if the frequency stays the same. Setting -1 disables the timer without removing it. The loop "
              "is woken to recompute how long poll may sleep.")},
    {EventKind::RemoveTimeout,
     QT_TRANSLATE_NOOP("EventKindTexts", "timer {timer} marked deleted"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollRemoveTimeout only marks the timer deleted; a cleanup phase of the loop purges it "
              "later. A deleted timer is skipped by dispatch, so removing a timer from another timer's callback is "
              "safe.")},
    {EventKind::RunOnceBegin,
     QT_TRANSLATE_NOOP("EventKindTexts", "iteration {iteration} begins: {handles} handles, {timeouts} timeouts"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollRunOnce is one turn of the loop. Under the loop lock it sets running and records this "
              "thread as the leader, in the same critical section that builds the poll set. That is why no change "
              "is lost: one made earlier is in the set, one made later sees running and writes the wakeup pipe.")},
    {EventKind::RunOnceEnd,
     QT_TRANSLATE_NOOP("EventKindTexts", "iteration {iteration} ends: {handles} handles, {timeouts} timeouts"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The iteration is over: timers and ready handles were dispatched and deleted records purged. "
              "running goes back to 0, so an API call from another thread no longer needs to wake anybody. The "
              "caller, qemudRunLoop, calls RunOnce again right away.")},
    {EventKind::RunOnceError,
     QT_TRANSLATE_NOOP("EventKindTexts", "iteration {iteration} failed: {reason}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "poll() failed with something other than EINTR, so the iteration gives up and returns -1. As in "
              "libvirt, running stays set on this path, which only costs a spurious wakeup later.")},
    {EventKind::CleanupTimeouts,
     QT_TRANSLATE_NOOP("EventKindTexts", "looking for deleted timeouts among {timeouts}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollCleanupTimeouts walks the timeouts array and purges the records marked deleted. "
              "It runs at the start of every iteration and again after dispatch, always on the loop thread, so "
              "no callback can be using a record while it is freed.")},
    {EventKind::CleanupHandles,
     QT_TRANSLATE_NOOP("EventKindTexts", "looking for deleted handles among {handles}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollCleanupHandles walks the handles array and purges the records marked deleted. Doing "
              "it here, on the loop thread and between dispatches, is what makes removing a handle from inside a "
              "callback safe. Afterwards the array may shrink if much of it is unused.")},
    {EventKind::PurgeTimeout,
     QT_TRANSLATE_NOOP("EventKindTexts", "timer {timer} purged ({text})"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A deleted timer is removed from the array now. If it has a free callback, that is called first, "
              "with the loop lock released. The records after it move down one slot, keeping their order.")},
    {EventKind::PurgeHandle,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd} purged ({text})"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A deleted handle is removed from the array now, its free callback (if any) being called first with "
              "the lock released. This is the only place records leave the array; the records after it move down "
              "one slot and keep their registration order.")},
    {EventKind::FreeCallbackBegin,
     QT_TRANSLATE_NOOP("EventKindTexts", "free callback of {owner} runs"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The free callback given at registration is called so its owner can release the opaque data. It "
              "runs only here, on the loop thread and with the loop lock released, so it may call the loop's API "
              "without deadlocking.")},
    {EventKind::FreeCallbackEnd,
     QT_TRANSLATE_NOOP("EventKindTexts", "free callback of {owner} returned"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The free callback has returned. The loop takes its lock back and finishes removing the record from "
              "the array.")},
    {EventKind::MakePollFDs,
     QT_TRANSLATE_NOOP("EventKindTexts", "{nfds} of {handles} handles go into the poll set"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollMakePollFDs builds the array poll() will wait on: one pollfd per handle that is not "
              "deleted and asks for at least one event, in array order. A handle whose events are 0 stays "
              "registered but is simply not watched.")},
    {EventKind::CalculateTimeout,
     QT_TRANSLATE_NOOP("EventKindTexts", "{pollWait}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollCalculateTimeout finds the enabled timer that expires first and turns it into poll's "
              "timeout in milliseconds. With no enabled timer the timeout is -1 and poll may sleep until an fd is "
              "ready; with a timer already due it is 0.")},
    {EventKind::PollBegin,
     QT_TRANSLATE_NOOP("EventKindTexts", "poll({nfds} fds, {timeout})"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The loop releases its lock and sleeps in poll() until one of the fds is ready or the timeout "
              "expires. While it sleeps, other threads may still change handles and timers: they write the wakeup "
              "pipe so the sleep ends and the changes are picked up.")},
    {EventKind::PollEnd,
     QT_TRANSLATE_NOOP("EventKindTexts", "{pollResult}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "poll() has returned: its result is the number of fds with events, 0 on timeout, or -1 on error. "
              "The kernel wrote the returned events (revents) of each fd into the poll set, which dispatch now "
              "reads.")},
    {EventKind::PollRetry,
     QT_TRANSLATE_NOOP("EventKindTexts", "poll interrupted by {errno}: retried with the same timeout"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "poll() was interrupted by a signal (EINTR) before anything happened. libvirt simply calls it again "
              "with the same fds and the same timeout, without recomputing it.")},
    {EventKind::DispatchTimeouts,
     QT_TRANSLATE_NOOP("EventKindTexts", "checking {timeouts} timeouts for expiry"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollDispatchTimeouts runs on every iteration, even when poll timed out. It fires each "
              "enabled timer whose expiry is due, allowing 20 ms early so the loop does not wake for tiny sleeps. "
              "Timers added by these callbacks wait for the next iteration.")},
    {EventKind::DispatchTimeoutBegin,
     QT_TRANSLATE_NOOP("EventKindTexts", "timer {timer} fires: {text}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A timer is due, so its callback is called, with the loop lock released. Its next expiry was set "
              "just before, to now plus its frequency: missed periods are dropped, not caught up.")},
    {EventKind::DispatchTimeoutEnd,
     QT_TRANSLATE_NOOP("EventKindTexts", "timer {timer} callback returned"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The timer callback has returned and the loop takes its lock back. It re-reads the timeouts array, "
              "because the callback may have added timers and so moved the array in memory.")},
    {EventKind::DispatchHandles,
     QT_TRANSLATE_NOOP("EventKindTexts", "matching {nfds} polled fds to their handles"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollDispatchHandles pairs each entry of the poll set with its handle record, walking both "
              "in order by fd. It only runs when poll returned something. Handles added meanwhile sit after the "
              "polled ones and wait for the next iteration.")},
    {EventKind::DispatchHandleBegin,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd} ready {revents}: {text}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "poll reported events on this fd, so the handle's callback is called with the watch, the fd and the "
              "events converted back to VIR_EVENT_HANDLE bits. The loop lock is released during the call, so the "
              "callback may add, update or remove handles itself.")},
    {EventKind::DispatchHandleEnd,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd} callback returned"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The handle callback has returned and the loop takes its lock back to continue the walk over the "
              "poll set. The callback may have changed the arrays meanwhile, so the walk reads the records again "
              "rather than trusting what it saw before.")},
    {EventKind::DispatchSkipDeleted,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd} ready {revents} but deleted: skipped"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "poll reported events on this fd, but its handle was removed after the poll set was built, perhaps "
              "by an earlier callback in this same pass. A deleted handle is never called back, so the events are "
              "ignored and the record waits to be purged.")},
    {EventKind::DispatchStopped,
     QT_TRANSLATE_NOOP("EventKindTexts", "no handle left for fd {fd}: {nfds} polled fds wait for the next iteration"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "Dispatch found no record left that matches this polled fd, for instance because its events were "
              "set to 0 during the poll. libvirt then stops dispatching for this iteration. poll is "
              "level-triggered, so the other ready fds simply fire again on the next turn.")},
    {EventKind::Interrupt,
     QT_TRANSLATE_NOOP("EventKindTexts", "wrote one byte to the wakeup pipe"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollInterruptLocked wakes a loop that sleeps in poll() by writing one byte into the wakeup "
              "pipe. It writes nothing when the loop is not running, or when the caller is the loop thread itself, "
              "because then the poll set is rebuilt before the next poll anyway.")},
    {EventKind::HandleWakeup,
     QT_TRANSLATE_NOOP("EventKindTexts", "drained one byte from the wakeup pipe"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "virEventPollHandleWakeup is the callback of watch 1, the wakeup pipe. It reads exactly one byte; "
              "its only purpose was to end the poll, so the loop can rebuild the poll set with the latest changes. "
              "If several bytes are pending, the loop runs several short iterations.")},
    {EventKind::LoopPaused,
     QT_TRANSLATE_NOOP("EventKindTexts", "loop held {reason}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "pollscope's step control is holding the loop at this point, so you can look at the state before "
              "the next phase runs. This is not part of libvirt: it only stops time for the learner.")},
    {EventKind::LoopResumed,
     QT_TRANSLATE_NOOP("EventKindTexts", "loop released {reason}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The step control let the loop go on from where it was held. Everything continues exactly as libvirt "
              "would have done without the pause.")},
    {EventKind::ServerInit,
     QT_TRANSLATE_NOOP("EventKindTexts", "registering the poll event loop (virEventRegisterDefaultImpl)"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudInitialize creates the server and calls virEventRegisterDefaultImpl, which runs "
              "virEventPollInit and installs the six poll functions as the process's event implementation. From "
              "now on every virEventAddHandle goes to this one global loop.")},
    {EventKind::SignalSetup,
     QT_TRANSLATE_NOOP("EventKindTexts", "signal pipe fd {fd} watched as watch {watch}: {reason}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "daemonSetupSignals makes a pipe and installs handlers that write each received signal into it. The "
              "read end is added to the loop like any other fd. This way signals are handled safely by the loop "
              "thread instead of inside a signal handler.")},
    {EventKind::ListenUnix,
     QT_TRANSLATE_NOOP("EventKindTexts", "listening on {text}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudListenUnix creates a UNIX socket, binds it to its path with the configured permissions and "
              "calls listen(). The socket is put on the server's socket list, but it is not in the event loop "
              "yet.")},
    {EventKind::ListenTcp,
     QT_TRANSLATE_NOOP("EventKindTexts", "listening on {text}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "remoteListenTCP creates a TCP listening socket for the given address and port, sets SO_REUSEADDR "
              "and calls listen(). Like the UNIX sockets, it only joins the server's socket list for now.")},
    {EventKind::TlsInit,
     QT_TRANSLATE_NOOP("EventKindTexts", "TLS credentials loaded: {result} CA certificates"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "remoteInitializeGnuTLS loads the daemon's X.509 credentials before the first TLS listener is made: "
              "the CA certificate that client certificates must chain to, and the server's certificate and key. A "
              "missing file stops the daemon before it listens anywhere.")},
    {EventKind::NetworkInit,
     QT_TRANSLATE_NOOP("EventKindTexts", "{result} listening sockets created; none is polled yet"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudNetworkInit creates all the listening sockets. None of them is registered with the event loop "
              "yet: that waits for qemudNetworkEnable, once the loop thread is running.")},
    {EventKind::StartEventLoop,
     QT_TRANSLATE_NOOP("EventKindTexts", "pthread_create(qemudRunLoop): the event thread starts polling"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudStartEventLoop starts the event thread, whose body is qemudRunLoop. From now on one thread "
              "calls virEventPollRunOnce over and over, while the main thread carries on with start-up.")},
    {EventKind::RunLoopBegin,
     QT_TRANSLATE_NOOP("EventKindTexts", "the event thread enters its loop with {workers} workers"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudRunLoop is the event thread's body: it starts the worker threads, then runs one loop iteration "
              "after another until a shutdown is requested. After each iteration it reaps closed clients and stops "
              "surplus workers.")},
    {EventKind::RunLoopEnd,
     QT_TRANSLATE_NOOP("EventKindTexts", "the event thread leaves its loop: {clients} clients, {workers} workers left"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The event thread leaves qemudRunLoop because a shutdown was requested. It asks every worker to "
              "quit, waits for them, and frees the remaining clients.")},
    {EventKind::NetworkEnable,
     QT_TRANSLATE_NOOP("EventKindTexts", "listener {text} polled as watch {watch} fd {fd}, mode {events}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudNetworkEnable registers each listening socket with the loop: virEventAddHandle with READABLE, "
              "ERROR and HANGUP and the callback qemudDispatchServerEvent. Only now can connections be accepted. "
              "All listeners share that one callback, with the server as its opaque data.")},
    {EventKind::DispatchServerEvent,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd} ready {events}: {reason}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudDispatchServerEvent is the callback of every listening socket. It only receives the watch, "
              "the fd, the events and the server, because the server (not the socket) was passed as opaque, so it "
              "searches the server's socket list for the socket with this watch. The watch is the key; the fd "
              "comparison is a consistency check before qemudDispatchServer accepts.")},
    {EventKind::Accept,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} on fd {fd} ({clients} connected): {reason}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudDispatchServer accepted a new connection on a listening socket. It sets the new fd "
              "non-blocking and close-on-exec, creates the client with a 4-byte receive buffer for the length "
              "word, and registers it with the loop.")},
    {EventKind::AcceptAgain,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd}: nothing accepted"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "accept() found nothing to accept (EAGAIN): another wakeup already took the connection, or the "
              "client gave up. Nothing is wrong; the listener stays in the poll set.")},
    {EventKind::AcceptFailed,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd}: accept failed: {errno}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "accept() failed, for instance because the process ran out of file descriptors. The listening socket "
              "stays readable, so without care the loop would try again and fail on every iteration.")},
    {EventKind::AcceptResumed,
     QT_TRANSLATE_NOOP("EventKindTexts", "timer {timer} fired: listener watch {watch} back in the poll set, accept is tried again"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "After a failed accept, the listener was left out of the poll set for a while. Its retry timer has "
              "fired, so the listener is polled again and accept is retried.")},
    {EventKind::ClientRejected,
     QT_TRANSLATE_NOOP("EventKindTexts", "watch {watch} fd {fd}: connection from {text} rejected"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The connection was accepted but the daemon already has max_clients clients, so it is closed at "
              "once. The check can only happen after accept(), because the listening socket does not know who is "
              "calling.")},
    {EventKind::TlsHandshakeStart,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} fd {fd}: TLS handshake started"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A client of the TLS listener: qemudDispatchServer creates its gnutls session and calls "
              "gnutls_handshake at once. It can rarely finish now, so it returns GNUTLS_E_AGAIN and the client is "
              "registered in handshake mode, polled only in the direction gnutls waits for.")},
    {EventKind::RegisterClientEvent,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} registered: watch {watch} fd {fd} mode {events}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudRegisterClientEvent adds the new client's socket to the loop with qemudDispatchClientEvent as "
              "its callback. The events come from qemudCalculateHandleMode: READABLE while a receive buffer exists, "
              "WRITABLE while something waits to be sent.")},
    {EventKind::CalculateHandleMode,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} mode {events}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudCalculateHandleMode decides what the loop should watch on a client socket. READABLE is asked "
              "for while the client has a receive buffer, WRITABLE while its transmit queue is not empty. ERROR and "
              "HANGUP are never asked for: poll reports them anyway. During a TLS handshake only the direction "
              "gnutls waits for counts: READABLE alone or WRITABLE alone.")},
    {EventKind::DispatchSignalEvent,
     QT_TRANSLATE_NOOP("EventKindTexts", "{signal} read from the signal pipe"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudDispatchSignalEvent is the callback of the signal pipe. It reads one signal record: SIGHUP "
              "reloads, SIGINT, SIGQUIT and SIGTERM ask the event thread to quit after this iteration.")},
    {EventKind::InactiveTimer,
     QT_TRANSLATE_NOOP("EventKindTexts", "timer {timer}: no client for the whole timeout, the daemon quits"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudInactiveTimer fires when the daemon has had no client for the whole --timeout period. If "
              "nothing is active it asks the event thread to quit; otherwise it disables itself again.")},
    {EventKind::ServerCleanup,
     QT_TRANSLATE_NOOP("EventKindTexts", "signal pipe closed; {result} listening sockets removed, closed and unlinked"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudCleanup runs as the daemon exits: it closes the signal pipe and removes, closes and unlinks "
              "the listening sockets. By then the event thread has ended, so nothing polls these fds any more.")},
    {EventKind::DispatchClientEvent,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} watch {watch} fd {fd} ready {events}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudDispatchClientEvent is the callback of every client socket. Like the server callback, it gets "
              "the server as opaque and finds the client by searching for its watch. Then it writes first if "
              "WRITABLE, reads if READABLE, and handles ERROR or HANGUP as a failure.")},
    {EventKind::ClientRead,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} read {bytes} bytes"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudDispatchClientRead reads what the socket has into the client's receive buffer. A message "
              "starts with a 4-byte length word that counts itself; once it is in, the buffer grows to the whole "
              "message and reading continues at once.")},
    {EventKind::MessageReceived,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: {proc} {msgType} serial {serial} queued for a worker ({nrequests} in flight)"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A whole message is in. It goes onto the client's dispatch queue, nrequests goes up by one and a "
              "worker is signalled to handle it. The loop thread never runs the request itself, so it is free to "
              "serve other clients.")},
    {EventKind::ClientThrottled,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: {nrequests} requests in flight reach max_client_requests: no receive buffer, so READABLE leaves the mode"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The client has max_client_requests requests in flight, so no new receive buffer is given. Without "
              "one, READABLE leaves the handle's events and the loop stops reading from this client until a reply "
              "has gone out.")},
    {EventKind::ClientWrite,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} wrote {bytes} of {length} bytes"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudDispatchClientWrite sends from the head of the transmit queue. If the socket cannot take "
              "everything, the rest waits for the next WRITABLE event.")},
    {EventKind::MessageSent,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: {proc} {msgType} serial {serial} sent, {tx} more queued"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A whole message has been sent and leaves the transmit queue. Its buffer is released, which may give "
              "a throttled client its receive buffer back.")},
    {EventKind::ClientUnthrottled,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: below max_client_requests again ({nrequests} in flight): READABLE comes back"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudClientMessageRelease saw the client drop below max_client_requests, so the sent message's "
              "buffer becomes the new receive buffer. READABLE comes back into the handle's events.")},
    {EventKind::UpdateClientEvent,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} watch {watch} mode {events}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudUpdateClientEvent recomputes the client's mode and calls virEventUpdateHandle. Called from a "
              "worker, it wakes the loop through the wakeup pipe, which is how a reply queued by a worker gets its "
              "WRITABLE in the next poll.")},
    {EventKind::ClientHandshake,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: TLS handshake step"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudDispatchClientHandshake calls gnutls_handshake again each time the socket is ready. While it "
              "returns GNUTLS_E_AGAIN, gnutls_record_get_direction says whether it waits to read or to write, and the "
              "handle mode flips between READABLE and WRITABLE to match. When it returns 0 the certificate is "
              "checked; any other result drops the client.")},
    {EventKind::CheckCertificate,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: certificate checked"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "remoteCheckCertificate verifies the client's certificate against the CA, reads its distinguished "
              "name and checks its dates. If it fails the client is dropped, unless tls_no_verify_certificate is "
              "set. If it passes, one byte 0x01 is queued inside TLS to tell the client it may start calling.")},
    {EventKind::HandshakeTimeout,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: no TLS handshake within {frequency} ms"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The TLS handshake did not finish in time, so the client is dropped. libvirt 0.9 has no such "
              "deadline: a peer that stops half-way through the handshake keeps its client slot for ever. The "
              "replica's limit is a setting (--tls-handshake-timeout).")},
    {EventKind::ClientFailure,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} connection closed"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudDispatchClientFailure closes a client: it removes the handle (only marked deleted in the loop) "
              "and closes the fd. It may run several times; only the first does anything. The client object itself "
              "is freed later, when no worker uses it.")},
    {EventKind::FreeClient,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} freed, {clients} clients left"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "qemudFreeClient reaps a closed client after a loop iteration, once no worker holds a reference to "
              "it. Its queues are freed and it leaves the server's client list.")},
    {EventKind::KeepaliveReceived,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: keepalive {proc}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A keepalive message arrived. Any traffic shows the peer is alive; a PING is answered with a PONG "
              "directly by the loop thread, and keepalive messages never reach a worker.")},
    {EventKind::KeepaliveTimer,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: keepalive timer {timer}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The keepalive timer of a client fires after an interval without any traffic from it. Then a PING "
              "is sent; after too many unanswered ones the connection is declared dead and closed. It is an "
              "ordinary loop timer, dispatched like any other.")},
    {EventKind::WorkerStart,
     QT_TRANSLATE_NOOP("EventKindTexts", "{text} started: {workers} workers, {clients} clients"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A worker thread starts. Workers wait on the server's job condition and take requests from the "
              "clients' dispatch queues, so slow calls never block the event loop.")},
    {EventKind::WorkerStop,
     QT_TRANSLATE_NOOP("EventKindTexts", "{text} stopped: {workers} workers, {clients} clients"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A worker thread is stopped because there are more workers than clients. The event thread asks it to "
              "quit and waits for it.")},
    {EventKind::WorkerJobBegin,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: {proc} serial {serial} taken by this worker"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A worker found a client with a queued request and takes it, holding a reference so the client "
              "cannot be freed meanwhile. The request now runs on this worker thread, not on the loop thread.")},
    {EventKind::WorkerJobEnd,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: {proc} serial {serial} done"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The worker has finished the request and dropped its reference on the client. It goes back to "
              "waiting on the job condition for the next queued request.")},
    {EventKind::RemoteDispatchBegin,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: {proc} {msgType} serial {serial} dispatched to the driver"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "remoteDispatchClientRequest checks the program, version and type of the message, looks up the "
              "procedure and decodes its arguments. It then calls the driver with the client lock released.")},
    {EventKind::RemoteDispatchEnd,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: {text}, status {status}, {bytes}-byte reply"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The procedure has run. Its result, or an error, is encoded into the same message buffer, which "
              "becomes the reply.")},
    {EventKind::ReplyQueued,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: reply to serial {serial} queued, {tx} on tx"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The reply is pushed onto the client's transmit queue and qemudUpdateClientEvent asks for WRITABLE. "
              "Because this runs on a worker while the loop sleeps in poll(), the wakeup pipe is written, so the "
              "loop wakes up and sends the reply.")},
    {EventKind::ClientAction,
     QT_TRANSLATE_NOOP("EventKindTexts", "step {step}: {text}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A scripted client, outside the daemon, did something: connected, sent a request, or hung up. The "
              "daemon's reaction follows in the loop's events.")},
    {EventKind::Note,
     QT_TRANSLATE_NOOP("EventKindTexts", "narration: {text}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "A note in the narration of the scenario. It explains what happens next; the daemon does not see "
              "it.")},
    {EventKind::GLibIterationBegin,
     QT_TRANSLATE_NOOP("EventKindTexts", "GLib main loop iteration begins"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "libvirtd 9: virEventRunDefaultImpl runs one g_main_context_iteration. GLib polls every source at "
              "once and dispatches the ready ones; libvirt no longer builds its own poll set as "
              "virEventPollRunOnce did in 0.9. The log has no line for the end of an iteration: it ends where "
              "the next one begins.")},
    {EventKind::GLibIterationEnd,
     QT_TRANSLATE_NOOP("EventKindTexts", "GLib main loop iteration ends"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "libvirtd 9: the iteration ended at the latest here, where the event thread logged its next step. "
              "The log has no line of its own for the moment g_main_context_iteration returns.")},
    {EventKind::SocketNew,
     QT_TRANSLATE_NOOP("EventKindTexts", "socket fd {fd} created, {text}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "libvirtd 9: virNetSocketNew wraps an fd in a socket object, for a listener at start-up or for a "
              "client that was just accepted. In 0.9 the daemon kept bare fds in its own structs.")},
    {EventKind::SocketDispose,
     QT_TRANSLATE_NOOP("EventKindTexts", "socket fd {fd} freed"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "libvirtd 9: the last reference to a socket object is dropped and its fd is closed. This happens "
              "after the GLib source of its watch is gone.")},
    {EventKind::ServiceLimits,
     QT_TRANSLATE_NOOP("EventKindTexts", "{clients} clients: {reason}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "libvirtd 9: virNetServerCheckLimits compares the number of clients with max_clients and "
              "max_anonymous_clients after every accept and close, and turns the listeners' watches on or off. "
              "0.9 only counted clients against a fixed maximum inside the accept.")},
    {EventKind::ClientClose,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client} closed"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "libvirtd 9: virNetServerClientClose stops the client's keepalive, removes its socket watch and "
              "closes the socket. The client object lives on until its last reference is dropped.")},
    {EventKind::KeepaliveState,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: {reason}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "libvirtd 9: each client gets a keepalive object when it connects. It starts sending PINGs only "
              "once the client asks for keepalive, with a timer on the event loop.")},
    {EventKind::JobQueued,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: message handed to the worker pool"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "libvirtd 9: virNetServerDispatchNewMessage gives the message to a virThreadPool as a job. A call "
              "of high priority may go to a prio-rpc-worker. In 0.9 the message went onto the client's dx queue "
              "and a worker was signalled.")},
    {EventKind::WorkerTakesJob,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: a worker takes the message"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "libvirtd 9: virNetServerHandleJob runs on a worker thread of the pool, outside the event loop. The "
              "log shows when the job starts, not when it ends.")},
    {EventKind::ProgramDispatch,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: {proc}, serial {serial}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "libvirtd 9: virNetServerProgramDispatch finds the procedure in the program's table and calls it, "
              "the step remoteDispatchClientRequest did in 0.9. The reply is queued from this worker.")},
    {EventKind::EventCallbackRegistered,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: registered event callback {result} ({text})"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The client asked for domain events of one kind. The driver gives the callback an id, and from now "
              "on every such event is also queued on this client's transmit queue. The first registration adds "
              "the driver's event timer to the loop.")},
    {EventKind::EventCallbackDeregistered,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: deregistered event callback {result}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The client no longer wants these events, or it is gone. When the last callback of all goes, so "
              "does the driver's event timer.")},
    {EventKind::DomainEventQueued,
     QT_TRANSLATE_NOOP("EventKindTexts", "domain event queued: {text}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The call changed a domain's state, and the driver queued a lifecycle event. It is not sent from "
              "here: the worker sets the driver's event timer to fire at once, which writes the wakeup pipe, and "
              "the loop thread relays the event to every registered client.")},
    {EventKind::EventMessageQueued,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: event for callback {result} queued, {tx} on tx"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The event timer fired on the loop thread and relayed the event to this client. A MESSAGE it never "
              "asked for (serial 1, no reply expected) is pushed onto its transmit queue, and its handle asks for "
              "WRITABLE.")},
    {EventKind::EventMessageSent,
     QT_TRANSLATE_NOOP("EventKindTexts", "client {client}: event for callback {result} sent"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The whole event message was written to the client's socket. It is the end of the push path that "
              "started with another client's call.")},
    {EventKind::ControlWakeup,
     QT_TRANSLATE_NOOP("EventKindTexts", "pollscope's step control woke the loop to hold it"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "You asked pollscope to pause or step while the loop slept in poll(). To reach a place where it can "
              "hold the loop, pollscope wrote a byte into the wakeup pipe. libvirtd never does this: the poll "
              "return and the wakeup drain that follow belong to pollscope, not to any client or worker.")},
    {EventKind::SlowMotionBegin,
     QT_TRANSLATE_NOOP("EventKindTexts", "slow motion: loop held {reason}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "In slow motion pollscope holds the loop briefly at each phase boundary outside the callbacks, so "
              "that you can follow it. The loop time axis leaves this wait out.")},
    {EventKind::SlowMotionEnd,
     QT_TRANSLATE_NOOP("EventKindTexts", "slow motion: loop goes on {reason}"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The slow-motion wait is over and the loop goes on exactly as libvirt would have done. Clients and "
              "workers went on meanwhile, so poll() may now find more ready.")},
    {EventKind::QuestionHeld,
     QT_TRANSLATE_NOOP("EventKindTexts", "question: the step it is about waits for your answer"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "The scenario asks you to predict the next step before it happens. pollscope holds the thread that "
              "was about to take that step, just before it is recorded, until you have answered. The loop time "
              "axis leaves this wait out.")},
    {EventKind::QuestionReleased,
     QT_TRANSLATE_NOOP("EventKindTexts", "question answered: the step goes on"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "You answered, and the held thread takes the step the question was about: it is the next event "
              "of that thread. Everything else went on meanwhile as libvirt would have done.")},
    {EventKind::TraceLost,
     QT_TRANSLATE_NOOP("EventKindTexts", "{length} events of this thread lost: the trace buffer was full"),
     QT_TRANSLATE_NOOP("EventKindTexts",
              "Not a step of libvirt: pollscope's trace buffer has a fixed size, and the writer fell behind the "
              "threads recording. With the drop policy their events were let go instead of slowing the daemon "
              "down. This many steps of this thread happened between its previous event and this one and are "
              "not in the trace; the checker does not hold the steps around a gap to its rules.")},
}};

constexpr bool textsInEnumOrder()
{
    for (size_t i = 0; i < kTexts.size(); ++i) {
        if (size_t(kTexts[i].kind) != i || !kTexts[i].summary || !kTexts[i].explanation)
            return false;
    }
    return true;
}
static_assert(textsInEnumOrder(), "kTexts has every kind once, in the enum's order, each with both texts");

} // namespace

const EventKindText &EventKindTexts::entry(EventKind kind)
{
    return kTexts[size_t(kind) < kTexts.size() ? size_t(kind) : 0];
}

QString EventKindTexts::summaryTemplate(EventKind kind)
{
    return tr(entry(kind).summary);
}

QString EventKindTexts::explanation(EventKind kind)
{
    return tr(entry(kind).explanation);
}

} // namespace pollscope::ui
