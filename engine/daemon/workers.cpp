// The worker pool: qemudStartWorker, qemudWorker and remoteDispatchClientRequest.
// A worker takes the oldest request of the first client that has one, answers it
// from the test hypervisor, queues the reply and updates the client's handle from
// its own thread: that is what writes the loop's wakeup pipe.
#include "server.h"

#include "rpc/remoteprocedures.h"
#include "rpc/xdrreader.h"
#include "trace/stringpool.h"
#include "trace/threadnames.h"
#include "trace/tracer.h"

#include <algorithm>
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
        if (auto event = m_tracer.record(EventKind::WorkerStart)) {
            event->setWorkers(m_activeWorkers).setClients(int(m_clients.size()));
            event->text = internString("worker-" + std::to_string(slot + 1) + " started");
        }
        return;
    }
}

namespace {

bool hasSmallerId(const Client *client, int id)
{
    return client->id < id;
}

} // namespace

Client *Server::findJobLocked()
{
    // The first client, in array order, with a request waiting; returned locked. Its
    // lock may be held by the loop or by a worker busy with its other request, and by
    // then its requests may be gone: as in libvirtd's scan, it is then passed over.
    int after = 0;
    for (;;) {
        Client *candidate;
        {
            std::lock_guard guard(m_pendingLock);
            const auto it = std::upper_bound(m_pendingClients.begin(), m_pendingClients.end(), after,
                                             [](int id, const Client *client) { return id < client->id; });
            if (it == m_pendingClients.end())
                return nullptr;
            candidate = *it;
        }
        // The server lock, held here, keeps every client from being freed.
        candidate->lock.lock();
        if (!candidate->dx.empty())
            return candidate;
        candidate->lock.unlock();
        after = candidate->id;
    }
}

void Server::addPendingClient(Client &client)
{
    std::lock_guard guard(m_pendingLock);
    const auto it = std::lower_bound(m_pendingClients.begin(), m_pendingClients.end(), client.id, hasSmallerId);
    if (it == m_pendingClients.end() || *it != &client)
        m_pendingClients.insert(it, &client);
}

void Server::removePendingClient(Client &client)
{
    std::lock_guard guard(m_pendingLock);
    const auto it = std::lower_bound(m_pendingClients.begin(), m_pendingClients.end(), client.id, hasSmallerId);
    if (it != m_pendingClients.end() && *it == &client)
        m_pendingClients.erase(it);
}

void Server::workerMain(size_t slot)
{
    ThreadNames::setCurrent("worker-" + std::to_string(slot + 1));
    ServerLock lock(m_lock);
    for (;;) {
        Client *client = findJobLocked();
        while (!client) {
            if (m_workers[slot].quitRequest)
                return;
            m_job.wait(lock);
            client = findJobLocked();
        }
        if (m_workers[slot].quitRequest) {
            client->lock.unlock();
            return;
        }
        m_workers[slot].processingCall = true;
        lock.unlock();

        // The worker owns the locked client now; refs keeps it from being freed.
        {
            // The loop is woken once the client is unlocked, not while the loop would
            // still find it locked (see EventPoll::DeferredWakeups).
            EventPoll::DeferredWakeups wakeups(m_loop);
            ++client->refs;
            ClientMessage message = std::move(client->dx.front());
            client->dx.pop_front();
            if (client->dx.empty())
                removePendingClient(*client);
            dispatchClientRequest(*client, std::move(message));
            --client->refs;
            client->lock.unlock();
        }

        lock.lock();
        m_workers[slot].processingCall = false;
    }
}

void Server::dispatchClientRequest(Client &client, ClientMessage message)
{
    FlowScope scope(message.flow);
    const MessageHeader header = message.header;
    const char *procedure = header.prog == REMOTE_PROGRAM ? remoteProcedureName(header.proc) : nullptr;
    if (auto event = m_tracer.record(EventKind::WorkerJobBegin)) {
        event->setClient(client.id).setProc(header.proc).setSerial(header.serial).setDx(int(client.dx.size()));
        event->text = procedure ? procedure : "unknown procedure";
    }

    if (m_config.workerDelayMs > 0 || m_config.beforeWorkerDispatch) {
        // A slow hypervisor call: the client is unlocked meanwhile, as around any
        // libvirt API call, so the loop keeps serving it.
        client.lock.unlock();
        if (m_config.beforeWorkerDispatch)
            m_config.beforeWorkerDispatch(header);
        if (m_config.workerDelayMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(m_config.workerDelayMs));
        client.lock.lock();
    }

    if (auto event = m_tracer.record(EventKind::RemoteDispatchBegin)) {
        event->setClient(client.id).setProc(header.proc).setSerial(header.serial).setProg(header.prog)
            .setVers(header.vers).setMsgType(int32_t(header.type)).setStatus(int32_t(header.status));
        event->text = procedure ? procedure : "unknown procedure";
    }
    const DispatchOutcome outcome = dispatchRemoteCall(client.connection, m_hypervisor, header,
                                                       messagePayload(message.buffer));
    if (auto event = m_tracer.record(EventKind::RemoteDispatchEnd)) {
        event->setClient(client.id).setProc(header.proc).setSerial(header.serial)
            .setStatus(outcome.isError ? 1 : 0).setBytes(int64_t(outcome.reply.size()));
        event->text = internString(outcome.summary);
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
        if (auto event = m_tracer.record(EventKind::ReplyQueued)) {
            event->setClient(client.id).setSerial(header.serial).setProc(header.proc)
                .setLength(int64_t(client.tx.back().bufferLength)).setTx(int(client.tx.size()));
            event->text = outcome.closeAfterReply ? "reply queued; the connection closes once it is written"
                                                  : "reply queued on tx";
        }
        updateClientEvent(client);
    }
    if (auto event = m_tracer.record(EventKind::WorkerJobEnd))
        event->setClient(client.id).setProc(header.proc).setSerial(header.serial);
}

} // namespace pollscope
