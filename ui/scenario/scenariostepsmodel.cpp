#include "scenariostepsmodel.h"

#include "rpc/remoteprocedures.h"
#include "util/overloaded.h"

#include <QFont>

namespace pollscope::ui {

namespace {

QString duration(std::chrono::milliseconds value)
{
    return value.count() >= 1000 && value.count() % 1000 == 0
        ? QStringLiteral("%1 s").arg(value.count() / 1000)
        : QStringLiteral("%1 ms").arg(value.count());
}

QString procedure(const steps::Call &call)
{
    const char *name = remoteProcedureName(call.proc);
    return name ? QString::fromLatin1(name) : QString::number(call.proc);
}

} // namespace

void ScenarioStepsModel::collect(const StepList &steps, const QString &client)
{
    // File order, with the steps of a repeat after the repeat itself.
    for (const ScenarioStep &step : steps) {
        m_steps.push_back(&step);
        m_clients.push_back(client);
        if (const auto *repeat = std::get_if<steps::Repeat>(&step.action))
            collect(repeat->steps, client);
    }
}

ScenarioStepsModel::ScenarioStepsModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ScenarioStepsModel::setScenario(const Scenario *scenario, const QString &locale)
{
    beginResetModel();
    m_scenario = scenario;
    m_locale = locale.toStdString();
    m_steps.clear();
    m_clients.clear();
    m_current = -1;
    if (scenario) {
        for (const ScenarioClient &client : scenario->clients)
            collect(client.steps, QString::fromStdString(client.name));
    }
    endResetModel();
}

void ScenarioStepsModel::setLocale(const QString &locale)
{
    m_locale = locale.toStdString();
    if (!m_steps.empty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

void ScenarioStepsModel::clear()
{
    setScenario(nullptr, QString::fromStdString(m_locale));
}

void ScenarioStepsModel::setCurrentStep(int stepIndex)
{
    if (stepIndex == m_current)
        return;
    const int oldRow = rowOfStep(m_current);
    m_current = stepIndex;
    const int newRow = rowOfStep(stepIndex);
    if (oldRow >= 0)
        emit dataChanged(index(oldRow), index(oldRow), {Qt::FontRole, Qt::BackgroundRole});
    if (newRow >= 0)
        emit dataChanged(index(newRow), index(newRow), {Qt::FontRole, Qt::BackgroundRole});
    emit currentStepChanged(stepIndex);
}

int ScenarioStepsModel::rowOfStep(int stepIndex) const
{
    for (size_t row = 0; row < m_steps.size(); ++row) {
        if (m_steps[row]->index == stepIndex)
            return int(row);
    }
    return -1;
}

const ScenarioStep *ScenarioStepsModel::step(int row) const
{
    return row >= 0 && row < rowCount() ? m_steps[size_t(row)] : nullptr;
}

QString ScenarioStepsModel::narration(int row) const
{
    const ScenarioStep *s = step(row);
    return s ? QString::fromStdString(s->say.forLocale(m_locale)) : QString();
}

int ScenarioStepsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size());
}

QString ScenarioStepsModel::describe(const ScenarioStep &step) const
{
    return std::visit(
        Overloaded{
            [](const steps::Connect &) { return tr("connect"); },
            [](const steps::Call &call) {
                return call.wait ? tr("call %1").arg(procedure(call)) : tr("call %1, no wait").arg(procedure(call));
            },
            [](const steps::Ping &) { return tr("keepalive ping"); },
            [](const steps::Send &send) {
                return send.frame ? tr("send a frame") : tr("send %n bytes", nullptr, int(send.bytes.size()));
            },
            [](const steps::WritePieces &pieces) {
                return pieces.byteEvery ? tr("write one byte every %1").arg(duration(*pieces.byteEvery))
                                        : tr("write in %n pieces", nullptr, int(pieces.splitAt.size() + 1));
            },
            [](const steps::StopReading &stop) { return tr("stop reading for %1").arg(duration(stop.duration)); },
            [](const steps::ReadReplies &read) { return tr("read %n replies", nullptr, read.count); },
            [](const steps::HangUp &hangUp) { return hangUp.reset ? tr("hang up (reset)") : tr("hang up"); },
            [](const steps::Sleep &sleep) { return tr("sleep %1").arg(duration(sleep.duration)); },
            [](const steps::Repeat &repeat) { return tr("repeat %n times", nullptr, repeat.times); },
            [](const steps::WaitFor &wait) {
                return tr("wait for %1").arg(QString::fromStdString(wait.condition.event));
            },
            [](const steps::ExpectDisconnect &) { return tr("expect to be disconnected"); },
            [](const steps::Run &run) { return tr("run %1").arg(QString::fromStdString(run.program)); },
            [](const steps::FdLimit &limit) {
                return limit.restore ? tr("restore the fd limit") : tr("lower the fd limit");
            },
            [](const steps::Say &) { return tr("narration"); },
            [](const steps::Ask &) { return tr("question"); },
            [](const steps::WaitEvent &wait) {
                return tr("wait for the event message %1").arg(QString::fromStdString(describeWaitEvent(wait)));
            },
        },
        step.action);
}

QVariant ScenarioStepsModel::data(const QModelIndex &index, int role) const
{
    const ScenarioStep *s = step(index.row());
    if (!s || index.column() != 0)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1  %2").arg(m_clients[size_t(index.row())], describe(*s));
    case Qt::ToolTipRole:
    case NarrationRole:
        return narration(index.row());
    case ClientRole:
        return m_clients[size_t(index.row())];
    case StepIndexRole:
        return s->index;
    case IsQuestionRole:
        return std::holds_alternative<steps::Ask>(s->action);
    case Qt::FontRole:
        if (s->index == m_current) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

} // namespace pollscope::ui
