#include "eventfilterproxymodel.h"

#include "eventlogmodel.h"

#include "session/tracestore.h"

#include <cstring>

namespace pollscope::ui {

namespace {

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

// Whether `haystack` contains `needle` (already lower-case), ignoring ASCII case.
// Non-ASCII bytes must match exactly, which keeps this allocation-free.
bool containsAsciiCaseInsensitive(const char *haystack, const QByteArray &needle)
{
    if (!haystack)
        return false;
    const size_t length = std::strlen(haystack);
    const size_t needleLength = size_t(needle.size());
    if (needleLength > length)
        return false;
    const char *pattern = needle.constData();
    for (size_t start = 0; start + needleLength <= length; ++start) {
        size_t i = 0;
        while (i < needleLength && asciiLower(haystack[start + i]) == pattern[i])
            ++i;
        if (i == needleLength)
            return true;
    }
    return false;
}

} // namespace

EventFilterProxyModel::EventFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void EventFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_log = qobject_cast<EventLogModel *>(sourceModel);
    Q_ASSERT_X(!sourceModel || m_log, "EventFilterProxyModel", "the source must be an EventLogModel");
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void EventFilterProxyModel::filtersEdited()
{
    // invalidateFilter() announces every run of newly (un)matched rows with its own
    // insert or remove, each shifting the row mapping: with a million interleaved
    // rows that is quadratic. invalidate() drops the mapping and rebuilds it in one
    // pass, announced as a layout change.
    invalidate();
    emit filtersChanged();
}

void EventFilterProxyModel::setThreadFilter(std::optional<uint16_t> thread)
{
    if (thread == m_thread)
        return;
    m_thread = thread;
    filtersEdited();
}

void EventFilterProxyModel::setWatchFilter(std::optional<int> watch)
{
    if (watch == m_watch)
        return;
    m_watch = watch;
    filtersEdited();
}

void EventFilterProxyModel::setClientFilter(std::optional<int> client)
{
    if (client == m_client)
        return;
    m_client = client;
    filtersEdited();
}

void EventFilterProxyModel::setFunctionFilter(const QString &function)
{
    if (function == m_function)
        return;
    m_function = function;
    m_functionKinds.reset();
    const QByteArray name = function.toLatin1();
    for (size_t kind = 0; kind < m_functionKinds.size(); ++kind)
        m_functionKinds[kind] = name == eventKindInfo(EventKind(kind)).function;
    filtersEdited();
}

void EventFilterProxyModel::setTextFilter(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_textUtf8Lower = text.toLower().toUtf8();
    filtersEdited();
}

bool EventFilterProxyModel::hasFilter() const
{
    return m_thread || m_watch || m_client || !m_function.isEmpty() || !m_text.isEmpty();
}

void EventFilterProxyModel::clearFilters()
{
    if (!hasFilter())
        return;
    m_thread.reset();
    m_watch.reset();
    m_client.reset();
    m_function.clear();
    m_functionKinds.reset();
    m_text.clear();
    m_textUtf8Lower.clear();
    filtersEdited();
}

qsizetype EventFilterProxyModel::storeIndex(int proxyRow) const
{
    const QModelIndex source = mapToSource(index(proxyRow, 0));
    return source.isValid() ? source.row() : -1;
}

int EventFilterProxyModel::proxyRow(qsizetype storeIndex) const
{
    if (!sourceModel() || storeIndex < 0 || storeIndex >= sourceModel()->rowCount())
        return -1;
    const QModelIndex proxy = mapFromSource(sourceModel()->index(int(storeIndex), 0));
    return proxy.isValid() ? proxy.row() : -1;
}

bool EventFilterProxyModel::matchesText(const TraceEvent &event) const
{
    const EventKindInfo &info = eventKindInfo(event.kind);
    if (containsAsciiCaseInsensitive(info.function, m_textUtf8Lower)
        || containsAsciiCaseInsensitive(info.name, m_textUtf8Lower)
        || containsAsciiCaseInsensitive(event.text, m_textUtf8Lower))
        return true;
    m_summaryBuffer.truncate(0);
    m_log->summary().append(m_summaryBuffer, event);
    return QStringView(m_summaryBuffer).contains(m_text, Qt::CaseInsensitive);
}

bool EventFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_log || sourceParent.isValid())
        return true;
    const TraceEvent &event = m_log->store()->at(sourceRow);
    if (m_thread && event.thread != *m_thread)
        return false;
    if (m_watch && !(event.has(TraceField::Watch) && event.watch == *m_watch))
        return false;
    if (m_client && !(event.has(TraceField::Client) && event.client == *m_client))
        return false;
    if (!m_function.isEmpty() && !m_functionKinds[size_t(event.kind)])
        return false;
    return m_text.isEmpty() || matchesText(event);
}

} // namespace pollscope::ui
