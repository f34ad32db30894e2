// Domain events the server pushes. A worker's call changes a domain; the driver
// queues a lifecycle event and sets its event timer to fire at once, which wakes the
// loop (virObjectEventStateQueue). The loop thread runs the timer
// (virObjectEventTimer), which relays each event to every client with a matching
// callback: a MESSAGE with serial 1 goes on the client's transmit queue and its handle
// asks for WRITABLE (remoteRelayDomainEventLifecycle, remoteDispatchObjectEventSend).
// The timer exists while any client has a callback, as libvirt 9's event state adds
// it on the first registration and removes it with the last.
#include "server.h"

#include "rpc/remotecatalogtypes.h"
#include "rpc/remoteprocedures.h"
#include "rpc/xdrwriter.h"
#include "trace/stringpool.h"
#include "trace/tracer.h"

#include <algorithm>
#include <iterator>

namespace pollscope {

namespace {

// virsh's names for the domain event ids, in id order.
constexpr const char *kEventNames[VIR_DOMAIN_EVENT_ID_LAST] = {
    "lifecycle",          "reboot",          "rtc-change",          "watchdog",         "io-error",
    "graphics",           "io-error-reason", "control-error",       "block-job",        "disk-change",
    "tray-change",        "pm-wakeup",       "pm-suspend",          "balloon-change",   "pm-suspend-disk",
    "device-removed",     "block-job-2",     "tunable",             "agent-lifecycle",  "device-added",
    "migration-iteration", "job-completed",  "device-removal-failed", "metadata-change", "block-threshold",
    "memory-failure",     "memory-device-size-change",
};

// The event and detail as `virsh event` words them.
std::string lifecycleText(const DomainLifecycleEvent &event)
{
    const char *name = "Unknown";
    const char *detail = "Unknown";
    switch (event.event) {
    case VIR_DOMAIN_EVENT_DEFINED:
        name = "Defined";
        detail = event.detail == VIR_DOMAIN_EVENT_DEFINED_UPDATED ? "Updated" : "Added";
        break;
    case VIR_DOMAIN_EVENT_UNDEFINED:
        name = "Undefined";
        detail = "Removed";
        break;
    case VIR_DOMAIN_EVENT_STARTED:
        name = "Started";
        detail = "Booted";
        break;
    case VIR_DOMAIN_EVENT_SUSPENDED:
        name = "Suspended";
        detail = "Paused";
        break;
    case VIR_DOMAIN_EVENT_RESUMED:
        name = "Resumed";
        detail = "Unpaused";
        break;
    case VIR_DOMAIN_EVENT_STOPPED:
        name = "Stopped";
        detail = event.detail == VIR_DOMAIN_EVENT_STOPPED_DESTROYED ? "Destroyed" : "Shutdown";
        break;
    default:
        break;
    }
    return event.name + ": " + name + " " + detail;
}

bool sameCallback(const DomainEventCallback &a, const DomainEventCallback &b)
{
    return a.callbackId == b.callbackId;
}

} // namespace

void Server::installDomainEventHook()
{
    // Runs in the worker whose call changed the domain, with the driver locked.
    m_hypervisor.setEventQueuedHook([this](const DomainLifecycleEvent &event, bool first) {
        const int timer = m_eventFlushTimer.load();
        // Without a timer nobody listens: libvirt drops the event.
        if (timer < 0)
            return false;
        if (auto record = m_tracer.probe<EventKind::DomainEventQueued>()) {
            record->setTimer(timer).setResult(int32_t(event.sequence));
            record->setText(internString(lifecycleText(event)));
        }
        if (first)
            m_loop.updateTimeout(timer, 0);
        return true;
    });
}

void Server::updateEventCallbacks(Client &client, const RemoteConnection &before)
{
    const std::vector<DomainEventCallback> &now = client.connection.eventCallbacks;
    for (const DomainEventCallback &callback : now) {
        if (std::any_of(before.eventCallbacks.begin(), before.eventCallbacks.end(),
                        [&](const DomainEventCallback &old) { return sameCallback(old, callback); }))
            continue;
        // The first callback of all brings the driver's event timer.
        if (m_eventCallbacks++ == 0)
            m_eventFlushTimer = m_loop.addTimeout(-1, dispatchDomainEvents, this, nullptr, "virObjectEventTimer",
                                                  CallbackRole::DomainEventFlush);
        if (auto event = m_tracer.probe<EventKind::EventCallbackRegistered>()) {
            event->setClient(client.id).setResult(callback.callbackId).setTimer(m_eventFlushTimer.load());
            event->setText(kEventNames[callback.eventId]);
        }
    }
    for (const DomainEventCallback &callback : before.eventCallbacks) {
        if (std::any_of(now.begin(), now.end(),
                        [&](const DomainEventCallback &current) { return sameCallback(current, callback); }))
            continue;
        if (auto event = m_tracer.probe<EventKind::EventCallbackDeregistered>())
            event->setClient(client.id).setResult(callback.callbackId);
        dropEventCallback();
    }
}

void Server::dropEventCallback()
{
    if (--m_eventCallbacks == 0) {
        m_loop.removeTimeout(m_eventFlushTimer.load());
        m_eventFlushTimer = -1;
    }
}

void Server::dispatchDomainEvents(int timer, void *opaque)
{
    auto *self = static_cast<Server *>(opaque);
    self->m_loop.updateTimeout(timer, -1);
    const std::vector<DomainLifecycleEvent> events = self->m_hypervisor.takeEvents();
    ServerLock lock(self->m_lock);
    for (const DomainLifecycleEvent &event : events) {
        // Each message belongs to the causal chain of the call that made the event.
        FlowScope scope(event.flow);
        for (const auto &client : self->m_clients) {
            std::lock_guard clientLock(client->lock);
            if (client->fd == -1)
                continue;
            for (const DomainEventCallback &callback : client->connection.eventCallbacks) {
                if (callback.eventId != VIR_DOMAIN_EVENT_ID_LIFECYCLE || (callback.domain && *callback.domain != event.uuid))
                    continue;
                self->queueEventMessage(*client, callback, event);
            }
        }
    }
}

void Server::queueEventMessage(Client &client, const DomainEventCallback &callback, const DomainLifecycleEvent &event)
{
    XdrWriter payload;
    xdrEncode(payload, DomainEventCallbackLifecycleMsg{callback.callbackId, {event.name, event.uuid, event.id},
                                                       event.event, event.detail});
    MessageHeader header;
    header.prog = REMOTE_PROGRAM;
    header.vers = REMOTE_PROTOCOL_VERSION;
    header.proc = REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE;
    header.type = static_cast<uint32_t>(MessageType::Message);
    // libvirt has always sent events with serial 1.
    header.serial = 1;
    header.status = static_cast<uint32_t>(MessageStatus::Ok);

    ClientMessage message;
    message.buffer = encodeMessage(header, payload.bytes());
    message.bufferLength = message.buffer.size();
    message.header = header;
    // No request waits for it: it does not count against the client's requests.
    message.async = true;
    message.flow = event.flow;
    message.eventCallbackId = callback.callbackId;
    client.tx.push_back(std::move(message));
    if (auto record = m_tracer.probe<EventKind::EventMessageQueued>()) {
        record->setClient(client.id).setResult(callback.callbackId).setProc(header.proc)
            .setMsgType(int32_t(header.type)).setSerial(header.serial)
            .setLength(int64_t(client.tx.back().bufferLength)).setTx(int(client.tx.size()));
        record->setText(internString(lifecycleText(event)));
    }
    updateClientEvent(client);
}

} // namespace pollscope
