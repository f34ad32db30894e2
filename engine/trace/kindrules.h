// A lookup from event kind to the rule that handles it, built at compile time from a
// list of (kind, rule) pairs. Code that reacts to a few kinds (the loop replay, the
// checker's rules) lists them once and looks the rule up, so a new kind needs no edit
// there unless it has a rule of its own.
#pragma once

#include "eventkind.h"

#include <array>
#include <cstddef>

namespace pollscope {

template<typename Rule>
struct KindRule
{
    EventKind kind;
    Rule rule;
};

template<typename Rule, size_t N>
constexpr std::array<Rule, size_t(EventKind::Count)> kindRules(const KindRule<Rule> (&entries)[N])
{
    std::array<Rule, size_t(EventKind::Count)> byKind{};
    for (const KindRule<Rule> &entry : entries) {
        // Two rules for one kind would make the second silently win.
        if (byKind[size_t(entry.kind)] != nullptr)
            throw "an event kind is listed twice";
        byKind[size_t(entry.kind)] = entry.rule;
    }
    return byKind;
}

} // namespace pollscope
