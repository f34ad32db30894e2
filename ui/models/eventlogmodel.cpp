#include "eventlogmodel.h"

#include "eventtext.h"

#include "session/tracestore.h"
#include "timeline/timelinestyle.h"

#include <QPainter>
#include <QPixmap>

namespace pollscope::ui {

namespace {

QIcon familyIcon(EventFamily family)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(TimelineStyle::familyColor(family));
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pixmap);
}

} // namespace

EventLogModel::EventLogModel(TraceStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_rowCount(int(store->size()))
{
    for (size_t family = 0; family < m_familyIcons.size(); ++family)
        m_familyIcons[family] = familyIcon(EventFamily(family));
    connect(store, &TraceStore::reset, this, &EventLogModel::onStoreReset);
    connect(store, &TraceStore::appended, this, &EventLogModel::onStoreAppended);
}

void EventLogModel::onStoreReset()
{
    beginResetModel();
    m_rowCount = int(m_store->size());
    endResetModel();
}

void EventLogModel::onStoreAppended(qsizetype first, qsizetype count)
{
    if (count <= 0)
        return;
    // A batch that does not continue what views know of means the two drifted apart
    // (a signal was missed); a reset puts them back in step.
    if (first != m_rowCount || first + count != m_store->size()) {
        onStoreReset();
        return;
    }
    beginInsertRows({}, int(first), int(first + count - 1));
    m_rowCount = int(first + count);
    endInsertRows();
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QModelIndex EventLogModel::indexOfStoreIndex(qsizetype storeIndex, int column) const
{
    if (storeIndex < 0 || storeIndex >= m_rowCount)
        return {};
    return index(int(storeIndex), column);
}

void EventLogModel::retranslate()
{
    m_summary.retranslate();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_rowCount > 0)
        emit dataChanged(index(0, 0), index(m_rowCount - 1, ColumnCount - 1));
}

QVariant EventLogModel::displayData(const TraceEvent &event, int column) const
{
    switch (Column(column)) {
    case SeqColumn:
        return QVariant::fromValue<qulonglong>(event.seq);
    case TimeColumn:
        return formatDuration(event.timeNs - m_store->startNs());
    case ThreadColumn:
        return m_store->threadName(event.thread);
    case FunctionColumn:
        return QLatin1StringView(event.function());
    case KindColumn:
        return QLatin1StringView(eventKindInfo(event.kind).name);
    case WatchColumn:
        return event.has(TraceField::Watch) ? QVariant(event.watch) : QVariant();
    case FdColumn:
        return event.has(TraceField::Fd) ? QVariant(event.fd) : QVariant();
    case ClientColumn:
        return event.has(TraceField::Client) ? QVariant(event.client) : QVariant();
    case SummaryColumn:
        return m_summary.text(event);
    case ColumnCount:
        break;
    }
    return {};
}

QString EventLogModel::toolTip(const TraceEvent &event) const
{
    const EventKindInfo &info = eventKindInfo(event.kind);
    QString tip = tr("#%1 %2 on %3").arg(event.seq).arg(QLatin1StringView(info.function), m_store->threadName(event.thread));
    tip += u'\n' + tr("kind %1, family %2").arg(QLatin1StringView(info.name), QLatin1StringView(eventFamilyName(info.family)));
    if (info.probe)
        tip += u'\n' + tr("libvirt probe %1").arg(QLatin1StringView(info.probe));
    tip += u'\n' + m_summary.text(event);
    return tip;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TraceEvent &event = m_store->at(index.row());
    const EventFamily family = eventKindInfo(event.kind).family;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(event, index.column());
    case Qt::ToolTipRole:
        return toolTip(event);
    case Qt::ForegroundRole:
        if (index.column() == FunctionColumn || index.column() == KindColumn)
            return TimelineStyle::familyColor(family);
        return {};
    case Qt::DecorationRole:
        if (index.column() == KindColumn)
            return m_familyIcons[size_t(family)];
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case SeqColumn:
        case TimeColumn:
        case WatchColumn:
        case FdColumn:
        case ClientColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case StoreIndexRole:
        return QVariant::fromValue<qsizetype>(index.row());
    case EventKindRole:
        return int(event.kind);
    case EventFamilyRole:
        return int(family);
    case TimeNsRole:
        return QVariant::fromValue<qint64>(event.timeNs - m_store->startNs());
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case SeqColumn:
            return tr("#");
        case TimeColumn:
            return tr("Time");
        case ThreadColumn:
            return tr("Thread");
        case FunctionColumn:
            return tr("Function");
        case KindColumn:
            return tr("Kind");
        case WatchColumn:
            return tr("Watch");
        case FdColumn:
            return tr("Fd");
        case ClientColumn:
            return tr("Client");
        case SummaryColumn:
            return tr("Summary");
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case SeqColumn:
            return tr("Sequence number: the total order of every event of the session");
        case TimeColumn:
            return tr("Time since the first event of the session");
        case ThreadColumn:
            return tr("The thread that recorded the event");
        case FunctionColumn:
            return tr("The libvirt function that performs the step");
        case KindColumn:
            return tr("The kind of step, as named in exported traces");
        case WatchColumn:
            return tr("The handle's watch id, as virEventAddHandle returned it");
        case FdColumn:
            return tr("The file descriptor involved");
        case ClientColumn:
            return tr("The daemon's client id");
        case SummaryColumn:
            return tr("What happened, in one line");
        case ColumnCount:
            break;
        }
    }
    return {};
}

} // namespace pollscope::ui
