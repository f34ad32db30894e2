// The daemon replica running behind the app with no scripted clients: the learner's
// own virsh or Python client drives it while the timeline shows what it does.
#pragma once

#include "enginesession.h"

#include "daemon/server.h"
#include "runner/tracemonitor.h"
#include "trace/tracer.h"

#include <memory>

namespace pollscope::ui {

class EventBatcher;

class DaemonSession : public EngineSession
{
    Q_OBJECT

public:
    DaemonSession(DaemonConfig config, EventBatcher *batcher, QObject *parent = nullptr);
    ~DaemonSession() override;

    bool start(bool paused) override;
    void stop() override;
    bool isRunning() const override;
    StepControl &stepControl() override;
    LoopState loopState() const override;
    QString error() const override { return m_error; }

    // The read-write socket's path, for the virsh command line the app shows.
    QString socketPath() const;
    // virsh -c 'test+unix:///default?socket=PATH' list --all
    QString virshCommand() const;

private:
    Tracer m_tracer;
    TraceMonitor m_monitor;
    std::unique_ptr<Server> m_server;
    QString m_error;
};

} // namespace pollscope::ui
