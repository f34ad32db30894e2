#include "recordedsessions.h"

#include "session/tracestore.h"

#include "client/remoteclient.h"
#include "daemon/server.h"
#include "eventpoll/eventpoll.h"
#include "rpc/remoteprocedures.h"
#include "trace/threadnames.h"

#include <chrono>

namespace pollscope::test {

namespace {

// Connects, sends one CALL and waits, with a deadline, for its whole reply: the
// reply is the proof that accept, read, worker and write all happened.
bool callOnce(const std::string &path, QString *error)
{
    RemoteClient client;
    std::string problem;
    if (!client.connectUnix(path))
        problem = client.error();
    else if (!client.call(REMOTE_PROC_CONNECT_GET_TYPE, {}, std::chrono::seconds(10)))
        problem = "CONNECT_GET_TYPE (10 s deadline): " + client.error();
    if (!problem.empty() && error)
        *error = QStringLiteral("the call failed: %1").arg(QString::fromStdString(problem));
    return problem.empty();
}

} // namespace

void feedStore(Tracer &tracer, ui::TraceStore &store)
{
    std::vector<TraceEvent> batch;
    tracer.drain(batch);
    store.append(std::move(batch), ThreadNames::snapshot());
}

TraceSession recordDaemonSession(const QString &folder, QString *error)
{
    Tracer tracer;
    DaemonConfig config;
    ListenAddress address;
    address.transport = ListenAddress::Transport::Unix;
    address.path = (folder + QStringLiteral("/libvirt-sock")).toStdString();
    config.listen = {address};
    config.minWorkers = 1;
    config.maxWorkers = 1;
    config.keepaliveIntervalMs = 0;
    Server server(tracer, config);
    if (!server.start()) {
        if (error)
            *error = QString::fromStdString(server.error());
        return {};
    }
    const bool called = callOnce(address.path, error);
    server.requestShutdown();
    server.waitForShutdown();
    if (!called)
        return {};
    return tracer.takeSession("daemon");
}

TraceSession recordBusyLoopSession(size_t events)
{
    Tracer tracer;
    EventPoll loop(tracer);
    TraceSession session;
    if (loop.init() < 0)
        return session;
    loop.addTimeout(0, [](int, void *) {}, nullptr, nullptr, "onEveryIteration");
    while (session.events.size() < events) {
        loop.runOnce();
        tracer.drain(session.events);
    }
    session.threadNames = ThreadNames::snapshot();
    session.source = "busy loop";
    return session;
}

} // namespace pollscope::test
