#include "scenariopanel.h"

#include "scenariostepsmodel.h"

#include "scenario/scenario.h"

#include <QCommandLinkButton>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace pollscope::ui {

namespace {

QString text(const LocalizedText &value, const QString &locale)
{
    return QString::fromStdString(value.forLocale(locale.toStdString()));
}

} // namespace

ScenarioPanel::ScenarioPanel(ScenarioStepsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_title(new QLabel(this))
    , m_description(new QLabel(this))
    , m_steps(new QListView(this))
    , m_narration(new QLabel(this))
    , m_questionBox(new QWidget(this))
    , m_question(new QLabel(m_questionBox))
    , m_choices(new QVBoxLayout)
    , m_verdict(new QLabel(m_questionBox))
    , m_continue(new QPushButton(m_questionBox))
    , m_navigation(new QHBoxLayout)
{
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_description->setWordWrap(true);
    m_steps->setModel(model);
    m_steps->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_narration->setWordWrap(true);
    m_narration->setFrameShape(QFrame::StyledPanel);
    m_narration->setMargin(6);
    m_narration->setObjectName(QStringLiteral("narration"));
    m_question->setWordWrap(true);
    m_question->setFont(bold);
    m_verdict->setWordWrap(true);

    auto *questionLayout = new QVBoxLayout(m_questionBox);
    questionLayout->setContentsMargins(0, 0, 0, 0);
    // A question must be read in full: the step list gives way to it.
    m_questionBox->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_steps->setMinimumHeight(60);
    questionLayout->addWidget(m_question);
    questionLayout->addLayout(m_choices);
    questionLayout->addWidget(m_verdict);
    questionLayout->addWidget(m_continue, 0, Qt::AlignRight);
    m_continue->setObjectName(QStringLiteral("continue"));
    m_continue->hide();
    connect(m_continue, &QPushButton::clicked, this, &ScenarioPanel::continueAfterAnswer);
    m_questionBox->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_navigation);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_narration);
    layout->addWidget(m_questionBox);

    connect(model, &ScenarioStepsModel::currentStepChanged, this, &ScenarioPanel::onCurrentStepChanged);
    retranslate();
}

void ScenarioPanel::setNavigation(const QList<QAction *> &actions, QWidget *label)
{
    for (QAction *action : actions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_navigation->addWidget(button);
        if (label && action == actions.first())
            m_navigation->addWidget(label, 1);
    }
}

void ScenarioPanel::showScenario(const Scenario *scenario, const QString &locale)
{
    m_scenario = scenario;
    m_locale = locale;
    m_model->setScenario(scenario, locale);
    m_description->setVisible(scenario && !scenario->description.empty());
    m_questionBox->hide();
    m_asking = -1;
    m_narrationRow = -1;
    m_shownQuestion = -1;
    m_choice = -1;
    m_foundAnswer = false;
    m_continue->hide();
    retranslate();
}

void ScenarioPanel::setLocale(const QString &locale)
{
    m_locale = locale;
    m_model->setLocale(locale);
    retranslate();
}

void ScenarioPanel::clear()
{
    showScenario(nullptr, m_locale);
}

void ScenarioPanel::onCurrentStepChanged(int stepIndex)
{
    const int row = m_model->rowOfStep(stepIndex);
    if (row < 0)
        return;
    m_steps->setCurrentIndex(m_model->index(row));
    m_steps->scrollTo(m_model->index(row));
    const QString narration = m_model->narration(row);
    if (!narration.isEmpty()) {
        m_narrationRow = row;
        m_narration->setText(narration);
    }
}

const steps::Ask *ScenarioPanel::question(int stepIndex) const
{
    const ScenarioStep *step = m_model->step(m_model->rowOfStep(stepIndex));
    return step ? std::get_if<steps::Ask>(&step->action) : nullptr;
}

void ScenarioPanel::ask(int stepIndex)
{
    const steps::Ask *asked = question(stepIndex);
    if (!asked)
        return;
    m_asking = stepIndex;
    m_shownQuestion = stepIndex;
    m_choice = -1;
    m_firstChoice = -1;
    m_foundAnswer = false;
    m_continue->hide();
    qDeleteAll(m_choiceButtons);
    m_choiceButtons.clear();
    for (size_t i = 0; i < asked->choices.size(); ++i) {
        // A command link wraps its description: a long choice makes the button
        // taller, never the dock wider.
        auto *button = new QCommandLinkButton(QString(QChar(u'A' + int(i))), QString(), m_questionBox);
        button->setObjectName(QStringLiteral("choice%1").arg(i));
        connect(button, &QPushButton::clicked, this, [this, i] { choose(int(i)); });
        m_choices->addWidget(button);
        m_choiceButtons << button;
    }
    retranslate();
    m_questionBox->show();
}

void ScenarioPanel::choose(int choice)
{
    const steps::Ask *asked = question(m_asking);
    if (!asked || m_foundAnswer)
        return;
    if (m_firstChoice < 0)
        m_firstChoice = choice;
    m_choice = choice;
    m_verdict->setText(verdictText(*asked, choice));
    QPushButton *chosen = m_choiceButtons[choice];
    chosen->setEnabled(false);
    if (choice != asked->answer) {
        // Marked as the learner's, and out of the running: another try.
        chosen->setStyleSheet(QStringLiteral("color: #b00020; text-decoration: line-through"));
        return;
    }
    for (QPushButton *button : m_choiceButtons)
        button->setEnabled(false);
    chosen->setStyleSheet(QStringLiteral("font-weight: bold; color: #1b5e20"));
    m_foundAnswer = true;
    // The explanation stays until the learner has read it.
    m_continue->show();
    m_continue->setFocus();
}

void ScenarioPanel::continueAfterAnswer()
{
    if (m_asking < 0)
        return;
    m_continue->hide();
    m_asking = -1;
    emit answered(m_firstChoice);
}

QString ScenarioPanel::verdictText(const steps::Ask &asked, int choice) const
{
    if (choice != asked.answer)
        return tr("Not quite: \"%1\" is not it. Try another answer.").arg(text(asked.choices[size_t(choice)], m_locale));
    return tr("Right.") + QLatin1Char(' ') + text(asked.explanation, m_locale);
}

QString ScenarioPanel::title() const
{
    return m_title->text();
}

QString ScenarioPanel::verdict() const
{
    return m_verdict->text();
}

void ScenarioPanel::retranslate()
{
    m_title->setText(m_scenario ? text(m_scenario->title, m_locale)
                                : tr("No scenario loaded. Open one with File > Open."));
    m_description->setText(m_scenario ? text(m_scenario->description, m_locale) : QString());
    m_narration->setText(m_narrationRow >= 0 ? m_model->narration(m_narrationRow) : QString());
    m_continue->setText(tr("Continue"));
    const steps::Ask *shown = question(m_shownQuestion);
    if (!shown) {
        m_verdict->clear();
        return;
    }
    m_question->setText(text(shown->question, m_locale));
    for (qsizetype i = 0; i < m_choiceButtons.size(); ++i)
        static_cast<QCommandLinkButton *>(m_choiceButtons[i])->setDescription(text(shown->choices[size_t(i)], m_locale));
    m_verdict->setText(m_choice >= 0 ? verdictText(*shown, m_choice) : QString());
}

void ScenarioPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace pollscope::ui
