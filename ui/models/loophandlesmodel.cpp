#include "loophandlesmodel.h"

#include "eventtext.h"

#include "eventpoll/eventhandle.h"

#include <QFont>
#include <QPalette>

namespace pollscope::ui {

LoopHandlesModel::LoopHandlesModel(QObject *parent)
    : LoopTableModel(parent)
{
}

void LoopHandlesModel::setSnapshot(const LoopSnapshot &snapshot)
{
    std::vector<Row> next;
    next.reserve(snapshot.handles.size());
    for (const LoopSnapshot::Handle &handle : snapshot.handles) {
        Row row{handle, std::nullopt};
        if (const LoopSnapshot::PollFd *poll = snapshot.pollFd(handle.watch))
            row.poll = *poll;
        next.push_back(row);
    }
    replaceRows(m_rows, std::move(next), [](const Row &row) { return row.handle.watch; });
}

int LoopHandlesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LoopHandlesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LoopHandlesModel::pollText(const Row &row) const
{
    if (!row.poll)
        return tr("not polled");
    using Outcome = LoopSnapshot::PollOutcome;
    const QString ready = handleEventsText(fromNativeEvents(row.poll->revents));
    switch (row.poll->outcome) {
    case Outcome::Waiting:
        return tr("polled");
    case Outcome::Quiet:
        return tr("not ready");
    case Outcome::Dispatched:
        return tr("ready %1, dispatched").arg(ready);
    case Outcome::SkippedDeleted:
        return tr("ready %1, skipped: deleted").arg(ready);
    case Outcome::Undispatched:
        return tr("not dispatched this time");
    }
    return {};
}

QString LoopHandlesModel::pollToolTip(const Row &row) const
{
    if (!row.poll)
        return tr("Not in this iteration's poll set: its events are 0, it is deleted, or it was added after "
                  "virEventPollMakePollFDs built the set.");
    using Outcome = LoopSnapshot::PollOutcome;
    switch (row.poll->outcome) {
    case Outcome::Waiting:
        return tr("In the poll set, asking for %1; poll has not reported on it yet.")
            .arg(handleEventsText(row.poll->events));
    case Outcome::Quiet:
        return tr("In the poll set, but poll returned no events for it.");
    case Outcome::Dispatched:
        return tr("poll returned %1 for it and its callback was called.").arg(nativeEventsText(row.poll->revents));
    case Outcome::SkippedDeleted:
        return tr("poll returned %1 for it, but it was removed before dispatch reached it, so its callback was "
                  "not called.")
            .arg(nativeEventsText(row.poll->revents));
    case Outcome::Undispatched:
        return tr("Dispatch stopped before this entry; poll is level-triggered, so it fires again next iteration.");
    }
    return {};
}

QVariant LoopHandlesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const LoopSnapshot::Handle &handle = row.handle;
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case WatchColumn:
            return handle.watch;
        case FdColumn:
            return handle.fd;
        case EventsColumn:
            return handleEventsText(handle.events);
        case CallbackColumn:
            return handle.callback ? QString::fromUtf8(handle.callback) : QString();
        case DeletedColumn:
            return handle.deleted ? 1 : 0;
        case PollColumn:
            return pollText(row);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == PollColumn)
            return pollToolTip(row);
        if (index.column() == DeletedColumn && handle.deleted)
            return tr("Marked deleted by virEventPollRemoveHandle; the next cleanup phase purges it.");
        return {};
    case Qt::ForegroundRole:
        if (handle.deleted)
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        if (isChanged(handle.watch))
            return QColor(Qt::black);
        return {};
    case Qt::BackgroundRole:
        if (isChanged(handle.watch))
            return changedColor();
        return {};
    case Qt::FontRole:
        if (handle.deleted) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == WatchColumn || index.column() == FdColumn || index.column() == DeletedColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case WatchRole:
        return handle.watch;
    default:
        return {};
    }
}

QVariant LoopHandlesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case WatchColumn:
            return tr("watch");
        case FdColumn:
            return tr("fd");
        case EventsColumn:
            return tr("events");
        case CallbackColumn:
            return tr("cb");
        case DeletedColumn:
            return tr("deleted");
        case PollColumn:
            return tr("this iteration");
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case WatchColumn:
            return tr("The id virEventAddHandle returned; ids are never reused");
        case FdColumn:
            return tr("The file descriptor polled for this handle");
        case EventsColumn:
            return tr("The events asked for: R readable, W writable, E error, H hangup");
        case CallbackColumn:
            return tr("The callback called when the fd is ready");
        case DeletedColumn:
            return tr("1 once removed: the record stays until a cleanup phase purges it");
        case PollColumn:
            return tr("What poll reported for this handle in the current iteration");
        case ColumnCount:
            break;
        }
    }
    return {};
}

} // namespace pollscope::ui
