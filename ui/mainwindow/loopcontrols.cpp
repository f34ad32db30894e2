#include "loopcontrols.h"

#include "session/enginesession.h"

#include "eventpoll/stepcontrol.h"
#include "session/tracestore.h"

#include <QAction>
#include <QEvent>
#include <QSlider>
#include <QStyle>
#include <QWidget>

namespace pollscope::ui {

namespace {

// Slow motion to full speed: the wait at each phase boundary.
constexpr std::chrono::milliseconds kDelays[] = {
    std::chrono::milliseconds(1000), std::chrono::milliseconds(500), std::chrono::milliseconds(200),
    std::chrono::milliseconds(100),  std::chrono::milliseconds(50),  std::chrono::milliseconds(20),
    std::chrono::milliseconds(5),    std::chrono::milliseconds(1),   std::chrono::milliseconds(0),
};

} // namespace

LoopControls::LoopControls(QWidget *parent)
    : QObject(parent)
    , m_play(new QAction(parent))
    , m_pause(new QAction(parent))
    , m_stepPhase(new QAction(parent))
    , m_stepIteration(new QAction(parent))
    , m_restart(new QAction(parent))
    , m_faster(new QAction(parent))
    , m_slower(new QAction(parent))
    , m_speed(new QSlider(Qt::Horizontal, parent))
{
    QStyle *style = parent->style();
    m_play->setIcon(style->standardIcon(QStyle::SP_MediaPlay));
    m_pause->setIcon(style->standardIcon(QStyle::SP_MediaPause));
    m_stepPhase->setIcon(style->standardIcon(QStyle::SP_MediaSeekForward));
    m_stepIteration->setIcon(style->standardIcon(QStyle::SP_MediaSkipForward));
    m_restart->setIcon(style->standardIcon(QStyle::SP_BrowserReload));
    m_play->setShortcut(Qt::Key_F5);
    m_pause->setShortcut(Qt::Key_F6);
    m_stepPhase->setShortcut(Qt::Key_F10);
    m_stepIteration->setShortcut(Qt::Key_F11);
    m_restart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_faster->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketRight));
    m_slower->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketLeft));
    m_play->setObjectName(QStringLiteral("play"));
    m_pause->setObjectName(QStringLiteral("pause"));
    m_stepPhase->setObjectName(QStringLiteral("stepPhase"));
    m_stepIteration->setObjectName(QStringLiteral("stepIteration"));
    m_restart->setObjectName(QStringLiteral("restart"));

    m_speed->setRange(0, speedPositions() - 1);
    m_speed->setValue(speedPositions() - 1);
    m_speed->setPageStep(1);
    m_speed->setMaximumWidth(160);
    m_speed->setObjectName(QStringLiteral("speed"));

    connect(m_play, &QAction::triggered, this, &LoopControls::play);
    connect(m_pause, &QAction::triggered, this, &LoopControls::pause);
    connect(m_stepPhase, &QAction::triggered, this, &LoopControls::stepPhase);
    connect(m_stepIteration, &QAction::triggered, this, &LoopControls::stepIteration);
    connect(m_restart, &QAction::triggered, this, &LoopControls::restartRequested);
    connect(m_faster, &QAction::triggered, this, [this] { m_speed->setValue(m_speed->value() + 1); });
    connect(m_slower, &QAction::triggered, this, [this] { m_speed->setValue(m_speed->value() - 1); });
    connect(m_speed, &QSlider::valueChanged, this, &LoopControls::applySpeed);

    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, &LoopControls::refresh);
    m_poll.start();
    parent->installEventFilter(this);
    retranslate();
    refresh();
}

int LoopControls::speedPositions()
{
    return int(std::size(kDelays));
}

std::chrono::milliseconds LoopControls::delayForSpeed(int position)
{
    return kDelays[std::clamp(position, 0, speedPositions() - 1)];
}

void LoopControls::setSession(EngineSession *session)
{
    // Called again once the session runs, so its loop gets the chosen speed.
    m_session = session;
    applySpeed();
    refresh();
}

void LoopControls::play()
{
    m_playing = true;
    if (m_session && m_session->isRunning())
        m_session->stepControl().resume();
    else
        emit startRequested(false);
    refresh();
}

