#include "daemonsession.h"

#include "client/remoteclient.h"
#include "daemon/server.h"
#include "rpc/remotecall.h"
#include "rpc/remoteprocedures.h"
#include "runner/loopquiescence.h"
#include "runner/tracemonitor.h"
#include "trace/threadnames.h"
#include "trace/tracer.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <atomic>
#include <chrono>
#include <memory>

namespace pollscope::test {

DaemonRun runDaemonSession(int clients, int calls, int workerDelayMs, WorkerAnswers answers)
{
    DaemonRun run;
    ThreadNames::setCurrent("main");
    QTemporaryDir dir;
    DaemonConfig config;
    config.listen.push_back({ListenAddress::Transport::Unix, false, dir.filePath("sock").toStdString(), {}, {}});
    config.minWorkers = 2;
    config.keepaliveIntervalMs = 0;
    config.workerDelayMs = workerDelayMs;

    Tracer tracer;
    TraceMonitor monitor(tracer, {});
    std::atomic<bool> loopStayedAwake{false};
    if (answers == WorkerAnswers::WhileLoopPolls) {
        config.beforeWorkerDispatch = [&monitor, &loopStayedAwake](const MessageHeader &) {
            const uint16_t worker = ThreadNames::currentId();
            const uint64_t flow = FlowScope::current();
            if (!monitor.waitUntil(
                    [worker, flow](const std::vector<TraceEvent> &events) {
                        return loopAsleepDuringCall(events, worker, flow);
                    },
                    std::chrono::seconds(10)))
                loopStayedAwake = true;
        };
    }
    monitor.start();
    Server server(tracer, config);
    if (!server.start()) {
        run.error = QString::fromStdString(server.error());
        return run;
    }

    // Every socket read and write has a deadline: a lost reply fails the run, it
    // does not hang it.
    std::vector<std::unique_ptr<RemoteClient>> connections;
    for (int i = 0; i < clients && run.error.isEmpty(); ++i) {
        connections.push_back(std::make_unique<RemoteClient>());
        if (!connections.back()->connectUnix(server.unixSocketPath()))
            run.error = QStringLiteral("cannot connect client %1").arg(i + 1);
    }
    for (int call = 0; call < calls && run.error.isEmpty(); ++call) {
        const uint32_t serial = uint32_t(call + 1);
        const std::vector<uint8_t> frame = call == 0 ? encodeConnectOpenCall(serial, std::string("test:///default"), 0)
                                                     : encodeRemoteCall(REMOTE_PROC_CONNECT_GET_VERSION, serial);
        for (auto &connection : connections) {
            if (!connection->send(frame))
                run.error = QStringLiteral("cannot send call %1").arg(serial);
        }
        for (auto &connection : connections) {
            if (run.error.isEmpty() && connection->readFrame(std::chrono::seconds(10)).status != RemoteClient::ReadStatus::Frame)
                run.error = QStringLiteral("no reply to call %1 within 10 s").arg(serial);
        }
    }
    connections.clear();
    // The daemon notices each hang-up, removes the client's watch and purges it.
    if (!QTest::qWaitFor([&] { return server.state().clients.empty(); }, 5000) && run.error.isEmpty())
        run.error = QStringLiteral("the daemon kept its clients");
    server.requestShutdown();
    server.waitForShutdown();
    monitor.stop();
    if (loopStayedAwake && run.error.isEmpty())
        run.error = QStringLiteral("a worker waited 10 s in vain for the loop to go back to poll()");
    run.session.events = monitor.takeEvents();
    run.session.threadNames = ThreadNames::snapshot();
    run.session.source = "daemon";
    return run;
}

} // namespace pollscope::test
