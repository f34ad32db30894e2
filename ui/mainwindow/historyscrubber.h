// Rewind: a slider over the whole recorded history, live or paused. Moving it
// selects that moment, so the loop state, the details and the timeline show the
// loop as it was then; the step actions move one event at a time.
#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QSlider;

namespace pollscope::ui {

class TraceCursor;

class HistoryScrubber : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryScrubber(TraceCursor *cursor, QWidget *parent = nullptr);

    QSlider *slider() const { return m_slider; }
    QAction *stepBackAction() const { return m_stepBack; }
    QAction *stepForwardAction() const { return m_stepForward; }

public slots:
    // Selects the event `offset` events away from the selected one (or the newest).
    void stepBy(int offset);

private:
    void onStoreChanged();
    void onSelectionChanged(qsizetype index);
    void onSliderMoved(int position);
    void updateLabel();
    void retranslate();
    void changeEvent(QEvent *event) override;

    TraceCursor *m_cursor;
    QSlider *m_slider;
    QLabel *m_label;
    QAction *m_stepBack;
    QAction *m_stepForward;
};

} // namespace pollscope::ui
