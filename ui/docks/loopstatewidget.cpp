#include "loopstatewidget.h"

#include "models/eventtext.h"
#include "models/loophandlesmodel.h"
#include "models/loopstatemodel.h"
#include "models/looptimeoutsmodel.h"
#include "session/tracestore.h"

#include "eventpoll/eventhandle.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pollscope::ui {

namespace {

// `stretch` is the column that takes the width left over.
QTableView *makeTable(QAbstractItemModel *model, int stretch, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionMode(QAbstractItemView::NoSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(stretch, QHeaderView::Stretch);
    // Every row in sight: the table is as tall as its rows, and the panel scrolls.
    view->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return view;
}

} // namespace

LoopStateWidget::LoopStateWidget(LoopStateModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_header(new QLabel(this))
    , m_handles(makeTable(model->handlesModel(), LoopHandlesModel::PollColumn, this))
    , m_pollSet(new QLabel(this))
    , m_pollTable(new QTableWidget(this))
    , m_timeouts(makeTable(model->timeoutsModel(), LoopTimeoutsModel::CallbackColumn, this))
    , m_position(new QLabel(this))
    , m_follow(new QCheckBox(this))
{
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pollSet->setWordWrap(true);
    m_pollSet->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_pollTable->setColumnCount(4);
    m_pollTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_pollTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_pollTable->setShowGrid(false);
    m_pollTable->verticalHeader()->hide();
    m_pollTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_pollTable->horizontalHeader()->setStretchLastSection(true);
    m_pollTable->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_pollTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_pollTable->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_position, 1);
    bottom->addWidget(m_follow);
    auto *content = new QWidget(this);
    auto *tables = new QVBoxLayout(content);
    tables->setContentsMargins(0, 0, 0, 0);
    tables->addWidget(m_header);
    tables->addWidget(m_handles);
    tables->addWidget(m_pollSet);
    tables->addWidget(m_pollTable);
    tables->addWidget(m_timeouts);
    tables->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(scroll, 1);
    layout->addLayout(bottom);

    connect(m_model, &LoopStateModel::stateChanged, this, &LoopStateWidget::refresh);
    connect(m_model, &LoopStateModel::followsNewestChanged, m_follow, &QCheckBox::setChecked);
    connect(m_follow, &QCheckBox::toggled, m_model, &LoopStateModel::setFollowsNewest);
    m_follow->setChecked(m_model->followsNewest());
    retranslate();
    refresh();
}

void LoopStateWidget::retranslate()
{
    m_pollTable->setHorizontalHeaderLabels({tr("fd"), tr("watch"), tr("events"), tr("revents")});
    m_follow->setText(tr("Follow the newest event"));
    m_follow->setToolTip(tr("Show the loop as it is now; untick to keep it at the event you rewound to"));
}

void LoopStateWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->handlesModel()->retranslate();
        m_model->timeoutsModel()->retranslate();
        m_summary.retranslate();
        refresh();
    }
    QWidget::changeEvent(event);
}

QString LoopStateWidget::phaseText() const
{
    const LoopSnapshot &state = m_model->state();
    if (state.heldBy)
        return tr("held by step control %1").arg(m_summary.reasonText(*state.heldBy));
    if (!state.phase)
        return tr("not started");
    const EventKind phase = *state.phase;
    if (phase == EventKind::PollBegin) {
        if (!state.pollTimeout || *state.pollTimeout < 0)
            return tr("sleeping in poll(), no timeout");
        return tr("sleeping in poll(), timeout %1 ms").arg(*state.pollTimeout);
    }
    if (phase == EventKind::RunOnceEnd)
        return tr("between iterations");
    if (phase == EventKind::RunOnceError)
        return tr("the last iteration failed");
    return tr("in %1").arg(QLatin1StringView(eventKindInfo(phase).function));
}

QString LoopStateWidget::headerText() const
{
    const LoopSnapshot &state = m_model->state();
    const QString leader =
        state.leaderThread < 0 ? tr("none") : m_model->store()->threadName(uint16_t(state.leaderThread));
    return tr("running=%1 · leader=%2 · iteration %3 · %4\n"
              "handlesCount=%5 handlesAlloc=%6 · timeoutsCount=%7 timeoutsAlloc=%8")
        .arg(state.running ? 1 : 0)
        .arg(leader)
        .arg(state.iterations)
        .arg(phaseText())
        .arg(state.handles.size())
        .arg(state.handlesAlloc)
        .arg(state.timeouts.size())
        .arg(state.timeoutsAlloc);
}

QString LoopStateWidget::positionText() const
{
    const qsizetype position = m_model->position();
    const TraceStore *store = m_model->store();
    if (position < 0)
        return tr("Before the first event");
    return tr("After event #%1 of %2").arg(store->at(position).seq).arg(store->size());
}

QString LoopStateWidget::pollSetText() const
{
    const LoopSnapshot &state = m_model->state();
    if (state.pollFds.empty())
        return tr("Poll set of this iteration: not built yet");
    QStringList polled;
    QStringList returned;
    for (const LoopSnapshot::PollFd &p : state.pollFds) {
        polled << QStringLiteral("%1:%2").arg(p.fd).arg(handleEventsText(p.events));
        if (p.revents == 0)
            continue;
        QString entry = QStringLiteral("%1:%2").arg(p.fd).arg(handleEventsText(fromNativeEvents(p.revents)));
        if (p.outcome == LoopSnapshot::PollOutcome::SkippedDeleted)
            entry += tr(" (deleted, skipped)");
        else if (p.outcome == LoopSnapshot::PollOutcome::Undispatched)
            entry += tr(" (not dispatched)");
        returned << entry;
    }
    QString result;
    if (!state.pollResult)
        result = tr("poll has not returned");
    else if (*state.pollResult < 0)
        result = tr("poll failed");
    else if (returned.isEmpty())
        result = tr("poll returned %1").arg(*state.pollResult);
    else
        result = returned.join(u' ');
    return tr("Poll set of iteration %1: %2 → %3").arg(state.iterations).arg(polled.join(u' '), result);
}

void LoopStateWidget::fillPollTable()
{
    const LoopSnapshot &state = m_model->state();
    m_pollTable->setRowCount(int(state.pollFds.size()));
    for (int row = 0; row < int(state.pollFds.size()); ++row) {
        const LoopSnapshot::PollFd &p = state.pollFds[size_t(row)];
        QString returned;
        if (p.outcome == LoopSnapshot::PollOutcome::Waiting)
            returned = tr("poll has not returned");
        else if (p.revents == 0)
            returned = tr("nothing");
        else
            returned = handleEventsText(fromNativeEvents(p.revents));
        if (p.outcome == LoopSnapshot::PollOutcome::SkippedDeleted)
            returned += tr(" (deleted, skipped)");
        else if (p.outcome == LoopSnapshot::PollOutcome::Undispatched)
            returned += tr(" (not dispatched)");
        const QStringList cells = {QString::number(p.fd), QString::number(p.watch), handleEventsText(p.events),
                                   returned};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = m_pollTable->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_pollTable->setItem(row, column, item);
            }
            item->setText(cells[column]);
        }
    }
}

void LoopStateWidget::refresh()
{
    m_header->setText(headerText());
    m_pollSet->setText(pollSetText());
    fillPollTable();
    m_position->setText(positionText());
}

} // namespace pollscope::ui
