#include "scenario.h"

#include "rpc/lifecycleeventwords.h"

namespace pollscope {

const std::string &LocalizedText::forLocale(const std::string &locale) const
{
    // "zh_CN.UTF-8" -> "zh_CN" -> "zh".
    std::string key = locale.substr(0, locale.find('.'));
    while (!key.empty()) {
        if (const auto it = translations.find(key); it != translations.end() && !it->second.empty())
            return it->second;
        const size_t cut = key.find_last_of('_');
        if (cut == std::string::npos)
            break;
        key.resize(cut);
    }
    return english;
}

namespace {

void collectSteps(const StepList &steps, std::vector<const ScenarioStep *> &out)
{
    for (const ScenarioStep &step : steps) {
        out.push_back(&step);
        if (const auto *repeat = std::get_if<steps::Repeat>(&step.action))
            collectSteps(repeat->steps, out);
    }
}

} // namespace

std::string describeWaitEvent(const steps::WaitEvent &wait)
{
    std::string what = "any event";
    if (wait.event && wait.detail)
        what = lifecycleEventText(*wait.event, *wait.detail);
    else if (wait.event)
        what = std::string(lifecycleEvent(*wait.event)->word);
    return wait.domain ? *wait.domain + ": " + what : what;
}

std::vector<const ScenarioStep *> Scenario::allSteps() const
{
    std::vector<const ScenarioStep *> out;
    for (const ScenarioClient &client : clients)
        collectSteps(client.steps, out);
    return out;
}

std::vector<const ScenarioStep *> allStepsOf(const ScenarioClient &client)
{
    std::vector<const ScenarioStep *> out;
    collectSteps(client.steps, out);
    return out;
}

} // namespace pollscope
