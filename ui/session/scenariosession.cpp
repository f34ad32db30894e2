#include "scenariosession.h"

#include "eventbatcher.h"

#include "eventpoll/eventpoll.h"

#include "eventpoll/stepcontrol.h"
#include "trace/threadnames.h"

namespace pollscope::ui {

ScenarioSession::ScenarioSession(Scenario scenario, EventBatcher *batcher, QString locale, QObject *parent)
    : EngineSession(parent)
    , m_scenario(std::move(scenario))
    , m_batcher(batcher)
    , m_locale(std::move(locale))
{
}

ScenarioSession::~ScenarioSession()
{
    stop();
}

bool ScenarioSession::start(bool paused)
{
    if (m_thread.joinable())
        return true;
    ScenarioRunOptions options;
    options.locale = m_locale.toStdString();
    options.startPaused = paused;
    options.interactive = true;
    options.onStep = [this](const ScenarioStep &step, const std::string &client) {
        QMetaObject::invokeMethod(
            this, [this, index = step.index, name = QString::fromStdString(client)] { emit stepStarted(index, name); },
            Qt::QueuedConnection);
    };
    options.onAsk = [this](const ScenarioStep &step) { return waitForAnswer(step); };
    options.onEvents = [batcher = m_batcher](const std::vector<TraceEvent> &events) { batcher->push(events); };
    m_runner = std::make_unique<ScenarioRunner>(m_scenario, std::move(options));
    m_thread = std::thread([this] {
        ThreadNames::setCurrent("scenario");
        ScenarioRunResult result = m_runner->run();
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result)]() mutable {
                m_result = std::move(result);
                if (!m_result->setupError.empty())
                    m_error = QString::fromStdString(m_result->setupError);
                m_batcher->flush();
                emit finished();
            },
            Qt::QueuedConnection);
    });
    return true;
}

void ScenarioSession::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard guard(m_answerLock);
        m_stopping = true;
    }
    m_answered.notify_all();
    m_runner->abort();
    m_thread.join();
}

bool ScenarioSession::isRunning() const
{
    return m_runner && !m_result;
}

LoopState ScenarioSession::loopState() const
{
    return m_runner->loopState();
}

StepControl &ScenarioSession::stepControl()
{
    return m_runner->stepControl();
}

int ScenarioSession::waitForAnswer(const ScenarioStep &step)
{
    {
        std::lock_guard guard(m_answerLock);
        m_answer.reset();
    }
    QMetaObject::invokeMethod(this, [this, index = step.index] { emit questionAsked(index); }, Qt::QueuedConnection);
    std::unique_lock lock(m_answerLock);
    m_answered.wait(lock, [this] { return m_answer.has_value() || m_stopping; });
    return m_answer.value_or(-1);
}

void ScenarioSession::answer(int choice)
{
    {
        std::lock_guard guard(m_answerLock);
        m_answer = choice;
    }
    m_answered.notify_all();
}

} // namespace pollscope::ui
