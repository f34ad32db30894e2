#include "server.h"

#include "trace/stringpool.h"
#include "trace/threadnames.h"
#include "trace/tracer.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace pollscope {

namespace {

// The write end of the signal pipe of the server that handles real signals. A
// signal handler may only touch lock-free state, so this is a plain atomic int.
std::atomic<int> g_signalWriteFd{-1};

// libvirtd's sig_handler: hand the whole siginfo to the loop through the pipe.
void onSignal(int signo, siginfo_t *info, void *)
{
    const int savedErrno = errno;
    siginfo_t copy = *info;
    copy.si_signo = signo;
    const int fd = g_signalWriteFd.load();
    if (fd >= 0)
        (void)!::write(fd, &copy, sizeof copy);
    errno = savedErrno;
}

void installSignalHandlers()
{
    struct sigaction action = {};
    action.sa_sigaction = onSignal;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    for (int signo : {SIGHUP, SIGINT, SIGQUIT, SIGTERM})
        ::sigaction(signo, &action, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
}

sigset_t handledSignals()
{
    sigset_t set;
    sigemptyset(&set);
    for (int signo : {SIGHUP, SIGINT, SIGQUIT, SIGTERM})
        sigaddset(&set, signo);
    return set;
}

// What onSignal writes, made from what a signalfd read.
void writeSiginfo(int fd, const signalfd_siginfo &received)
{
    siginfo_t info = {};
    info.si_signo = int(received.ssi_signo);
    info.si_code = received.ssi_code;
    info.si_pid = pid_t(received.ssi_pid);
    info.si_uid = uid_t(received.ssi_uid);
    (void)!::write(fd, &info, sizeof info);
}

void restoreSignalHandlers()
{
    for (int signo : {SIGHUP, SIGINT, SIGQUIT, SIGTERM})
        ::signal(signo, SIG_DFL);
}

} // namespace

Server::Server(Tracer &tracer, DaemonConfig config, const Clock &clock)
    : m_tracer(tracer)
    , m_config(std::move(config))
    , m_loop(tracer, clock)
{
    installDomainEventHook();
}

Server::~Server()
{
    if (isRunning())
        requestShutdown();
    waitForShutdown();
}

bool Server::start()
{
    if (const Result<void> valid = m_config.validate(); !valid) {
        m_error = valid.error().message;
        return false;
    }
    m_started = true;

    // qemudInitialize: virEventRegisterDefaultImpl -> virEventPollInit.
    m_tracer.probe<EventKind::ServerInit>();
    if (m_loop.init() < 0) {
        m_error = std::string("cannot initialise the event loop: ") + std::strerror(errno);
        cleanup();
        return false;
    }
    if (!setupSignals() || !networkInit()) {
        cleanup();
        return false;
    }

    // qemudStartEventLoop: the event thread runs qemudRunLoop from here on.
    const bool ownThread = m_config.eventThread == EventThread::Own;
    if (auto event = m_tracer.probe<EventKind::StartEventLoop>(); event && !ownThread)
        event->setReason(EventReason::LoopOnCallerThread);
    ServerLock lock(m_lock);
    m_workers.resize(size_t(std::max(m_config.maxWorkers, m_config.minWorkers)));
    if (ownThread) {
        lock.unlock();
        m_eventThread = std::thread([this] { runLoop(); });
        lock.lock();
    } else {
        // What the event thread does before its first iteration, done here and now:
        // the caller is the event thread from this point on.
        ThreadNames::setCurrent("loop");
        m_loopTid = ::gettid();
        beginRunLoop(lock);
        m_callerLoopBegun = true;
    }

    // The listeners join the loop only now, under the server lock.
    if (!networkEnable()) {
        lock.unlock();
        requestShutdown();
        waitForShutdown();
        return false;
    }
    return true;
}

bool Server::isRunning() const
{
    return m_eventThread.joinable() || (m_callerLoopBegun && !m_callerLoopEnded);
}

bool Server::runOnce()
{
    if (!m_callerLoopBegun || m_callerLoopEnded)
        return false;
    ServerLock lock(m_lock);
    // qemudRunLoop's `while (!quit)`, one turn at a time: the test of the condition
    // that follows a pass is made at once, so that a quitting pass ends the loop.
    if (!m_quitEventThread && runLoopIteration(lock) && !m_quitEventThread)
        return true;
    endRunLoop(lock);
    m_callerLoopEnded = true;
    return false;
}

bool Server::setupSignals()
{
    if (::pipe2(m_signalPipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        m_error = std::string("cannot create the signal pipe: ") + std::strerror(errno);
        return false;
    }
    m_signalWatch = m_loop.addHandle(m_signalPipe[0], EventHandle::Readable, dispatchSignalEvent, this, nullptr,
                                     "qemudDispatchSignalEvent", CallbackRole::SignalPipe);
    if (m_config.handleSignals) {
        g_signalWriteFd = m_signalPipe[1];
        installSignalHandlers();
        if (m_config.eventThread == EventThread::Own) {
            // The event thread and its workers are started with the signals blocked,
            // so none of them takes one; this thread reads them in waitForShutdown.
            const sigset_t handled = handledSignals();
            pthread_sigmask(SIG_BLOCK, &handled, &m_maskBeforeStart);
            m_signalsBlocked = true;
            m_signalFd = ::signalfd(-1, &handled, SFD_CLOEXEC | SFD_NONBLOCK);
            m_loopEndedFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
            if (m_signalFd < 0 || m_loopEndedFd < 0) {
                m_error = std::string("cannot create the signal relay: ") + std::strerror(errno);
                return false;
            }
        }
    }
    if (auto event = m_tracer.probe<EventKind::SignalSetup>()) {
        event->setWatch(m_signalWatch).setFd(m_signalPipe[0]);
        event->setReason(m_config.handleSignals ? EventReason::SignalsHandled : EventReason::SignalsNotHandled);
    }
    return true;
}

bool Server::networkInit()
{
    // Sockets are created, bound and listening, but not yet in the event loop.
    for (const ListenAddress &address : m_config.listen) {
        // As in libvirtd, the credentials are loaded just before the first TLS
        // listener is made, and a missing file stops the start.
        if (address.transport == ListenAddress::Transport::Tls && !m_tlsCredentials && !initializeTls())
            return false;
        const bool ok = address.transport == ListenAddress::Transport::Unix ? listenUnix(address) : listenTcp(address);
        if (!ok)
            return false;
    }
    if (auto event = m_tracer.probe<EventKind::NetworkInit>()) {
        event->setResult(int(m_sockets.size()));
    }
    return true;
}

bool Server::networkEnable()
{
    // Most recently created first: the order of libvirtd's socket list.
    for (auto &socket : m_sockets) {
        socket->watch = m_loop.addHandle(socket->fd, EventHandle::Readable | EventHandle::Error | EventHandle::Hangup,
                                         dispatchServerEvent, this, nullptr, "qemudDispatchServerEvent",
                                         CallbackRole::Listener);
        if (auto event = m_tracer.probe<EventKind::NetworkEnable>()) {
            event->setWatch(socket->watch).setFd(socket->fd).setEvents(EventHandle::Readable | EventHandle::Error
                                                                       | EventHandle::Hangup);
            event->setText(internString(socket->name));
        }
        if (socket->watch < 0) {
            m_error = "Failed to add server event callback";
            return false;
        }
    }
    return true;
}

void Server::runLoop()
{
    ThreadNames::setCurrent("loop");
    m_loopTid = ::gettid();
    ServerLock lock(m_lock);
    beginRunLoop(lock);
    while (!m_quitEventThread) {
        if (!runLoopIteration(lock))
            break;
    }
    endRunLoop(lock);
    if (m_loopEndedFd >= 0)
        (void)!::eventfd_write(m_loopEndedFd, 1);
}

void Server::beginRunLoop(ServerLock &)
{
    if (auto event = m_tracer.probe<EventKind::RunLoopBegin>())
        event->setWorkers(m_config.minWorkers);
    if (m_config.timeoutSeconds > 0)
        m_inactiveTimer = m_loop.addTimeout(-1, inactiveTimer, this, nullptr, "qemudInactiveTimer",
                                            CallbackRole::InactiveTimer);
    for (int i = 0; i < m_config.minWorkers; ++i)
        startWorker();
}

bool Server::runLoopIteration(ServerLock &lock)
{
    if (m_config.timeoutSeconds > 0)
        updateInactivityTimer();
    lock.unlock();
    if (m_loop.runOnce() < 0) {
        // qemudRunLoop: "Loop iteration error, exiting" (the loop traced why).
        lock.lock();
        return false;
    }
    lock.lock();
    reapDeadClients(lock);
    shrinkWorkers(lock);
    return true;
}

void Server::endRunLoop(ServerLock &lock)
{
    // Every worker is told to quit and joined, then every client is dropped.
    for (Worker &worker : m_workers)
        worker.quitRequest = true;
    m_job.notify_all();
    for (Worker &worker : m_workers) {
        if (!worker.hasThread)
            continue;
        lock.unlock();
        worker.thread.join();
        lock.lock();
        worker.hasThread = false;
        --m_activeWorkers;
    }
    for (auto &client : m_clients) {
        std::lock_guard clientLock(client->lock);
        dispatchClientFailure(*client, EventReason::DaemonShuttingDown);
    }
    reapDeadClients(lock);
    if (auto event = m_tracer.probe<EventKind::RunLoopEnd>())
        event->setClients(int(m_clients.size())).setWorkers(m_activeWorkers);
}

void Server::updateInactivityTimer()
{
    // qemudRunLoop's auto-shutdown bookkeeping: the timer runs only while no client
    // is connected.
    if (m_inactiveTimerActive && !m_clients.empty()) {
        m_loop.updateTimeout(m_inactiveTimer, -1);
        m_inactiveTimerActive = false;
    } else if (!m_inactiveTimerActive && m_clients.empty()) {
        m_loop.updateTimeout(m_inactiveTimer, m_config.timeoutSeconds * 1000);
        m_inactiveTimerActive = true;
    }
}

void Server::inactiveTimer(int timer, void *opaque)
{
    auto *self = static_cast<Server *>(opaque);
    ServerLock lock(self->m_lock);
    if (!self->m_clients.empty()) {
        self->m_loop.updateTimeout(timer, -1);
        return;
    }
    self->m_quitEventThread = true;
    if (auto event = self->m_tracer.probe<EventKind::InactiveTimer>()) {
        event->setTimer(timer).setClients(0);
    }
}

void Server::reapDeadClients(ServerLock &)
{
    // Clients that failed and that no worker holds any more are freed by the loop
    // thread (qemudFreeClient), in array order. libvirtd looks at every client after
    // every iteration; with none failed that finds nothing, so it is skipped.
    if (m_failedClients == 0)
        return;
    for (size_t i = 0; i < m_clients.size();) {
        Client &client = *m_clients[i];
        bool dead;
        {
            std::lock_guard clientLock(client.lock);
            dead = client.fd == -1 && client.refs == 0;
        }
        if (!dead) {
            ++i;
            continue;
        }
        if (auto event = m_tracer.probe<EventKind::FreeClient>()) {
            event->setClient(client.id).setWatch(client.registeredWatch).setDx(int(client.dx.size()))
                .setTx(int(client.tx.size())).setClients(int(m_clients.size() - 1));
            event->setReason(client.failureReason);
            if (client.failureErrno)
                event->setErrno(client.failureErrno);
            if (client.failureDetail)
                event->setText(client.failureDetail);
        }
        // remoteClientFreeFunc: the client's event callbacks go with it.
        for (const DomainEventCallback &callback : client.connection.eventCallbacks) {
            if (auto event = m_tracer.probe<EventKind::EventCallbackDeregistered>())
                event->setClient(client.id).setResult(callback.callbackId);
            dropEventCallback();
        }
        m_clientsByWatch.erase(client.registeredWatch);
        m_clients.erase(m_clients.begin() + ptrdiff_t(i));
        --m_failedClients;
    }
}

void Server::shrinkWorkers(ServerLock &lock)
{
    // More workers than clients, and more than the minimum: stop idle ones.
    while (m_activeWorkers > int(m_clients.size()) && m_activeWorkers > m_config.minWorkers) {
        Worker *idle = nullptr;
        size_t slot = 0;
        for (size_t i = 0; i < m_workers.size(); ++i) {
            if (m_workers[i].hasThread && !m_workers[i].processingCall) {
                idle = &m_workers[i];
                slot = i;
                break;
            }
        }
        if (!idle)
            return;
        idle->quitRequest = true;
        m_job.notify_all();
        lock.unlock();
        idle->thread.join();
        lock.lock();
        idle->hasThread = false;
        idle->quitRequest = false;
        --m_activeWorkers;
        if (auto event = m_tracer.probe<EventKind::WorkerStop>()) {
            event->setWorkers(m_activeWorkers).setClients(int(m_clients.size()));
            event->setText(internString("worker-" + std::to_string(slot + 1)));
            event->setReason(EventReason::MoreWorkersThanClients);
        }
    }
}

void Server::dispatchSignalEvent(int watch, int fd, int, void *opaque)
{
    auto *self = static_cast<Server *>(opaque);
    ServerLock lock(self->m_lock);
    siginfo_t info;
    const ssize_t n = ::read(fd, &info, sizeof info);
    if (n != ssize_t(sizeof info)) {
        if (auto event = self->m_tracer.probe<EventKind::DispatchSignalEvent>()) {
            event->setWatch(watch).setFd(fd).setBytes(n < 0 ? 0 : n);
            event->setReason(EventReason::SignalPipeShortRead);
        }
        return;
    }
    const int signo = info.si_signo;
    const bool quits = signo == SIGINT || signo == SIGQUIT || signo == SIGTERM;
    if (quits)
        self->m_quitEventThread = true;
    if (auto event = self->m_tracer.probe<EventKind::DispatchSignalEvent>()) {
        event->setWatch(watch).setFd(fd).setSignal(signo);
        event->setReason(quits ? EventReason::ShutdownRequested
                              : (signo == SIGHUP ? EventReason::SighupReload : EventReason::SignalIgnored));
    }
}

void Server::requestShutdown()
{
    // The same path as a real SIGTERM: a siginfo written to the signal pipe.
    if (m_signalPipe[1] < 0)
        return;
    siginfo_t info = {};
    info.si_signo = SIGTERM;
    (void)!::write(m_signalPipe[1], &info, sizeof info);
}

void Server::waitForShutdown()
{
    if (m_eventThread.joinable()) {
        relaySignalsUntilLoopEnds();
        m_eventThread.join();
    }
    while (runOnce()) {
    }
    cleanup();
}

void Server::relaySignalsUntilLoopEnds()
{
    // libvirtd's sig_handler runs in whichever thread the kernel picks and writes the
    // siginfo to the signal pipe. Here the signals stay blocked and this thread reads
    // them from a signalfd, then writes the same siginfo to the same pipe: from the
    // pipe on, the loop sees what libvirtd's loop sees. An asynchronous handler lost
    // SIGTERMs sent during start-up under ThreadSanitizer.
    if (m_signalFd < 0)
        return;
    pollfd fds[2] = {{m_signalFd, POLLIN, 0}, {m_loopEndedFd, POLLIN, 0}};
    for (;;) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        if (fds[1].revents != 0)
            return;
        signalfd_siginfo received;
        while (::read(m_signalFd, &received, sizeof received) == ssize_t(sizeof received))
            writeSiginfo(m_signalPipe[1], received);
    }
}

void Server::cleanup()
{
    if (m_cleanedUp || !m_started)
        return;
    m_cleanedUp = true;
    // qemudCleanup: the signal pipe, then each socket: remove its handle, close it and
    // unlink its path unless it is abstract.
    if (m_config.handleSignals) {
        restoreSignalHandlers();
        g_signalWriteFd = -1;
    }
    for (int *fd : {&m_signalFd, &m_loopEndedFd}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }
    if (m_signalsBlocked) {
        m_signalsBlocked = false;
        pthread_sigmask(SIG_SETMASK, &m_maskBeforeStart, nullptr);
    }
    if (m_signalWatch > 0)
        m_loop.removeHandle(m_signalWatch);
    for (int &fd : m_signalPipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
    for (auto &socket : m_sockets) {
        if (socket->watch > 0)
            m_loop.removeHandle(socket->watch);
        if (socket->retryTimer > 0)
            m_loop.removeTimeout(socket->retryTimer);
        ::close(socket->fd);
        if (!socket->tcp && !socket->address.path.empty() && socket->address.path[0] != '@')
            ::unlink(socket->address.path.c_str());
    }
    if (m_inactiveTimer > 0)
        m_loop.removeTimeout(m_inactiveTimer);
    if (auto event = m_tracer.probe<EventKind::ServerCleanup>()) {
        event->setResult(int(m_sockets.size()));
    }
    m_sockets.clear();
}

std::vector<std::string> Server::listeningAddresses() const
{
    std::vector<std::string> addresses;
    for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
        const char *scheme = (*it)->tls ? "tls:" : (*it)->tcp ? "tcp:" : (*it)->readonly ? "unix-ro:" : "unix:";
        addresses.push_back(scheme + (*it)->name);
    }
    return addresses;
}

std::vector<std::string> Server::nonLoopbackAddresses() const
{
    std::vector<std::string> addresses;
    for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
        if ((*it)->tcp && !(*it)->loopback)
            addresses.push_back(((*it)->tls ? "tls:" : "tcp:") + (*it)->name);
    }
    return addresses;
}

std::string Server::unixSocketPath(bool readonly) const
{
    for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
        if (!(*it)->tcp && (*it)->readonly == readonly)
            return (*it)->address.path;
    }
    return {};
}

int Server::tcpPort() const
{
    for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
        if ((*it)->tcp && !(*it)->tls)
            return std::stoi((*it)->address.port);
    }
    return 0;
}

int Server::tlsPort() const
{
    for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
        if ((*it)->tls)
            return std::stoi((*it)->address.port);
    }
    return 0;
}

ServerState Server::state()
{
    ServerLock lock(m_lock);
    ServerState state;
    state.activeWorkers = m_activeWorkers;
    state.workerSlots = int(m_workers.size());
    for (auto &socket : m_sockets)
        state.listenersPaused = state.listenersPaused || socket->retryTimer > 0;
    for (auto &client : m_clients) {
        std::lock_guard clientLock(client->lock);
        state.clients.push_back({client->id, client->fd, client->watch, client->readonly, client->rx.has_value(),
                                 client->nrequests, client->dx.size(), client->tx.size(), client->refs,
                                 client->peer});
    }
    return state;
}

} // namespace pollscope
