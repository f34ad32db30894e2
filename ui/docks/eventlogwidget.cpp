#include "eventlogwidget.h"

#include "models/eventfilterproxymodel.h"
#include "models/eventlogmodel.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace pollscope::ui {

namespace {

constexpr int kAny = -1;

int chosen(const QComboBox *chooser)
{
    const QVariant data = chooser->currentData();
    return data.isValid() ? data.toInt() : kAny;
}

std::optional<int> chosenFilter(const QComboBox *chooser)
{
    const int value = chosen(chooser);
    return value == kAny ? std::nullopt : std::optional(value);
}

} // namespace

EventLogWidget::EventLogWidget(TraceCursor *cursor, QWidget *parent)
    : QWidget(parent)
    , m_cursor(cursor)
    , m_store(cursor->store())
    , m_model(new EventLogModel(m_store, this))
    , m_filter(new EventFilterProxyModel(this))
    , m_text(new QLineEdit(this))
    , m_thread(new QComboBox(this))
    , m_watch(new QComboBox(this))
    , m_client(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_count(new QLabel(this))
{
    m_filter->setSourceModel(m_model);

    m_text->setClearButtonEnabled(true);
    // The filter box keeps room to type in, however many choosers sit beside it.
    m_text->setMinimumWidth(fontMetrics().averageCharWidth() * 16);
    // The choosers fit their longest entry where there is room, and give way (their
    // text elided) on a small screen.
    for (QComboBox *chooser : {m_thread, m_watch, m_client}) {
        chooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        chooser->setMinimumWidth(fontMetrics().averageCharWidth() * 8);
    }

    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    // Fixed row heights and column widths: nothing is measured per row, which keeps
    // a million-row log as quick to scroll as a short one.
    QHeaderView *rows = m_view->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView *columns = m_view->horizontalHeader();
    columns->setStretchLastSection(true);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const std::pair<int, int> widths[] = {
        {EventLogModel::SeqColumn, 7}, {EventLogModel::TimeColumn, 11}, {EventLogModel::ThreadColumn, 9},
        {EventLogModel::FunctionColumn, 26}, {EventLogModel::KindColumn, 19}, {EventLogModel::WatchColumn, 6},
        {EventLogModel::FdColumn, 4}, {EventLogModel::ClientColumn, 6},
    };
    for (const auto &[column, characters] : widths)
        columns->resizeSection(column, characters * digit);

    auto *choosers = new QHBoxLayout;
    choosers->addWidget(m_text, 1);
    choosers->addWidget(m_thread);
    choosers->addWidget(m_watch);
    choosers->addWidget(m_client);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(choosers);
    layout->addWidget(m_view);
    // Under the log, not beside the choosers: the count grows with the trace, and
    // there it never widens the window past a small screen.
    layout->addWidget(m_count);

    connect(m_text, &QLineEdit::textChanged, m_filter, &EventFilterProxyModel::setTextFilter);
    // The selected event may have been filtered out, or be shown again.
    connect(m_filter, &EventFilterProxyModel::filtersChanged, this, [this] { onCursorMoved(m_cursor->selected()); });
    for (QComboBox *chooser : {m_thread, m_watch, m_client})
        connect(chooser, &QComboBox::currentIndexChanged, this, &EventLogWidget::onChoosersChanged);
    connect(m_store, &TraceStore::reset, this, &EventLogWidget::onStoreReset);
    connect(m_store, &TraceStore::appended, this, &EventLogWidget::onStoreAppended);
    connect(m_cursor, &TraceCursor::selectionChanged, this, &EventLogWidget::onCursorMoved);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventLogWidget::onCurrentRowChanged);
    // Pinned to the bottom is decided before rows arrive, and acted on after.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_pinnedToBottom = bar->value() == bar->maximum();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_pinnedToBottom)
            m_view->scrollToBottom();
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &EventLogWidget::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &EventLogWidget::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &EventLogWidget::updateCount);
    connect(m_filter, &EventFilterProxyModel::filtersChanged, this, &EventLogWidget::updateCount);
    retranslate();
    onStoreReset();
}

void EventLogWidget::retranslate()
{
    m_text->setPlaceholderText(tr("Filter: function, kind or text"));
    updateCount();
}

