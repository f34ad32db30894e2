// The guided tour of the seed: its stops are the scenarios in scenarios/tour, one per
// section of the study note. Next and Back move between stops; each stop opens and
// plays its scenario, and when it ends the window selects the event that matters.
#pragma once

#include <QObject>
#include <QStringList>

class QAction;

namespace pollscope::ui {

class MainWindow;

class Tour : public QObject
{
    Q_OBJECT

public:
    Tour(MainWindow *window, QStringList stops);

    int stopCount() const { return int(m_stops.size()); }
    // The stop shown, or -1 before the tour starts.
    int currentStop() const { return m_current; }
    bool isActive() const { return m_current >= 0; }

    QAction *nextAction() const { return m_next; }
    QAction *backAction() const { return m_back; }

public slots:
    // Opens stop `index` and plays it.
    void goTo(int index);
    void start() { goTo(0); }
    void next() { goTo(m_current + 1); }
    void back() { goTo(m_current - 1); }
    // Leaves the tour (another file was opened).
    void leave();

signals:
    void stopChanged(int index, int count);

private:
    void updateActions();
    void retranslate();
    bool eventFilter(QObject *watched, QEvent *event) override;

    MainWindow *m_window;
    QStringList m_stops;
    int m_current = -1;
    QAction *m_next;
    QAction *m_back;
};

} // namespace pollscope::ui
