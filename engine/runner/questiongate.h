// Predict, then reveal: the questions of a scenario whose `ask` names the event it is
// about (`before:`). That event is held back, unrecorded, until the learner has
// answered, so no view can show it while the question is open.
//
// A client's questions are watched for one at a time, in file order: the first from
// the start of the run, each next one once the one before is answered. The question
// is asked when its client reaches it or when its event is about to be recorded,
// whichever comes first; in the second case the thread that was about to record it
// asks, and waits, where it is (with whatever locks it holds). While it waits the
// step control does not write the wakeup pipe, which would need the loop's lock.
#pragma once

#include "conditionmatcher.h"

#include "scenario/scenario.h"
#include "trace/tracer.h"

#include <array>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace pollscope {

class StepControl;

class QuestionGate : public TraceGate
{
public:
    // `ask` puts a question to the learner and returns the chosen index (negative: none).
    QuestionGate(const Scenario &scenario, const ClientDirectory &clients, Tracer &tracer,
                 std::function<int(const ScenarioStep &)> ask);

    // Whether the scenario has any question that names its event.
    bool isNeeded() const { return !m_questions.empty(); }
    // The loop's step control, once the daemon exists.
    void setStepControl(StepControl *stepControl);

    bool mayHold(EventKind kind) const override;
    bool holdBack(const TraceEvent &event) override;

    // The client thread, at an `ask` step: asks it unless it was asked already, and
    // returns the learner's choice.
    int ask(const ScenarioStep &step);
    // Lets every held thread go, answered or not (the run is being aborted).
    void releaseAll();

private:
    enum class State { Waiting, Armed, Asking, Answered };
    struct Question
    {
        const ScenarioStep *step;
        ConditionMatcher matcher;
        size_t client;  // index in the scenario's clients
        State state = State::Waiting;
        int choice = -1;
    };

    Question *find(const ScenarioStep &step);
    // Asks `question`, which is Armed, with the lock held on entry and on return.
    void askLocked(Question &question, std::unique_lock<std::mutex> &lock);
    void armNextLocked(size_t client);
    void recordHold(EventKind kind, const Question &question);

    Tracer &m_tracer;
    std::function<int(const ScenarioStep &)> m_ask;
    std::vector<Question> m_questions; // in file order
    void updateKindsLocked();

    // The kinds of the events the questions open now are about, one bit each: read
    // on every recording thread, so lock-free. Events of other kinds are recorded
    // straight away, in their order.
    static constexpr size_t kKindWords = (size_t(EventKind::Count) + 63) / 64;
    std::array<std::atomic<uint64_t>, kKindWords> m_kinds{};
    StepControl *m_stepControl = nullptr;
    std::mutex m_lock;
    std::condition_variable m_changed;
    bool m_released = false;
};

} // namespace pollscope