void EventLogWidget::updateCount()
{
    const int shown = m_filter->rowCount();
    const qsizetype all = m_store->size();
    m_count->setText(tr("%1 of %2 shown").arg(shown).arg(all));
    // A filter left from before that hides everything must not look like an empty log.
    const bool hidesAll = shown == 0 && all > 0;
    m_count->setStyleSheet(hidesAll ? QStringLiteral("color: #b00020; font-weight: bold") : QString());
    m_count->setToolTip(hidesAll ? tr("The filters hide every event: clear the text or choose \"all\"") : QString());
}

void EventLogWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
        // The text filter searches the summaries, which now read differently.
        if (!m_filter->textFilter().isEmpty())
            m_filter->invalidate();
        fillWatchChooser();
        fillClientChooser();
        fillThreadChooser();
        onCursorMoved(m_cursor->selected());
    }
    QWidget::changeEvent(event);
}

void EventLogWidget::fillChooser(QComboBox *chooser, const QString &anyText, const std::set<int> &values,
                                 const QString &valueText)
{
    const int current = chosen(chooser);
    const QSignalBlocker blocker(chooser);
    chooser->clear();
    chooser->addItem(anyText, kAny);
    for (const int value : values)
        chooser->addItem(valueText.arg(value), value);
    chooser->setCurrentIndex(std::max(0, chooser->findData(current)));
}

void EventLogWidget::fillWatchChooser()
{
    fillChooser(m_watch, tr("all watches"), m_watches, tr("watch %1"));
}

void EventLogWidget::fillClientChooser()
{
    fillChooser(m_client, tr("all clients"), m_clients, tr("client %1"));
}

void EventLogWidget::fillThreadChooser()
{
    const int current = chosen(m_thread);
    const QSignalBlocker blocker(m_thread);
    m_thread->clear();
    m_thread->addItem(tr("all threads"), kAny);
    for (size_t id = 0; id < m_store->threadNames().size(); ++id)
        m_thread->addItem(QString::fromStdString(m_store->threadNames()[id]), int(id));
    m_thread->setCurrentIndex(std::max(0, m_thread->findData(current)));
}

void EventLogWidget::collectChoices(qsizetype first, qsizetype count)
{
    const size_t watches = m_watches.size();
    const size_t clients = m_clients.size();
    for (qsizetype i = first; i < first + count; ++i) {
        const TraceEvent &event = m_store->at(i);
        if (event.has(TraceField::Watch) && event.watch > 0)
            m_watches.insert(event.watch);
        if (event.has(TraceField::Client))
            m_clients.insert(event.client);
    }
    if (m_watches.size() != watches || m_watch->count() == 0)
        fillWatchChooser();
    if (m_clients.size() != clients || m_client->count() == 0)
        fillClientChooser();
    if (size_t(m_thread->count()) != m_store->threadNames().size() + 1)
        fillThreadChooser();
}

void EventLogWidget::onStoreReset()
{
    m_watches.clear();
    m_clients.clear();
    for (QComboBox *chooser : {m_thread, m_watch, m_client}) {
        const QSignalBlocker blocker(chooser);
        chooser->clear();
    }
    collectChoices(0, m_store->size());
    // Choices that no longer exist fell back to "all"; the filter follows them.
    onChoosersChanged();
}

void EventLogWidget::onStoreAppended(qsizetype first, qsizetype count)
{
    collectChoices(first, count);
}

void EventLogWidget::onChoosersChanged()
{
    const std::optional<int> thread = chosenFilter(m_thread);
    m_filter->setThreadFilter(thread ? std::optional(uint16_t(*thread)) : std::nullopt);
    m_filter->setWatchFilter(chosenFilter(m_watch));
    m_filter->setClientFilter(chosenFilter(m_client));
}

void EventLogWidget::onCursorMoved(qsizetype index)
{
    if (m_syncing)
        return;
    const int row = m_filter->proxyRow(index);
    m_syncing = true;
    if (row < 0) {
        m_view->selectionModel()->clear();
    } else {
        const QModelIndex current = m_filter->index(row, EventLogModel::SeqColumn);
        m_view->selectionModel()->setCurrentIndex(current, QItemSelectionModel::ClearAndSelect
                                                               | QItemSelectionModel::Rows);
        m_view->scrollTo(current);
    }
    m_syncing = false;
}

void EventLogWidget::onCurrentRowChanged()
{
    if (m_syncing)
        return;
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    m_syncing = true;
    m_cursor->select(m_filter->storeIndex(current.row()));
    m_syncing = false;
}

} // namespace pollscope::ui
