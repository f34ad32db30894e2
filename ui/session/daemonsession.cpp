#include "daemonsession.h"

#include "eventbatcher.h"

#include "eventpoll/eventpoll.h"

namespace pollscope::ui {

DaemonSession::DaemonSession(DaemonConfig config, EventBatcher *batcher, QObject *parent)
    : EngineSession(parent)
    , m_monitor(m_tracer, [batcher](const std::vector<TraceEvent> &events) { batcher->push(events); }, false)
    , m_server(std::make_unique<Server>(m_tracer, std::move(config)))
{
    // A live session must never slow the daemon down for its viewer: when the view
    // falls behind, events are dropped and counted (trace_lost), within a fixed budget.
    constexpr size_t kLiveTraceBuffer = size_t(64) << 20;
    m_tracer.setBound(Tracer::eventsForBytes(kLiveTraceBuffer), TracePolicy::Drop);
    m_monitor.setReady([batcher] { return batcher->hasRoom(); });
}

DaemonSession::~DaemonSession()
{
    stop();
}

bool DaemonSession::start(bool paused)
{
    if (paused)
        m_server->loop().stepControl().pause();
    m_monitor.start();
    if (!m_server->start()) {
        m_error = QString::fromStdString(m_server->error());
        m_monitor.stop();
        return false;
    }
    return true;
}

void DaemonSession::stop()
{
    if (m_server->isRunning()) {
        m_server->loop().stepControl().resume();
        m_server->requestShutdown();
        m_server->waitForShutdown();
    }
    m_monitor.stop();
}

bool DaemonSession::isRunning() const
{
    return m_server->isRunning();
}

LoopState DaemonSession::loopState() const
{
    return m_server->loop().state();
}

StepControl &DaemonSession::stepControl()
{
    return m_server->loop().stepControl();
}

QString DaemonSession::socketPath() const
{
    return QString::fromStdString(m_server->unixSocketPath(false));
}

QString DaemonSession::virshCommand() const
{
    return QStringLiteral("virsh -c 'test+unix:///default?socket=%1' list --all").arg(socketPath());
}

} // namespace pollscope::ui
