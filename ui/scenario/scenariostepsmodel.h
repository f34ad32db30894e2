// The steps of a scenario, one row each, in file order, with their narration in the
// chosen language, and which step is running.
#pragma once

#include "scenario/scenario.h"

#include <QAbstractListModel>

namespace pollscope::ui {

class ScenarioStepsModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NarrationRole = Qt::UserRole + 1, // the step's `say`, in the current language
        ClientRole,                       // the client it belongs to
        StepIndexRole,                    // ScenarioStep::index
        IsQuestionRole,                   // an `ask` step
    };

    explicit ScenarioStepsModel(QObject *parent = nullptr);

    // Shows `scenario`'s steps; it must outlive the model or the next setScenario().
    void setScenario(const Scenario *scenario, const QString &locale);
    void setLocale(const QString &locale);
    void clear();

    // The running step (ScenarioStep::index), or -1.
    int currentStep() const { return m_current; }
    void setCurrentStep(int stepIndex);
    // The row of a step index, or -1.
    int rowOfStep(int stepIndex) const;
    const ScenarioStep *step(int row) const;
    QString narration(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

signals:
    void currentStepChanged(int stepIndex);

private:
    void collect(const StepList &steps, const QString &client);
    QString describe(const ScenarioStep &step) const;

    const Scenario *m_scenario = nullptr;
    std::vector<const ScenarioStep *> m_steps;
    std::vector<QString> m_clients;
    std::string m_locale;
    int m_current = -1;
};

} // namespace pollscope::ui
