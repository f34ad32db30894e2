// Play, Pause, Step phase, Step iteration, Restart and the speed: the controls of the
// real loop behind the app, as actions (menu, toolbar, shortcuts) and a slider.
//
// They drive the current engine session's StepControl: Pause holds the loop at the
// next phase boundary, a step lets it run to the next boundary (or the next
// iteration) and hold again, and the speed sets a wait at every boundary.
#pragma once

// Included, not forward-declared: lupdate's parser loses the namespace after an
// opaque enum declaration and would file this class's strings under the wrong context.
#include "eventpoll/stepcontrol.h"
#include "models/eventsummary.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

class QAction;
class QSlider;
class QWidget;

namespace pollscope::ui {

class EngineSession;
class TraceStore;

class LoopControls : public QObject
{
    Q_OBJECT

public:
    explicit LoopControls(QWidget *parent);

    // The session to control, or none; the controls follow its state.
    void setSession(EngineSession *session);
    EngineSession *session() const { return m_session; }
    // Where the session's events arrive: the status names the watch or timer a
    // hold waits on from the loop_paused event there.
    void setStore(const TraceStore *store) { m_store = store; }
    // Whether the learner wants the loop running (Play) or held (Pause).
    bool isPlaying() const { return m_playing; }

    QAction *playAction() const { return m_play; }
    QAction *pauseAction() const { return m_pause; }
    QAction *stepPhaseAction() const { return m_stepPhase; }
    QAction *stepIterationAction() const { return m_stepIteration; }
    QAction *restartAction() const { return m_restart; }
    QAction *fasterAction() const { return m_faster; }
    QAction *slowerAction() const { return m_slower; }
    QSlider *speedSlider() const { return m_speed; }

    // The wait at each phase boundary for each slider position, full speed last.
    static std::chrono::milliseconds delayForSpeed(int position);
    static int speedPositions();

    // "held before poll", "running", "running in slow motion (200 ms per phase)", ...
    QString statusText() const;

public slots:
    void play();
    void pause();
    void stepPhase();
    void stepIteration();

signals:
    // Play or a step was pressed before the session runs: the owner starts it,
    // held at its first phase boundary if `paused`.
    void startRequested(bool paused);
    void restartRequested();
    void stateChanged();

private:
    // The loop_paused event of the current hold, or one that only knows the boundary.
    TraceEvent holdEvent(LoopBoundary boundary) const;
    void applySpeed();
    void refresh();
    void retranslate();
    bool eventFilter(QObject *watched, QEvent *event) override;

    EngineSession *m_session = nullptr;
    const TraceStore *m_store = nullptr;
    EventSummary m_summary;
    bool m_playing = false;
    QAction *m_play;
    QAction *m_pause;
    QAction *m_stepPhase;
    QAction *m_stepIteration;
    QAction *m_restart;
    QAction *m_faster;
    QAction *m_slower;
    QSlider *m_speed;
    // The loop's hold state changes on the engine's thread: poll it for the status.
    QTimer m_poll;
    std::optional<LoopBoundary> m_lastHeldAt;
};

} // namespace pollscope::ui
