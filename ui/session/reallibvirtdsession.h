// Debian's real libvirtd 9 running behind the app: started in a private folder,
// its log followed as it grows and imported into the live timeline, so a learner's
// own virsh drives the real thing. Its loop is GLib's: it cannot be held or stepped.
#pragma once

#include "enginesession.h"

#include "eventpoll/stepcontrol.h"
#include "import/libvirtdlog.h"
#include "import/logfollower.h"
#include "import/reallibvirtd.h"
#include "trace/tracer.h"

#include <QTimer>

#include <memory>

namespace pollscope::ui {

class EventBatcher;

class RealLibvirtdSession : public EngineSession
{
    Q_OBJECT

public:
    static constexpr int kFollowIntervalMs = 100;

    explicit RealLibvirtdSession(EventBatcher *batcher, QObject *parent = nullptr);
    ~RealLibvirtdSession() override;

    // Starts libvirtd; `paused` does not apply to it.
    bool start(bool paused) override;
    // Stops libvirtd, imports the last of its log and removes its folder.
    void stop() override;
    bool isRunning() const override { return m_daemon.isRunning(); }
    // Never held: the GUI gives this session no loop controls.
    StepControl &stepControl() override { return m_stepControl; }
    LoopState loopState() const override;
    QString error() const override { return m_error; }

    QString uri() const { return QString::fromStdString(m_daemon.uri()); }
    QString folder() const { return QString::fromStdString(m_daemon.folder()); }
    pid_t pid() const { return m_daemon.pid(); }
    // virsh -c 'test+unix:///default?socket=PATH' list --all
    QString virshCommand() const;

private:
    void follow();

    EventBatcher *m_batcher;
    RealLibvirtd m_daemon;
    std::unique_ptr<LogFollower> m_follower;
    std::unique_ptr<LibvirtdLogReader> m_reader;
    QTimer m_timer;
    // What the interface wants of every session; no loop checks it.
    Tracer m_unusedTracer;
    StepControl m_stepControl{m_unusedTracer, [] {}};
    QString m_error;
};

} // namespace pollscope::ui
