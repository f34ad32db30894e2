// A scenario running behind the app, with its questions asked through the GUI.
#pragma once

#include "enginesession.h"

#include "runner/scenariorunner.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace pollscope::ui {

class EventBatcher;

class ScenarioSession : public EngineSession
{
    Q_OBJECT

public:
    ScenarioSession(Scenario scenario, EventBatcher *batcher, QString locale, QObject *parent = nullptr);
    ~ScenarioSession() override;

    bool start(bool paused) override;
    void stop() override;
    bool isRunning() const override;
    StepControl &stepControl() override;
    LoopState loopState() const override;
    QString error() const override { return m_error; }

    const Scenario &scenario() const { return m_scenario; }
    // The outcome, once finished() has been emitted.
    const std::optional<ScenarioRunResult> &result() const { return m_result; }
    // Answers the question of questionAsked(); a negative choice means none.
    void answer(int choice);

signals:
    // On the GUI thread.
    void stepStarted(int stepIndex, const QString &client);
    // The run waits until answer() is called.
    void questionAsked(int stepIndex);

private:
    int waitForAnswer(const ScenarioStep &step);

    Scenario m_scenario;
    EventBatcher *m_batcher;
    QString m_locale;
    std::unique_ptr<ScenarioRunner> m_runner; // made by start()
    std::thread m_thread;
    std::optional<ScenarioRunResult> m_result;
    QString m_error;

    std::mutex m_answerLock;
    std::condition_variable m_answered;
    std::optional<int> m_answer;
    bool m_stopping = false;
};

} // namespace pollscope::ui
