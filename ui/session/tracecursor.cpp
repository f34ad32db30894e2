#include "tracecursor.h"

#include "tracestore.h"

namespace pollscope::ui {

TraceCursor::TraceCursor(TraceStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    connect(store, &TraceStore::reset, this, [this] { select(-1); });
}

void TraceCursor::select(qsizetype index)
{
    if (index < -1 || index >= m_store->size())
        index = -1;
    if (index == m_selected)
        return;
    m_selected = index;
    emit selectionChanged(index);
}

} // namespace pollscope::ui
