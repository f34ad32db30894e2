// Answering a scenario's question in the app as a learner would, for the widget tests.
#pragma once

#include "scenario/scenariopanel.h"

#include <QPushButton>

namespace pollscope::test {

// Clicks choice `first` if it is still open, else the next open one; once the right
// answer is found, Continue.
inline void answerNext(ui::ScenarioPanel &panel, int first)
{
    if (!panel.continueButton()->isHidden()) {
        panel.continueButton()->click();
        return;
    }
    const QList<QPushButton *> buttons = panel.choiceButtons();
    for (qsizetype i = 0; i < buttons.size(); ++i) {
        QPushButton *button = buttons[(first + i) % buttons.size()];
        if (button->isEnabled()) {
            button->click();
            return;
        }
    }
}

} // namespace pollscope::test
