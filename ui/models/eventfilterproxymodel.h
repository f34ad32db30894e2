// Filters the event log by thread, watch, client, function and free text.
//
// All the filters that are set must match (they are ANDed); an unset filter
// matches everything. A thread, watch or client filter keeps only the events
// that carry that field with that value. The free text matches, ignoring case,
// anywhere in the function, the kind, the summary or the event's own text.
//
// The source must be an EventLogModel: the filter reads events straight from its
// store, and writes each summary into one reused buffer, so that filtering a
// million rows allocates next to nothing.
#pragma once

#include "trace/traceevent.h"

#include <QByteArray>
#include <QSortFilterProxyModel>

#include <bitset>
#include <optional>

namespace pollscope::ui {

class EventLogModel;

class EventFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit EventFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *sourceModel) override;
    EventLogModel *eventLogModel() const { return m_log; }

    std::optional<uint16_t> threadFilter() const { return m_thread; }
    // Only events recorded by this thread (an index into the store's thread names).
    void setThreadFilter(std::optional<uint16_t> thread);

    std::optional<int> watchFilter() const { return m_watch; }
    void setWatchFilter(std::optional<int> watch);

    std::optional<int> clientFilter() const { return m_client; }
    void setClientFilter(std::optional<int> client);

    QString functionFilter() const { return m_function; }
    // Only events of this libvirt function, by exact name; empty for any.
    void setFunctionFilter(const QString &function);

    QString textFilter() const { return m_text; }
    // Empty for any text.
    void setTextFilter(const QString &text);

    bool hasFilter() const;
    void clearFilters();

    // The store index of a row of this proxy, or -1.
    qsizetype storeIndex(int proxyRow) const;
    // The proxy row showing a store index, or -1 when it is filtered out.
    int proxyRow(qsizetype storeIndex) const;

signals:
    void filtersChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void filtersEdited();
    bool matchesText(const TraceEvent &event) const;

    EventLogModel *m_log = nullptr;
    std::optional<uint16_t> m_thread;
    std::optional<int> m_watch;
    std::optional<int> m_client;
    QString m_function;
    // The kinds whose function is m_function, so a row is checked by one bit test.
    std::bitset<size_t(EventKind::Count)> m_functionKinds;
    QString m_text;
    // m_text lower-cased in UTF-8, to search the ASCII names and texts byte-wise.
    QByteArray m_textUtf8Lower;
    // Reused for every row's summary; filtering runs on the GUI thread only.
    mutable QString m_summaryBuffer;
};

} // namespace pollscope::ui
