// The one piece of view state all the views share: which event is selected.
// The timeline, the event log, the details and the loop state follow it, and any
// of them may move it (Hotspot passes one such object to every view).
#pragma once

#include <QObject>

namespace pollscope::ui {

class TraceStore;

class TraceCursor : public QObject
{
    Q_OBJECT

public:
    explicit TraceCursor(TraceStore *store, QObject *parent = nullptr);

    TraceStore *store() const { return m_store; }
    // Index into the store of the selected event, or -1.
    qsizetype selected() const { return m_selected; }
    void select(qsizetype index);
    void clearSelection() { select(-1); }

signals:
    void selectionChanged(qsizetype index);

private:
    TraceStore *m_store;
    qsizetype m_selected = -1;
};

} // namespace pollscope::ui
