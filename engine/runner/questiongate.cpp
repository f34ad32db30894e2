#include "questiongate.h"

#include "eventpoll/stepcontrol.h"
#include "trace/threadnames.h"

namespace pollscope {

QuestionGate::QuestionGate(const Scenario &scenario, const ClientDirectory &clients, Tracer &tracer,
                           std::function<int(const ScenarioStep &)> ask)
    : m_tracer(tracer)
    , m_ask(std::move(ask))
{
    std::vector<std::pair<const ScenarioStep *, size_t>> asks;
    for (size_t client = 0; client < scenario.clients.size(); ++client) {
        for (const ScenarioStep *step : allStepsOf(scenario.clients[client])) {
            const auto *question = std::get_if<steps::Ask>(&step->action);
            if (question && question->before)
                asks.emplace_back(step, client);
        }
    }
    m_questions.reserve(asks.size());
    for (const auto &[step, client] : asks)
        m_questions.push_back({step, ConditionMatcher(*std::get<steps::Ask>(step->action).before, clients), client});
    std::lock_guard guard(m_lock);
    for (size_t client = 0; client < scenario.clients.size(); ++client)
        armNextLocked(client);
    updateKindsLocked();
}

void QuestionGate::updateKindsLocked()
{
    std::array<uint64_t, kKindWords> kinds{};
    for (const Question &question : m_questions) {
        if (question.state != State::Armed && question.state != State::Asking)
            continue;
        for (size_t kind = 0; kind < size_t(EventKind::Count); ++kind) {
            if (question.matcher.mayMatch(EventKind(kind)))
                kinds[kind / 64] |= uint64_t(1) << (kind % 64);
        }
    }
    // Its own steps are never held: recording them would come back here.
    for (const EventKind own : {EventKind::QuestionHeld, EventKind::QuestionReleased})
        kinds[size_t(own) / 64] &= ~(uint64_t(1) << (size_t(own) % 64));
    for (size_t word = 0; word < kKindWords; ++word)
        m_kinds[word].store(kinds[word], std::memory_order_release);
}

void QuestionGate::setStepControl(StepControl *stepControl)
{
    std::lock_guard guard(m_lock);
    m_stepControl = stepControl;
}

bool QuestionGate::mayHold(EventKind kind) const
{
    return (m_kinds[size_t(kind) / 64].load(std::memory_order_acquire) >> (size_t(kind) % 64)) & 1;
}

QuestionGate::Question *QuestionGate::find(const ScenarioStep &step)
{
    for (Question &question : m_questions) {
        if (question.step == &step)
            return &question;
    }
    return nullptr;
}

void QuestionGate::armNextLocked(size_t client)
{
    for (Question &question : m_questions) {
        if (question.client != client || question.state == State::Answered)
            continue;
        if (question.state == State::Waiting)
            question.state = State::Armed;
        return;
    }
}

void QuestionGate::recordHold(EventKind kind, const Question &question)
{
    // pollscope's own step, on its own lane: the time between the two is the
    // learner's, and the loop time axis leaves it out.
    ThreadNames::Scope control(ThreadNames::kControl);
    if (auto event = m_tracer.record(kind))
        event->setStep(question.step->index);
}

void QuestionGate::askLocked(Question &question, std::unique_lock<std::mutex> &lock)
{
    question.state = State::Asking;
    lock.unlock();
    const int choice = m_ask(*question.step);
    lock.lock();
    question.choice = choice;
    question.state = State::Answered;
    armNextLocked(question.client);
    updateKindsLocked();
    m_changed.notify_all();
}

bool QuestionGate::holdBack(const TraceEvent &event)
{
    std::unique_lock lock(m_lock);
    if (m_released)
        return false;
    Question *held = nullptr;
    for (Question &question : m_questions) {
        if ((question.state == State::Armed || question.state == State::Asking) && question.matcher.matches(event)) {
            held = &question;
            break;
        }
    }
    if (!held)
        return false;
    recordHold(EventKind::QuestionHeld, *held);
    // This thread may hold the loop's lock: a wakeup for the step control would wait
    // for it, and so for the answer, which the learner cannot give meanwhile.
    StepControl *stepControl = m_stepControl;
    if (stepControl)
        stepControl->holdBackWakes(true);
    if (held->state == State::Armed)
        askLocked(*held, lock);
    m_changed.wait(lock, [&] { return held->state == State::Answered || m_released; });
    if (stepControl)
        stepControl->holdBackWakes(false);
    recordHold(EventKind::QuestionReleased, *held);
    return true;
}

int QuestionGate::ask(const ScenarioStep &step)
{
    std::unique_lock lock(m_lock);
    Question *question = find(step);
    if (!question || m_released) {
        lock.unlock();
        return m_ask(step);
    }
    // Asked early, when its event came first: the answer is already given, or will be.
    if (question->state == State::Waiting || question->state == State::Armed)
        askLocked(*question, lock);
    m_changed.wait(lock, [&] { return question->state == State::Answered || m_released; });
    return question->choice;
}

void QuestionGate::releaseAll()
{
    {
        std::lock_guard guard(m_lock);
        m_released = true;
        for (std::atomic<uint64_t> &word : m_kinds)
            word.store(0, std::memory_order_release);
    }
    m_changed.notify_all();
}

} // namespace pollscope
