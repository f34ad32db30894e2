// The libvirtd replica (daemon/libvirtd.c of libvirt 0.9): listening sockets, the
// event thread running virEventPoll, accept, per-client reads and writes, a pool of
// worker threads answering requests from a small test hypervisor, keepalive, signals
// and shutdown. Every step is traced under the name of the libvirtd function that
// takes it.
//
// start() follows libvirtd's main(): initialise the loop (wakeup pipe, watch 1), set
// up the signal pipe (watch 2), create the listeners without polling them, start the
// event thread, then enable the listeners (qemudNetworkEnable). With
// EventThread::Caller no thread is started: the thread that calls start() becomes
// the event thread, and runs qemudRunLoop one iteration per runOnce() call.
#pragma once

#include "client.h"
#include "daemonconfig.h"
#include "eventpoll/eventpoll.h"
#include "listensocket.h"
#include "rpc/testhypervisor.h"
#include "tlscredentials.h"

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <sys/types.h>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace pollscope {

class Tracer;

// A copy of what the server holds, for tests and viewers.
struct ServerState
{
    struct ClientInfo
    {
        int id;
        int fd;
        int watch;
        bool readonly;
        bool rxPresent;
        int nrequests;
        size_t dx;
        size_t tx;
        int refs;
        std::string peer;
    };
    std::vector<ClientInfo> clients;
    int activeWorkers = 0;
    int workerSlots = 0;
    bool listenersPaused = false;
};

class Server
{
public:
    // The loop's timers read `clock`, which must outlive the server.
    Server(Tracer &tracer, DaemonConfig config, const Clock &clock = Clock::monotonic());
    ~Server();
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    // Starts the daemon; false and error() if it cannot.
    bool start();
    // EventThread::Caller only, on the thread that called start(): one pass of
    // qemudRunLoop's loop (inactivity timer, one loop iteration, reaping, shrinking the
    // pool). Once the pass leaves the loop quitting, the end of qemudRunLoop runs too
    // (workers joined, clients dropped) and this returns false, as it does from then on.
    bool runOnce();
    // Asks the event thread to quit, as SIGTERM would (through the signal pipe).
    void requestShutdown();
    // Waits for the event thread to end, then cleans up (qemudCleanup). Idempotent.
    // With EventThread::Caller it runs the remaining iterations itself. With
    // handleSignals and an event thread, the caller takes the signals while it waits
    // and passes each to the signal pipe, as libvirtd's handler does.
    void waitForShutdown();
    bool isRunning() const;

    const std::string &error() const { return m_error; }
    EventPoll &loop() { return m_loop; }
    const DaemonConfig &config() const { return m_config; }
    // Where each listener is, as clients reach it ("unix:/run/x.sock", "tcp:127.0.0.1:41234").
    std::vector<std::string> listeningAddresses() const;
    // The TCP listeners bound to an address other machines can reach, as above.
    std::vector<std::string> nonLoopbackAddresses() const;
    // The path of the first Unix listener of the given kind, or "".
    std::string unixSocketPath(bool readonly = false) const;
    // The port of the first plain TCP listener, or 0.
    int tcpPort() const;
    // The port of the first TLS listener, or 0.
    int tlsPort() const;
    ServerState state();
    // The kernel id of the event thread, for tests that wait until it blocks in poll().
    pid_t loopThreadId() const { return m_loopTid.load(); }

private:
    struct Worker
    {
        std::thread thread;
        bool hasThread = false;
        bool processingCall = false;
        bool quitRequest = false;
    };

    using ServerLock = std::unique_lock<std::mutex>;

    // Start-up (server.cpp).
    bool setupSignals();
    bool networkInit();
    bool networkEnable();
    void runLoop();
    // The parts of qemudRunLoop, server lock held: before the loop, one pass (false if
    // the loop iteration failed), and after it.
    void beginRunLoop(ServerLock &lock);
    bool runLoopIteration(ServerLock &lock);
    void endRunLoop(ServerLock &lock);
    void reapDeadClients(ServerLock &lock);
    void shrinkWorkers(ServerLock &lock);
    void updateInactivityTimer();
    void cleanup();
    static void dispatchSignalEvent(int watch, int fd, int events, void *opaque);
    static void inactiveTimer(int timer, void *opaque);

    // Listeners and accept (listeners.cpp).
    bool listenUnix(const ListenAddress &address);
    bool listenTcp(const ListenAddress &address);
    static void dispatchServerEvent(int watch, int fd, int events, void *opaque);
    void dispatchServer(ListenSocket &socket);
    void pauseListener(ListenSocket &socket, int err);
    static void retryAccept(int timer, void *opaque);
    int registerClientEvent(Client &client);

    // TLS (clienttls.cpp).
    bool initializeTls();
    bool startTlsSession(Client &client, const ListenSocket &socket);
    void dispatchClientHandshake(Client &client);
    // remoteCheckAccess: None when the client may go on, else why not (and what
    // the certificate check said, in `detail`).
    EventReason checkAccess(Client &client, const char **detail);
    void startHandshakeDeadline(Client &client);
    void stopHandshakeDeadline(Client &client);
    void recordHandshakeStep(const Client &client, EventKind kind, int result);
    static void handshakeTimeout(int timer, void *opaque);
    void readTlsPendingSoon(Client &client);
    static void dispatchTlsPending(int timer, void *opaque);

    // Client I/O on the loop thread (clientio.cpp).
    static void dispatchClientEvent(int watch, int fd, int events, void *opaque);
    void dispatchClientRead(Client &client);
    ssize_t clientReadBuf(Client &client, uint8_t *data, size_t length);
    void dispatchClientWrite(Client &client);
    void clientMessageRelease(Client &client, ClientMessage message);
    // Closes the client's connection once, saying why; `err` and `detail` when the
    // reason has them.
    void dispatchClientFailure(Client &client, EventReason reason, int err = 0, const char *detail = nullptr);
    int calculateHandleMode(const Client &client);
    void updateClientEvent(Client &client);
    bool handleKeepalive(Client &client, ClientMessage &message);
    void startKeepalive(Client &client);
    static void keepaliveTimer(int timer, void *opaque);

    // Domain events the server pushes (domainevents.cpp).
    void installDomainEventHook();
    // After a call, server and client locked: traces the client's new and dropped
    // callbacks, and adds or removes the driver's event timer with the first and last.
    void updateEventCallbacks(Client &client, const RemoteConnection &before);
    void dropEventCallback(); // server lock held
    static void dispatchDomainEvents(int timer, void *opaque);
    void queueEventMessage(Client &client, const DomainEventCallback &callback, const DomainLifecycleEvent &event);

    // Workers (workers.cpp).
    void startWorker(); // server lock held
    void workerMain(size_t slot);
    Client *findJobLocked(); // server lock held
    void dispatchClientRequest(Client &client, ClientMessage message);

    Tracer &m_tracer;
    DaemonConfig m_config;
    EventPoll m_loop;
    TestHypervisor m_hypervisor;
    std::unique_ptr<TlsCredentials> m_tlsCredentials; // loaded before the first TLS listener
    std::string m_error;

    std::mutex m_lock; // the server lock
    std::condition_variable m_job;
    // The listener list, most recently created first (libvirtd prepends).
    std::vector<std::unique_ptr<ListenSocket>> m_sockets;
    // Clients in accept order; workers scan them in this order for work.
    std::vector<std::unique_ptr<Client>> m_clients;
    // Watch -> client, so a dispatch finds its client without a scan.
    std::unordered_map<int, Client *> m_clientsByWatch;
    // Clients that failed and are not freed yet. Clients fail and are freed on the
    // loop thread only, so this needs no lock; while it is 0 there is nothing to reap.
    int m_failedClients = 0;
    std::vector<Worker> m_workers;
    int m_activeWorkers = 0;
    int m_nextClientId = 1;
    bool m_quitEventThread = false;
    int m_inactiveTimer = -1;
    bool m_inactiveTimerActive = false;

    int m_signalPipe[2] = {-1, -1};
    int m_signalWatch = -1;
    // handleSignals with an event thread: the handled signals, blocked on the thread
    // that started the server and read there from a signalfd; an eventfd the event
    // thread writes as it ends; the mask to restore.
    int m_signalFd = -1;
    int m_loopEndedFd = -1;
    sigset_t m_maskBeforeStart;
    bool m_signalsBlocked = false;
    void relaySignalsUntilLoopEnds();
    bool m_started = false;
    bool m_cleanedUp = false;
    // EventThread::Caller: qemudRunLoop has begun, and has ended.
    bool m_callerLoopBegun = false;
    bool m_callerLoopEnded = false;
    std::thread m_eventThread;
    std::atomic<pid_t> m_loopTid{0};
    // The driver's event timer (-1 while no client has a callback), and how many
    // callbacks all clients hold; changed under the server lock, read by the driver's
    // hook without it.
    std::atomic<int> m_eventFlushTimer{-1};
    int m_eventCallbacks = 0;
};

} // namespace pollscope
