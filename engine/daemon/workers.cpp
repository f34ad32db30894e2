// The worker pool: qemudStartWorker, qemudWorker and remoteDispatchClientRequest.
// A worker takes the oldest request of the first client that has one, answers it
// from the test hypervisor with the client unlocked, queues the reply and updates
// the client's handle from its own thread, with the client locked again: that is
// what writes the loop's wakeup pipe.
#include "server.h"

#include "rpc/remoteprocedures.h"
#include "rpc/xdrreader.h"
#include "trace/stringpool.h"
#include "trace/threadnames.h"
#include "trace/tracer.h"

#include <chrono>

namespace pollscope {

void Server::startWorker()
{
    for (size_t slot = 0; slot < m_workers.size(); ++slot) {
        Worker &worker = m_workers[slot];
        if (worker.hasThread)
            continue;
        worker.hasThread = true;
        worker.processingCall = false;
        worker.quitRequest = false;
        worker.thread = std::thread([this, slot] { workerMain(slot); });
        ++m_activeWorkers;
        // The thread's name is registered here, not only when it runs: a viewer
        // that reads this event finds the worker's lane in the name table at once.
        const std::string name = "worker-" + std::to_string(slot + 1);
        ThreadNames::idOf(name);
        if (auto event = m_tracer.probe<EventKind::WorkerStart>()) {
            event->setWorkers(m_activeWorkers).setClients(int(m_clients.size()));
            event->setText(internString(name));
        }
        return;
    }
}

Client *Server::findJobLocked()
{
    // qemudPendingJob: the first client, in array order, with a request waiting,
    // returned locked. Each client is locked in turn, under the server lock: a client
    // the loop holds while it queues a request (and signals) is waited for, so a
    // request is either seen here or signalled after this worker waits.
    for (const auto &client : m_clients) {
        client->lock.lock();
        if (!client->dx.empty())
            return client.get();
        client->lock.unlock();
    }
    return nullptr;
}

void Server::workerMain(size_t slot)
{
    ThreadNames::setCurrent("worker-" + std::to_string(slot + 1));
    for (;;) {
        ServerLock lock(m_lock);
        Client *client;
        while (!(client = findJobLocked())) {
            if (m_workers[slot].quitRequest)
                return;
            if (m_config.beforeWorkerWait)
                m_config.beforeWorkerWait();
            m_job.wait(lock);
        }
        if (m_workers[slot].quitRequest) {
            client->lock.unlock();
            return;
        }
        m_workers[slot].processingCall = true;
        lock.unlock();

        // The worker owns the locked client now; refs keeps it from being freed.
        ++client->refs;
        ClientMessage message = std::move(client->dx.front());
        client->dx.pop_front();
        dispatchClientRequest(*client, std::move(message));
        --client->refs;
        client->lock.unlock();

        lock.lock();
        m_workers[slot].processingCall = false;
    }
}

void Server::dispatchClientRequest(Client &client, ClientMessage message)
{
    FlowScope scope(message.flow);
    const MessageHeader header = message.header;
    const char *procedure = header.prog == REMOTE_PROGRAM ? remoteProcedureName(header.proc) : nullptr;
    if (auto event = m_tracer.probe<EventKind::WorkerJobBegin>()) {
        event->setClient(client.id).setProc(header.proc).setSerial(header.serial).setDx(int(client.dx.size()));
        event->setText(procedure);
    }

    if (auto event = m_tracer.probe<EventKind::RemoteDispatchBegin>()) {
        event->setClient(client.id).setProc(header.proc).setSerial(header.serial).setProg(header.prog)
            .setVers(header.vers).setMsgType(int32_t(header.type)).setStatus(int32_t(header.status));
        event->setText(procedure);
    }
    // As remoteDispatchClientCall does around the API call, the client is unlocked:
    // the loop keeps reading and writing it meanwhile, and other workers may take its
    // other requests. The call works on a copy of the connection's state; what it
    // changes (CONNECT_OPEN, CONNECT_CLOSE) is stored back under the lock.
    const RemoteConnection before = client.connection;
    RemoteConnection connection = before;
    client.lock.unlock();
    if (m_config.beforeWorkerDispatch)
        m_config.beforeWorkerDispatch(header);
    if (m_config.workerDelayMs > 0) {
        // The slow "hypervisor" takes its time in loop time: while pollscope holds the
        // loop (a pause, slow motion), the call waits too, so that what the daemon does
        // does not depend on how fast the learner watches it.
        const StepControl &control = m_loop.stepControl();
        const auto loopNow = [&control] { return std::chrono::steady_clock::now() - control.heldTime(); };
        const auto end = loopNow() + std::chrono::milliseconds(m_config.workerDelayMs);
        for (auto left = end - loopNow(); left.count() > 0; left = end - loopNow())
            std::this_thread::sleep_for(left);
    }
    const DispatchOutcome outcome = dispatchRemoteCall(connection, m_hypervisor, header, messagePayload(message.buffer),
                                                         message.flow);
    {
        // Relocked in libvirt's order: the server lock, then the client's.
        ServerLock lock(m_lock);
        client.lock.lock();
        if (connection != before) {
            client.connection = connection;
            if (connection.eventCallbacks != before.eventCallbacks)
                updateEventCallbacks(client, before);
        }
    }
    if (auto event = m_tracer.probe<EventKind::RemoteDispatchEnd>()) {
        event->setClient(client.id).setProc(header.proc).setSerial(header.serial)
            .setStatus(outcome.isError ? 1 : 0).setBytes(int64_t(outcome.reply.size()));
        event->setText(internString(outcome.summary));
    }

    // Asking for keepalive starts the server's own keepalive for this client.
    if (!outcome.isError && header.prog == REMOTE_PROGRAM && header.proc == REMOTE_PROC_CONNECT_SUPPORTS_FEATURE) {
        XdrReader args(messagePayload(message.buffer));
        if (args.readI32() == VIR_DRV_FEATURE_PROGRAM_KEEPALIVE && args.ok())
            startKeepalive(client);
    }

    if (outcome.reply.empty()) {
        // A stream packet: no reply, the request slot is released at once.
        clientMessageRelease(client, std::move(message));
    } else {
        // The reply reuses the request's message, as libvirtd does.
        message.buffer = outcome.reply;
        message.bufferLength = message.buffer.size();
        message.bufferOffset = 0;
        message.header = *decodeMessageHeader(message.buffer);
        if (outcome.closeAfterReply)
            client.closing = true;
        client.tx.push_back(std::move(message));
        if (auto event = m_tracer.probe<EventKind::ReplyQueued>()) {
            event->setClient(client.id).setSerial(header.serial).setProc(header.proc)
                .setLength(int64_t(client.tx.back().bufferLength)).setTx(int(client.tx.size()));
            if (outcome.closeAfterReply)
                event->setReason(EventReason::ReplyClosesConnection);
        }
        updateClientEvent(client);
    }
    if (auto event = m_tracer.probe<EventKind::WorkerJobEnd>())
        event->setClient(client.id).setProc(header.proc).setSerial(header.serial);
}

} // namespace pollscope
