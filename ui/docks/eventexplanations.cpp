#include "eventexplanations.h"

namespace pollscope::ui {

QString EventExplanations::explanation(EventKind kind)
{
    switch (kind) {
    case EventKind::LoopInit:
        return tr("virEventPollInit prepares the one event loop of the process. It creates a pipe and registers its "
                  "read end as the very first handle, watch 1. This self-pipe is how other threads wake the loop "
                  "while it sleeps in poll(): they write a byte into it.");
    case EventKind::AddHandle:
        return tr("virEventPollAddHandle asks the loop to watch a file descriptor for the given events and to call "
                  "the callback when they happen. The record is appended to the handles array under a new watch id, "
                  "which is never reused. If the loop is sleeping in poll() on another thread, it is woken so that "
                  "its next poll includes the new fd.");
    case EventKind::UpdateHandle:
        return tr("virEventPollUpdateHandle changes which events a handle waits for, for example adding WRITABLE when "
                  "a reply is queued. The record is found by its watch, even if it is already marked deleted. The "
                  "change only counts from the next poll set, so the loop is woken to rebuild it.");
    case EventKind::RemoveHandle:
        return tr("virEventPollRemoveHandle does not free anything: it only marks the record deleted. The loop may be "
                  "in the middle of dispatching, so the record is purged later, in a cleanup phase of the loop thread. "
                  "Closing the fd is the caller's job.");
    case EventKind::AddTimeout:
        return tr("virEventPollAddTimeout registers a timer: -1 means disabled, 0 means fire on every iteration, and "
                  "N means about every N milliseconds. It is appended to the timeouts array with a new id. The loop "
                  "is woken so that poll's timeout takes the new timer into account.");
    case EventKind::UpdateTimeout:
        return tr("virEventPollUpdateTimeout changes a timer's frequency and always restarts its period from now, "
                  "even if the frequency stays the same. Setting -1 disables the timer without removing it. The loop "
                  "is woken to recompute how long poll may sleep.");
    case EventKind::RemoveTimeout:
        return tr("virEventPollRemoveTimeout only marks the timer deleted; a cleanup phase of the loop purges it "
                  "later. A deleted timer is skipped by dispatch, so removing a timer from another timer's callback is "
                  "safe.");
    case EventKind::RunOnceBegin:
        return tr("virEventPollRunOnce is one turn of the loop. Under the loop lock it sets running and records this "
                  "thread as the leader, in the same critical section that builds the poll set. That is why no change "
                  "is lost: one made earlier is in the set, one made later sees running and writes the wakeup pipe.");
    case EventKind::RunOnceEnd:
        return tr("The iteration is over: timers and ready handles were dispatched and deleted records purged. "
                  "running goes back to 0, so an API call from another thread no longer needs to wake anybody. The "
                  "caller, qemudRunLoop, calls RunOnce again right away.");
    case EventKind::RunOnceError:
        return tr("poll() failed with something other than EINTR, so the iteration gives up and returns -1. As in "
                  "libvirt, running stays set on this path, which only costs a spurious wakeup later.");
    case EventKind::CleanupTimeouts:
        return tr("virEventPollCleanupTimeouts walks the timeouts array and purges the records marked deleted. "
                  "It runs at the start of every iteration and again after dispatch, always on the loop thread, so "
                  "no callback can be using a record while it is freed.");
    case EventKind::CleanupHandles:
        return tr("virEventPollCleanupHandles walks the handles array and purges the records marked deleted. Doing "
                  "it here, on the loop thread and between dispatches, is what makes removing a handle from inside a "
                  "callback safe. Afterwards the array may shrink if much of it is unused.");
    case EventKind::PurgeTimeout:
        return tr("A deleted timer is removed from the array now. If it has a free callback, that is called first, "
                  "with the loop lock released. The records after it move down one slot, keeping their order.");
    case EventKind::PurgeHandle:
        return tr("A deleted handle is removed from the array now, its free callback (if any) being called first with "
                  "the lock released. This is the only place records leave the array; the records after it move down "
                  "one slot and keep their registration order.");
    case EventKind::FreeCallbackBegin:
        return tr("The free callback given at registration is called so its owner can release the opaque data. It "
                  "runs only here, on the loop thread and with the loop lock released, so it may call the loop's API "
                  "without deadlocking.");
    case EventKind::FreeCallbackEnd:
        return tr("The free callback has returned. The loop takes its lock back and finishes removing the record from "
                  "the array.");
    case EventKind::MakePollFDs:
        return tr("virEventPollMakePollFDs builds the array poll() will wait on: one pollfd per handle that is not "
                  "deleted and asks for at least one event, in array order. A handle whose events are 0 stays "
                  "registered but is simply not watched.");
    case EventKind::CalculateTimeout:
        return tr("virEventPollCalculateTimeout finds the enabled timer that expires first and turns it into poll's "
                  "timeout in milliseconds. With no enabled timer the timeout is -1 and poll may sleep until an fd is "
                  "ready; with a timer already due it is 0.");
    case EventKind::PollBegin:
        return tr("The loop releases its lock and sleeps in poll() until one of the fds is ready or the timeout "
                  "expires. While it sleeps, other threads may still change handles and timers: they write the wakeup "
                  "pipe so the sleep ends and the changes are picked up.");
    case EventKind::PollEnd:
        return tr("poll() has returned: its result is the number of fds with events, 0 on timeout, or -1 on error. "
                  "The kernel wrote the returned events (revents) of each fd into the poll set, which dispatch now "
                  "reads.");
    case EventKind::PollRetry:
        return tr("poll() was interrupted by a signal (EINTR) before anything happened. libvirt simply calls it again "
                  "with the same fds and the same timeout, without recomputing it.");
    case EventKind::DispatchTimeouts:
        return tr("virEventPollDispatchTimeouts runs on every iteration, even when poll timed out. It fires each "
                  "enabled timer whose expiry is due, allowing 20 ms early so the loop does not wake for tiny sleeps. "
                  "Timers added by these callbacks wait for the next iteration.");
    case EventKind::DispatchTimeoutBegin:
        return tr("A timer is due, so its callback is called, with the loop lock released. Its next expiry was set "
                  "just before, to now plus its frequency: missed periods are dropped, not caught up.");
    case EventKind::DispatchTimeoutEnd:
        return tr("The timer callback has returned and the loop takes its lock back. It re-reads the timeouts array, "
                  "because the callback may have added timers and so moved the array in memory.");
    case EventKind::DispatchHandles:
        return tr("virEventPollDispatchHandles pairs each entry of the poll set with its handle record, walking both "
                  "in order by fd. It only runs when poll returned something. Handles added meanwhile sit after the "
                  "polled ones and wait for the next iteration.");
    case EventKind::DispatchHandleBegin:
        return tr("poll reported events on this fd, so the handle's callback is called with the watch, the fd and the "
                  "events converted back to VIR_EVENT_HANDLE bits. The loop lock is released during the call, so the "
                  "callback may add, update or remove handles itself.");
    case EventKind::DispatchHandleEnd:
        return tr("The handle callback has returned and the loop takes its lock back to continue the walk over the "
                  "poll set. The callback may have changed the arrays meanwhile, so the walk reads the records again "
                  "rather than trusting what it saw before.");
    case EventKind::DispatchSkipDeleted:
        return tr("poll reported events on this fd, but its handle was removed after the poll set was built, perhaps "
                  "by an earlier callback in this same pass. A deleted handle is never called back, so the events are "
                  "ignored and the record waits to be purged.");
    case EventKind::DispatchStopped:
        return tr("Dispatch found no record left that matches this polled fd, for instance because its events were "
                  "set to 0 during the poll. libvirt then stops dispatching for this iteration. poll is "
                  "level-triggered, so the other ready fds simply fire again on the next turn.");
    case EventKind::Interrupt:
        return tr("virEventPollInterruptLocked wakes a loop that sleeps in poll() by writing one byte into the wakeup "
                  "pipe. It writes nothing when the loop is not running, or when the caller is the loop thread itself, "
                  "because then the poll set is rebuilt before the next poll anyway.");
    case EventKind::HandleWakeup:
        return tr("virEventPollHandleWakeup is the callback of watch 1, the wakeup pipe. It reads exactly one byte; "
                  "its only purpose was to end the poll, so the loop can rebuild the poll set with the latest changes. "
                  "If several bytes are pending, the loop runs several short iterations.");
    case EventKind::LoopPaused:
        return tr("pollscope's step control is holding the loop at this point, so you can look at the state before "
                  "the next phase runs. This is not part of libvirt: it only stops time for the learner.");
    case EventKind::LoopResumed:
        return tr("The step control let the loop go on from where it was held. Everything continues exactly as libvirt "
                  "would have done without the pause.");
    case EventKind::ServerInit:
        return tr("qemudInitialize creates the server and calls virEventRegisterDefaultImpl, which runs "
                  "virEventPollInit and installs the six poll functions as the process's event implementation. From "
                  "now on every virEventAddHandle goes to this one global loop.");
    case EventKind::SignalSetup:
        return tr("daemonSetupSignals makes a pipe and installs handlers that write each received signal into it. The "
                  "read end is added to the loop like any other fd. This way signals are handled safely by the loop "
                  "thread instead of inside a signal handler.");
    case EventKind::ListenUnix:
        return tr("qemudListenUnix creates a UNIX socket, binds it to its path with the configured permissions and "
                  "calls listen(). The socket is put on the server's socket list, but it is not in the event loop "
                  "yet.");
    case EventKind::ListenTcp:
        return tr("remoteListenTCP creates a TCP listening socket for the given address and port, sets SO_REUSEADDR "
                  "and calls listen(). Like the UNIX sockets, it only joins the server's socket list for now.");
    case EventKind::TlsInit:
        return tr("remoteInitializeGnuTLS loads the daemon's X.509 credentials before the first TLS listener is made: "
                  "the CA certificate that client certificates must chain to, and the server's certificate and key. A "
                  "missing file stops the daemon before it listens anywhere.");
    case EventKind::NetworkInit:
        return tr("qemudNetworkInit creates all the listening sockets. None of them is registered with the event loop "
                  "yet: that waits for qemudNetworkEnable, once the loop thread is running.");
    case EventKind::StartEventLoop:
        return tr("qemudStartEventLoop starts the event thread, whose body is qemudRunLoop. From now on one thread "
                  "calls virEventPollRunOnce over and over, while the main thread carries on with start-up.");
    case EventKind::RunLoopBegin:
        return tr("qemudRunLoop is the event thread's body: it starts the worker threads, then runs one loop iteration "
                  "after another until a shutdown is requested. After each iteration it reaps closed clients and stops "
                  "surplus workers.");
    case EventKind::RunLoopEnd:
        return tr("The event thread leaves qemudRunLoop because a shutdown was requested. It asks every worker to "
                  "quit, waits for them, and frees the remaining clients.");
    case EventKind::NetworkEnable:
        return tr("qemudNetworkEnable registers each listening socket with the loop: virEventAddHandle with READABLE, "
                  "ERROR and HANGUP and the callback qemudDispatchServerEvent. Only now can connections be accepted. "
                  "All listeners share that one callback, with the server as its opaque data.");
    case EventKind::DispatchServerEvent:
        return tr("qemudDispatchServerEvent is the callback of every listening socket. It only receives the watch, "
                  "the fd, the events and the server, because the server (not the socket) was passed as opaque, so it "
                  "searches the server's socket list for the socket with this watch. The watch is the key; the fd "
                  "comparison is a consistency check before qemudDispatchServer accepts.");
    case EventKind::Accept:
        return tr("qemudDispatchServer accepted a new connection on a listening socket. It sets the new fd "
                  "non-blocking and close-on-exec, creates the client with a 4-byte receive buffer for the length "
                  "word, and registers it with the loop.");
    case EventKind::AcceptAgain:
        return tr("accept() found nothing to accept (EAGAIN): another wakeup already took the connection, or the "
                  "client gave up. Nothing is wrong; the listener stays in the poll set.");
    case EventKind::AcceptFailed:
        return tr("accept() failed, for instance because the process ran out of file descriptors. The listening socket "
                  "stays readable, so without care the loop would try again and fail on every iteration.");
    case EventKind::AcceptResumed:
        return tr("After a failed accept, the listener was left out of the poll set for a while. Its retry timer has "
                  "fired, so the listener is polled again and accept is retried.");
    case EventKind::ClientRejected:
        return tr("The connection was accepted but the daemon already has max_clients clients, so it is closed at "
                  "once. The check can only happen after accept(), because the listening socket does not know who is "
                  "calling.");
    case EventKind::TlsHandshakeStart:
        return tr("A client of the TLS listener: qemudDispatchServer creates its gnutls session and calls "
                  "gnutls_handshake at once. It can rarely finish now, so it returns GNUTLS_E_AGAIN and the client is "
                  "registered in handshake mode, polled only in the direction gnutls waits for.");
    case EventKind::RegisterClientEvent:
        return tr("qemudRegisterClientEvent adds the new client's socket to the loop with qemudDispatchClientEvent as "
                  "its callback. The events come from qemudCalculateHandleMode: READABLE while a receive buffer exists, "
                  "WRITABLE while something waits to be sent.");
    case EventKind::CalculateHandleMode:
        return tr("qemudCalculateHandleMode decides what the loop should watch on a client socket. READABLE is asked "
                  "for while the client has a receive buffer, WRITABLE while its transmit queue is not empty. ERROR and "
                  "HANGUP are never asked for: poll reports them anyway. During a TLS handshake only the direction "
                  "gnutls waits for counts: READABLE alone or WRITABLE alone.");
    case EventKind::DispatchSignalEvent:
        return tr("qemudDispatchSignalEvent is the callback of the signal pipe. It reads one signal record: SIGHUP "
                  "reloads, SIGINT, SIGQUIT and SIGTERM ask the event thread to quit after this iteration.");
    case EventKind::InactiveTimer:
        return tr("qemudInactiveTimer fires when the daemon has had no client for the whole --timeout period. If "
                  "nothing is active it asks the event thread to quit; otherwise it disables itself again.");
    case EventKind::ServerCleanup:
        return tr("qemudCleanup runs as the daemon exits: it closes the signal pipe and removes, closes and unlinks "
                  "the listening sockets. By then the event thread has ended, so nothing polls these fds any more.");
    case EventKind::DispatchClientEvent:
        return tr("qemudDispatchClientEvent is the callback of every client socket. Like the server callback, it gets "
                  "the server as opaque and finds the client by searching for its watch. Then it writes first if "
                  "WRITABLE, reads if READABLE, and handles ERROR or HANGUP as a failure.");
    case EventKind::ClientRead:
        return tr("qemudDispatchClientRead reads what the socket has into the client's receive buffer. A message "
                  "starts with a 4-byte length word that counts itself; once it is in, the buffer grows to the whole "
                  "message and reading continues at once.");
    case EventKind::MessageReceived:
        return tr("A whole message is in. It goes onto the client's dispatch queue, nrequests goes up by one and a "
                  "worker is signalled to handle it. The loop thread never runs the request itself, so it is free to "
                  "serve other clients.");
    case EventKind::ClientThrottled:
        return tr("The client has max_client_requests requests in flight, so no new receive buffer is given. Without "
                  "one, READABLE leaves the handle's events and the loop stops reading from this client until a reply "
                  "has gone out.");
    case EventKind::ClientWrite:
        return tr("qemudDispatchClientWrite sends from the head of the transmit queue. If the socket cannot take "
                  "everything, the rest waits for the next WRITABLE event.");
    case EventKind::MessageSent:
        return tr("A whole message has been sent and leaves the transmit queue. Its buffer is released, which may give "
                  "a throttled client its receive buffer back.");
    case EventKind::ClientUnthrottled:
        return tr("qemudClientMessageRelease saw the client drop below max_client_requests, so the sent message's "
                  "buffer becomes the new receive buffer. READABLE comes back into the handle's events.");
    case EventKind::UpdateClientEvent:
        return tr("qemudUpdateClientEvent recomputes the client's mode and calls virEventUpdateHandle. Called from a "
                  "worker, it wakes the loop through the wakeup pipe, which is how a reply queued by a worker gets its "
                  "WRITABLE in the next poll.");
    case EventKind::ClientHandshake:
        return tr("qemudDispatchClientHandshake calls gnutls_handshake again each time the socket is ready. While it "
                  "returns GNUTLS_E_AGAIN, gnutls_record_get_direction says whether it waits to read or to write, and the "
                  "handle mode flips between READABLE and WRITABLE to match. When it returns 0 the certificate is "
                  "checked; any other result drops the client.");
    case EventKind::CheckCertificate:
        return tr("remoteCheckCertificate verifies the client's certificate against the CA, reads its distinguished "
                  "name and checks its dates. If it fails the client is dropped, unless tls_no_verify_certificate is "
                  "set. If it passes, one byte 0x01 is queued inside TLS to tell the client it may start calling.");
    case EventKind::HandshakeTimeout:
        return tr("The TLS handshake did not finish in time, so the client is dropped. libvirt 0.9 has no such "
                  "deadline: a peer that stops half-way through the handshake keeps its client slot for ever. The "
                  "replica's limit is a setting (--tls-handshake-timeout).");
    case EventKind::ClientFailure:
        return tr("qemudDispatchClientFailure closes a client: it removes the handle (only marked deleted in the loop) "
                  "and closes the fd. It may run several times; only the first does anything. The client object itself "
                  "is freed later, when no worker uses it.");
    case EventKind::FreeClient:
        return tr("qemudFreeClient reaps a closed client after a loop iteration, once no worker holds a reference to "
                  "it. Its queues are freed and it leaves the server's client list.");
    case EventKind::KeepaliveReceived:
        return tr("A keepalive message arrived. Any traffic shows the peer is alive; a PING is answered with a PONG "
                  "directly by the loop thread, and keepalive messages never reach a worker.");
    case EventKind::KeepaliveTimer:
        return tr("The keepalive timer of a client fires after an interval without any traffic from it. Then a PING "
                  "is sent; after too many unanswered ones the connection is declared dead and closed. It is an "
                  "ordinary loop timer, dispatched like any other.");
    case EventKind::WorkerStart:
        return tr("A worker thread starts. Workers wait on the server's job condition and take requests from the "
                  "clients' dispatch queues, so slow calls never block the event loop.");
    case EventKind::WorkerStop:
        return tr("A worker thread is stopped because there are more workers than clients. The event thread asks it to "
                  "quit and waits for it.");
    case EventKind::WorkerJobBegin:
        return tr("A worker found a client with a queued request and takes it, holding a reference so the client "
                  "cannot be freed meanwhile. The request now runs on this worker thread, not on the loop thread.");
    case EventKind::WorkerJobEnd:
        return tr("The worker has finished the request and dropped its reference on the client. It goes back to "
                  "waiting on the job condition for the next queued request.");
    case EventKind::RemoteDispatchBegin:
        return tr("remoteDispatchClientRequest checks the program, version and type of the message, looks up the "
                  "procedure and decodes its arguments. It then calls the driver with the client lock released.");
    case EventKind::RemoteDispatchEnd:
        return tr("The procedure has run. Its result, or an error, is encoded into the same message buffer, which "
                  "becomes the reply.");
    case EventKind::ReplyQueued:
        return tr("The reply is pushed onto the client's transmit queue and qemudUpdateClientEvent asks for WRITABLE. "
                  "Because this runs on a worker while the loop sleeps in poll(), the wakeup pipe is written, so the "
                  "loop wakes up and sends the reply.");
    case EventKind::ClientAction:
        return tr("A scripted client, outside the daemon, did something: connected, sent a request, or hung up. The "
                  "daemon's reaction follows in the loop's events.");
    case EventKind::Note:
        return tr("A note in the narration of the scenario. It explains what happens next; the daemon does not see "
                  "it.");
    case EventKind::Count:
        break;
    }
    return {};
}

} // namespace pollscope::ui
