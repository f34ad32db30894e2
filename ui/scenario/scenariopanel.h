// The Scenario dock: the scenario's title and steps, the running step highlighted,
// its narration, and the questions it asks the learner (predict, then reveal).
#pragma once

#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;
class QListView;
class QPushButton;
class QVBoxLayout;

namespace pollscope {
struct Scenario;
namespace steps {
struct Ask;
}
} // namespace pollscope

namespace pollscope::ui {

class ScenarioStepsModel;

class ScenarioPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ScenarioPanel(ScenarioStepsModel *model, QWidget *parent = nullptr);

    void showScenario(const Scenario *scenario, const QString &locale);
    // Buttons for these actions (the tour's Back and Next) above the scenario, with
    // `label` between the first and the rest.
    void setNavigation(const QList<QAction *> &actions, QWidget *label);
    void clear();
    // Shows the scenario's texts in another language ("zh_CN"), keeping the step,
    // the narration and the question where they are.
    void setLocale(const QString &locale);

    // Asks the question of the `ask` step with this index. A wrong choice is marked
    // and another may be tried; the right one is explained, and the explanation
    // stays until the learner presses Continue, which emits answered().
    void ask(int stepIndex);
    bool isAsking() const { return m_asking >= 0; }
    // The index of the `ask` step being asked, or -1.
    int askingStep() const { return m_asking; }
    // The buttons of the question being asked, in order.
    QList<QPushButton *> choiceButtons() const { return m_choiceButtons; }
    // Shown once the right answer is found.
    QPushButton *continueButton() const { return m_continue; }
    // The scenario's title as shown.
    QString title() const;
    // "Right." or "Not quite." and why, once answered.
    QString verdict() const;

signals:
    void answered(int choice);

private:
    void onCurrentStepChanged(int stepIndex);
    void choose(int choice);
    void continueAfterAnswer();
    const steps::Ask *question(int stepIndex) const;
    QString verdictText(const steps::Ask &question, int choice) const;
    // The title, description, narration, question and verdict, in m_locale.
    void retranslate();
    void changeEvent(QEvent *event) override;

    ScenarioStepsModel *m_model;
    const Scenario *m_scenario = nullptr;
    QString m_locale;
    QLabel *m_title;
    QLabel *m_description;
    QListView *m_steps;
    QLabel *m_narration;
    QWidget *m_questionBox;
    QLabel *m_question;
    QVBoxLayout *m_choices;
    QList<QPushButton *> m_choiceButtons;
    QLabel *m_verdict;
    QPushButton *m_continue;
    QHBoxLayout *m_navigation;
    int m_asking = -1;
    int m_narrationRow = -1; // the step whose narration is shown
    int m_shownQuestion = -1; // the step whose question is in the box
    int m_choice = -1;        // the learner's last answer to it, once given
    int m_firstChoice = -1;   // the learner's prediction: their first answer
    bool m_foundAnswer = false;
};

} // namespace pollscope::ui
