#include "looptimeoutsmodel.h"

#include <QFont>
#include <QPalette>

namespace pollscope::ui {

LoopTimeoutsModel::LoopTimeoutsModel(QObject *parent)
    : LoopTableModel(parent)
{
}

void LoopTimeoutsModel::setSnapshot(const LoopSnapshot &snapshot)
{
    replaceRows(m_rows, snapshot.timeouts, [](const LoopSnapshot::Timeout &t) { return t.timer; });
    const int64_t nowMs = snapshot.timeNs / 1000000;
    if (nowMs != m_nowMs) {
        m_nowMs = nowMs;
        if (!m_rows.empty())
            emit dataChanged(index(0, ExpiresAtColumn), index(int(m_rows.size()) - 1, ExpiresAtColumn));
    }
}

int LoopTimeoutsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LoopTimeoutsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LoopTimeoutsModel::expiryText(const LoopSnapshot::Timeout &timeout) const
{
    if (timeout.frequency < 0 || timeout.expiresAt == 0)
        return tr("never");
    const int64_t remaining = timeout.expiresAt - m_nowMs;
    if (remaining > 0)
        return tr("in %1 ms").arg(remaining);
    if (remaining == 0)
        return tr("now");
    return tr("due %1 ms ago").arg(-remaining);
}

QVariant LoopTimeoutsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LoopSnapshot::Timeout &timeout = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case TimerColumn:
            return timeout.timer;
        case FrequencyColumn:
            if (timeout.frequency < 0)
                return tr("disabled");
            if (timeout.frequency == 0)
                return tr("every iteration");
            return tr("%1 ms").arg(timeout.frequency);
        case ExpiresAtColumn:
            return expiryText(timeout);
        case CallbackColumn:
            return timeout.callback ? QString::fromUtf8(timeout.callback) : QString();
        case DeletedColumn:
            return timeout.deleted ? 1 : 0;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ExpiresAtColumn)
            return tr("expiresAt = %1 (monotonic ms)").arg(timeout.expiresAt);
        if (index.column() == FrequencyColumn)
            return tr("frequency = %1").arg(timeout.frequency);
        return {};
    case Qt::ForegroundRole:
        if (timeout.deleted)
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        if (isChanged(timeout.timer))
            return QColor(Qt::black);
        return {};
    case Qt::BackgroundRole:
        if (isChanged(timeout.timer))
            return changedColor();
        return {};
    case Qt::FontRole:
        if (timeout.deleted) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TimerColumn || index.column() == DeletedColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case TimerRole:
        return timeout.timer;
    default:
        return {};
    }
}

QVariant LoopTimeoutsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case TimerColumn:
            return tr("timer");
        case FrequencyColumn:
            return tr("frequency");
        case ExpiresAtColumn:
            return tr("expiresAt");
        case CallbackColumn:
            return tr("cb");
        case DeletedColumn:
            return tr("deleted");
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case TimerColumn:
            return tr("The id virEventAddTimeout returned; ids are never reused");
        case FrequencyColumn:
            return tr("The period: -1 disabled, 0 fires on every iteration, N every N ms");
        case ExpiresAtColumn:
            return tr("When it fires next, relative to the moment shown");
        case CallbackColumn:
            return tr("The callback called when it expires");
        case DeletedColumn:
            return tr("1 once removed: the record stays until a cleanup phase purges it");
        case ColumnCount:
            break;
        }
    }
    return {};
}

} // namespace pollscope::ui
