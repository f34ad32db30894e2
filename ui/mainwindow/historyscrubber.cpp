#include "historyscrubber.h"

#include "session/tracecursor.h"
#include "session/tracestore.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>

namespace pollscope::ui {

HistoryScrubber::HistoryScrubber(TraceCursor *cursor, QWidget *parent)
    : QWidget(parent)
    , m_cursor(cursor)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_label(new QLabel(this))
    , m_stepBack(new QAction(this))
    , m_stepForward(new QAction(this))
{
    m_slider->setObjectName(QStringLiteral("history"));
    m_slider->setMinimumWidth(240);
    m_label->setMinimumWidth(160);
    m_stepBack->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_stepForward->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_label);

    TraceStore *store = cursor->store();
    connect(store, &TraceStore::reset, this, &HistoryScrubber::onStoreChanged);
    connect(store, &TraceStore::appended, this, &HistoryScrubber::onStoreChanged);
    connect(cursor, &TraceCursor::selectionChanged, this, &HistoryScrubber::onSelectionChanged);
    connect(m_slider, &QSlider::valueChanged, this, &HistoryScrubber::onSliderMoved);
    connect(m_stepBack, &QAction::triggered, this, [this] { stepBy(-1); });
    connect(m_stepForward, &QAction::triggered, this, [this] { stepBy(1); });
    retranslate();
    onStoreChanged();
}

void HistoryScrubber::stepBy(int offset)
{
    const qsizetype size = m_cursor->store()->size();
    if (size == 0)
        return;
    const qsizetype from = m_cursor->selected() >= 0 ? m_cursor->selected() : size - 1;
    m_cursor->select(std::clamp<qsizetype>(from + offset, 0, size - 1));
}

void HistoryScrubber::onStoreChanged()
{
    const qsizetype size = m_cursor->store()->size();
    const QSignalBlocker blocker(m_slider);
    m_slider->setRange(0, int(std::max<qsizetype>(size - 1, 0)));
    // Nothing selected: the slider sits at the newest event, and stays there live.
    m_slider->setValue(int(m_cursor->selected() >= 0 ? m_cursor->selected() : size - 1));
    m_slider->setEnabled(size > 0);
    updateLabel();
}

void HistoryScrubber::onSelectionChanged(qsizetype index)
{
    const QSignalBlocker blocker(m_slider);
    m_slider->setValue(int(index >= 0 ? index : m_cursor->store()->size() - 1));
    updateLabel();
}

void HistoryScrubber::onSliderMoved(int position)
{
    m_cursor->select(position);
}

void HistoryScrubber::updateLabel()
{
    const TraceStore *store = m_cursor->store();
    if (store->isEmpty()) {
        m_label->setText(tr("no events"));
        return;
    }
    const qsizetype index = m_cursor->selected() >= 0 ? m_cursor->selected() : store->size() - 1;
    const double ms = double(store->at(index).timeNs - store->startNs()) / 1e6;
    m_label->setText(m_cursor->selected() >= 0
                         ? tr("event %1 of %2, %3 ms").arg(index + 1).arg(store->size()).arg(ms, 0, 'f', 3)
                         : tr("newest of %1 events").arg(store->size()));
}

void HistoryScrubber::retranslate()
{
    m_stepBack->setText(tr("Step &Back One Event"));
    m_stepForward->setText(tr("Step &Forward One Event"));
    m_slider->setToolTip(tr("Rewind: drag to see the loop as it was at any moment (%1 and %2 step one event)")
                             .arg(m_stepBack->shortcut().toString(QKeySequence::NativeText),
                                  m_stepForward->shortcut().toString(QKeySequence::NativeText)));
    updateLabel();
}

void HistoryScrubber::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace pollscope::ui
