#include "reallibvirtdsession.h"

#include "eventbatcher.h"

#include "eventpoll/eventpoll.h"

namespace pollscope::ui {

RealLibvirtdSession::RealLibvirtdSession(EventBatcher *batcher, QObject *parent)
    : EngineSession(parent)
    , m_batcher(batcher)
{
    m_timer.setInterval(kFollowIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &RealLibvirtdSession::follow);
}

RealLibvirtdSession::~RealLibvirtdSession()
{
    stop();
}

bool RealLibvirtdSession::start(bool)
{
    stop();
    if (const Result<void> started = m_daemon.start(); !started) {
        m_error = QString::fromStdString(started.error().message);
        return false;
    }
    m_follower = std::make_unique<LogFollower>(m_daemon.logPath());
    m_reader = std::make_unique<LibvirtdLogReader>(m_daemon.logPath());
    follow();
    m_timer.start();
    return true;
}

void RealLibvirtdSession::follow()
{
    if (!m_follower)
        return;
    std::vector<std::string> lines;
    m_follower->readNewLines(lines);
    for (const std::string &line : lines) {
        if (!m_reader->addLine(line))
            break;
    }
    std::vector<TraceEvent> events;
    m_reader->takeEvents(events);
    if (!events.empty())
        m_batcher->push(events, m_reader->threadNames());
}

void RealLibvirtdSession::stop()
{
    m_timer.stop();
    if (!m_follower) {
        m_daemon.stop();
        return;
    }
    // Its last lines (the shutdown) are read through the still open log after the
    // folder is gone.
    m_daemon.stop();
    follow();
    const std::string rest = m_follower->takePartialLine();
    if (!rest.empty())
        m_reader->addLine(rest);
    m_reader->finish(!rest.empty());
    std::vector<TraceEvent> events;
    m_reader->takeEvents(events);
    if (!events.empty())
        m_batcher->push(events, m_reader->threadNames());
    m_follower.reset();
}

LoopState RealLibvirtdSession::loopState() const
{
    return {};
}

QString RealLibvirtdSession::virshCommand() const
{
    return QStringLiteral("virsh -c '%1' list --all").arg(uri());
}

} // namespace pollscope::ui
