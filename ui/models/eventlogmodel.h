// The event log: one row per event of the TraceStore, in store (seq) order.
//
// Rows are the store's indices, so a row number is a store index. The model
// follows the store's batches: one beginInsertRows per appended() batch, one
// model reset per reset(). Between the store growing and the model hearing of
// it, rowCount() still reports the old size, as the item-model contract wants.
#pragma once

#include "eventsummary.h"

#include <QAbstractTableModel>
#include <QIcon>

#include <array>

namespace pollscope::ui {

class TraceStore;

class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SeqColumn,
        TimeColumn,
        ThreadColumn,
        FunctionColumn,
        KindColumn,
        WatchColumn,
        FdColumn,
        ClientColumn,
        SummaryColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        StoreIndexRole = Qt::UserRole + 1, // qsizetype: the row's index in the TraceStore
        EventKindRole,                     // int: the EventKind
        EventFamilyRole,                   // int: the EventFamily
        TimeNsRole,                        // qint64: nanoseconds since the session start
    };
    Q_ENUM(Role)

    explicit EventLogModel(TraceStore *store, QObject *parent = nullptr);

    TraceStore *store() const { return m_store; }
    // The summary writer, shared with the filter so that both read the same text.
    const EventSummary &summary() const { return m_summary; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The row of a store index (they are equal; this states it at call sites).
    QModelIndex indexOfStoreIndex(qsizetype storeIndex, int column = SeqColumn) const;

    // After a change of the application's language: the summaries' templates are
    // looked up again, and views fetch the headers and every row anew.
    void retranslate();

private:
    void onStoreReset();
    void onStoreAppended(qsizetype first, qsizetype count);
    QVariant displayData(const TraceEvent &event, int column) const;
    QString toolTip(const TraceEvent &event) const;

    TraceStore *m_store;
    EventSummary m_summary;
    // Rows announced to views so far; the store may already hold more.
    int m_rowCount = 0;
    std::array<QIcon, size_t(EventFamily::Control) + 1> m_familyIcons;
};

} // namespace pollscope::ui