void LoopControls::pause()
{
    m_playing = false;
    if (m_session && m_session->isRunning())
        m_session->stepControl().pause();
    refresh();
}

void LoopControls::stepPhase()
{
    m_playing = false;
    if (!m_session || !m_session->isRunning())
        emit startRequested(true); // the first step starts the run, held at its first boundary
    else
        m_session->stepControl().stepPhase();
    refresh();
}

void LoopControls::stepIteration()
{
    m_playing = false;
    if (!m_session || !m_session->isRunning())
        emit startRequested(true);
    else
        m_session->stepControl().stepIteration();
    refresh();
}

void LoopControls::applySpeed()
{
    if (m_session && m_session->isRunning())
        m_session->stepControl().setDelay(delayForSpeed(m_speed->value()));
    m_faster->setEnabled(m_speed->value() < m_speed->maximum());
    m_slower->setEnabled(m_speed->value() > m_speed->minimum());
    m_speed->setToolTip(statusText());
    emit stateChanged();
}

QString LoopControls::statusText() const
{
    if (!m_session)
        return tr("No loop running");
    if (!m_session->isRunning())
        return tr("Stopped");
    StepControl &control = m_session->stepControl();
    if (const auto held = control.heldAt())
        return tr("Held %1").arg(m_summary.reasonText(holdEvent(*held)));
    const auto delay = control.delay();
    if (delay.count() > 0)
        return tr("Running in slow motion (%1 ms per phase)").arg(delay.count());
    return tr("Running at full speed");
}

TraceEvent LoopControls::holdEvent(LoopBoundary boundary) const
{
    // The latest hold, if it has reached the store yet; other threads keep
    // recording while the loop is held, so it need not be the last event.
    const EventReason reason = loopBoundaryReason(boundary);
    constexpr qsizetype kSearched = 4096;
    if (m_store) {
        for (qsizetype i = m_store->size() - 1; i >= 0 && i >= m_store->size() - kSearched; --i) {
            const TraceEvent &event = m_store->at(i);
            if (event.kind == EventKind::LoopResumed)
                break;
            if (event.kind == EventKind::LoopPaused) {
                if (event.reason == reason)
                    return event;
                break;
            }
        }
    }
    TraceEvent event{};
    event.kind = EventKind::LoopPaused;
    event.reason = reason;
    return event;
}

void LoopControls::refresh()
{
    const bool running = m_session && m_session->isRunning();
    const bool canStart = m_session != nullptr;
    std::optional<LoopBoundary> heldAt;
    if (running)
        heldAt = m_session->stepControl().heldAt();
    m_play->setEnabled(canStart && (!running || !m_playing || heldAt.has_value()));
    m_pause->setEnabled(running && m_playing);
    m_stepPhase->setEnabled(canStart);
    m_stepIteration->setEnabled(canStart);
    m_restart->setEnabled(canStart);
    if (heldAt != m_lastHeldAt) {
        m_lastHeldAt = heldAt;
        emit stateChanged();
    }
}

void LoopControls::retranslate()
{
    m_play->setText(tr("&Play"));
    m_play->setToolTip(tr("Run the loop (%1)").arg(m_play->shortcut().toString(QKeySequence::NativeText)));
    m_pause->setText(tr("P&ause"));
    m_pause->setToolTip(tr("Hold the loop at its next phase boundary (%1)")
                            .arg(m_pause->shortcut().toString(QKeySequence::NativeText)));
    m_stepPhase->setText(tr("Step &Phase"));
    m_stepPhase->setToolTip(tr("Run to the next phase boundary and hold (%1)")
                                .arg(m_stepPhase->shortcut().toString(QKeySequence::NativeText)));
    m_stepIteration->setText(tr("Step &Iteration"));
    m_stepIteration->setToolTip(tr("Run to the start of the next iteration and hold (%1)")
                                    .arg(m_stepIteration->shortcut().toString(QKeySequence::NativeText)));
    m_restart->setText(tr("&Restart"));
    m_restart->setToolTip(tr("Run the scenario again from the start (%1)")
                              .arg(m_restart->shortcut().toString(QKeySequence::NativeText)));
    m_faster->setText(tr("&Faster"));
    m_slower->setText(tr("&Slower"));
    m_summary.retranslate();
    m_speed->setToolTip(statusText());
}

bool LoopControls::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

} // namespace pollscope::ui
