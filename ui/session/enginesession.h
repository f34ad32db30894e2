// A run of the real engine behind the app: a scenario, or the daemon waiting for
// outside clients. It runs on threads of its own; its events reach the store through
// an EventBatcher, and the app holds, steps and slows its loop through StepControl.
#pragma once

#include <QObject>
#include <QString>

namespace pollscope {
class StepControl;
struct LoopState;
} // namespace pollscope

namespace pollscope::ui {

class EngineSession : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~EngineSession() override = default;

    // Starts the engine, its loop held at the first phase boundary if `paused`;
    // false and error() if it cannot.
    virtual bool start(bool paused) = 0;
    // Stops it and waits for its threads; idempotent.
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;
    virtual StepControl &stepControl() = 0;
    // A copy of the real loop's state now; only while running.
    virtual LoopState loopState() const = 0;
    virtual QString error() const = 0;

signals:
    // The engine stopped by itself (the scenario ended), on the GUI thread.
    void finished();
};

} // namespace pollscope::ui
