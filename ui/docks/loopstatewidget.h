// The loop state panel: libvirt's eventLoop at the moment the LoopStateModel
// stands at. A header with running, the leader, the iteration, the phase and the
// array sizes; the handles and timeouts arrays as tables; and this iteration's
// poll set with what poll returned ("fd 9:R|W -> fd 9:W").
#pragma once

#include "models/eventsummary.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableView;
class QTableWidget;

namespace pollscope::ui {

class LoopStateModel;

class LoopStateWidget : public QWidget
{
    Q_OBJECT

public:
    explicit LoopStateWidget(LoopStateModel *model, QWidget *parent = nullptr);

    LoopStateModel *model() const { return m_model; }
    // The texts as shown, for tests.
    QString headerText() const;
    QString pollSetText() const;
    QString positionText() const;
    QTableView *handlesView() const { return m_handles; }
    // The poll set of the iteration, one row per pollfd: fd, events asked, revents.
    QTableWidget *pollSetTable() const { return m_pollTable; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void refresh();
    void fillPollTable();
    QString phaseText() const;

    LoopStateModel *m_model;
    EventSummary m_summary; // words where step control holds the loop
    QLabel *m_header;
    QTableView *m_handles;
    QLabel *m_pollSet;
    QTableWidget *m_pollTable;
    QTableView *m_timeouts;
    QLabel *m_position;
    QCheckBox *m_follow;
};

} // namespace pollscope::ui
