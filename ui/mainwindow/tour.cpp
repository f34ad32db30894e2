#include "tour.h"

#include "mainwindow.h"

#include <QAction>
#include <QEvent>
#include <QStyle>

namespace pollscope::ui {

Tour::Tour(MainWindow *window, QStringList stops)
    : QObject(window)
    , m_window(window)
    , m_stops(std::move(stops))
    , m_next(new QAction(window))
    , m_back(new QAction(window))
{
    m_next->setIcon(window->style()->standardIcon(QStyle::SP_ArrowForward));
    m_back->setIcon(window->style()->standardIcon(QStyle::SP_ArrowBack));
    m_next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    m_back->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    m_next->setObjectName(QStringLiteral("tourNext"));
    m_back->setObjectName(QStringLiteral("tourBack"));
    connect(m_next, &QAction::triggered, this, &Tour::next);
    connect(m_back, &QAction::triggered, this, &Tour::back);
    window->installEventFilter(this);
    retranslate();
    updateActions();
}

void Tour::goTo(int index)
{
    if (index < 0 || index >= stopCount())
        return;
    m_current = index;
    updateActions();
    emit stopChanged(index, stopCount());
    m_window->openFile(m_stops[index], true);
}

void Tour::leave()
{
    m_current = -1;
    updateActions();
    emit stopChanged(-1, stopCount());
}

void Tour::updateActions()
{
    m_next->setEnabled(m_current + 1 < stopCount());
    m_back->setEnabled(m_current > 0);
}

void Tour::retranslate()
{
    m_next->setText(tr("&Next Stop"));
    m_next->setToolTip(tr("The next stop of the guided tour (%1)")
                           .arg(m_next->shortcut().toString(QKeySequence::NativeText)));
    m_back->setText(tr("&Previous Stop"));
    m_back->setToolTip(tr("The previous stop of the guided tour (%1)")
                           .arg(m_back->shortcut().toString(QKeySequence::NativeText)));
}

bool Tour::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

} // namespace pollscope::ui
