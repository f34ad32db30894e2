#include "scenarioreader.h"

namespace pollscope::scenarioreader {

ScenarioTimer ScenarioReader::parseTimer(const Value &value)
{
    const KeyedMap map(m_source, value, "a timer", {"name", "frequency", "start", "changes"});
    ScenarioTimer timer;
    timer.where = value.where;
    const Value name = map.require("name");
    timer.name = readName(name, "timer");
    if (const auto [first, added] = m_timerNames.emplace(timer.name, timer.where.line); !added)
        fail(name.where,
             "duplicate timer name " + quote(timer.name) + " (first at line " + std::to_string(first->second) + ")");
    if (const auto frequency = map.get("frequency"))
        timer.frequency = readFrequency(*frequency);
    if (const auto start = map.get("start"))
        timer.start = readDuration(*start);
    if (const auto changes = map.get("changes")) {
        for (const Value &item : readList(m_source, *changes, "a list of timer changes"))
            timer.changes.push_back(parseTimerChange(item, timer.changes.empty() ? nullptr : &timer.changes.back()));
    }
    return timer;
}

TimerChange ScenarioReader::parseTimerChange(const Value &value, const TimerChange *previous)
{
    const KeyedMap map(m_source, value, "a timer change", {"at", "after_fires", "frequency", "remove"});
    TimerChange change;
    change.where = value.where;
    if (previous && previous->remove)
        fail(value.where, "the timer is already removed (line " + std::to_string(previous->where.line) + ")");
    const auto at = map.get("at");
    const auto afterFires = map.get("after_fires");
    if (at && afterFires)
        fail(map.keyAt("after_fires"), "a timer change happens either at a time or after some fires, not both");
    if (!at && !afterFires)
        fail(value.where, "a timer change needs at: (a time) or after_fires: (a number of fires)");
    if (afterFires) {
        change.afterFires = int(readInteger(*afterFires, 1, 1'000'000));
        // Waiting for fires holds the changes after it: they come later, whatever their time.
        if (previous)
            change.at = previous->at;
    } else {
        change.at = readDuration(*at);
        if (previous && change.at < previous->at)
            fail(at->where, "changes must be in time order, but " + formatDuration(change.at.count())
                                + " comes after " + formatDuration(previous->at.count()));
    }
    if (const auto frequency = map.get("frequency"))
        change.frequency = readFrequency(*frequency);
    if (const auto remove = map.get("remove"))
        change.remove = readBool(*remove);
    if (change.frequency && change.remove)
        fail(map.keyAt("remove"), "a timer change either sets a frequency or removes the timer, not both");
    if (!change.frequency && !change.remove)
        fail(value.where, "a timer change needs frequency: or remove: true");
    return change;
}
} // namespace pollscope::scenarioreader
