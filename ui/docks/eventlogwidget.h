// The event log panel: every event of the store in a table, with a free-text
// filter and thread, watch and client choosers above it.
//
// The table's current row and the TraceCursor follow each other. While the view
// is scrolled to the bottom, it stays there as batches arrive, so a live run
// scrolls by; scrolled up, it stays where the reader left it.
#pragma once

#include <QWidget>

#include <set>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace pollscope::ui {

class EventFilterProxyModel;
class EventLogModel;
class TraceCursor;
class TraceStore;

class EventLogWidget : public QWidget
{
    Q_OBJECT

public:
    explicit EventLogWidget(TraceCursor *cursor, QWidget *parent = nullptr);

    EventLogModel *model() const { return m_model; }
    EventFilterProxyModel *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }
    QLineEdit *textEdit() const { return m_text; }
    QComboBox *threadChooser() const { return m_thread; }
    QComboBox *watchChooser() const { return m_watch; }
    QComboBox *clientChooser() const { return m_client; }
    // "25 of 25 shown", "0 of 25 shown": how much of the log the filters let through.
    QLabel *countLabel() const { return m_count; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void onStoreReset();
    void onStoreAppended(qsizetype first, qsizetype count);
    void onCursorMoved(qsizetype index);
    void onCurrentRowChanged();
    void onChoosersChanged();
    // Adds the threads, watches and clients of events [first, first + count) to the choosers.
    void collectChoices(qsizetype first, qsizetype count);
    static void fillChooser(QComboBox *chooser, const QString &anyText, const std::set<int> &values,
                            const QString &valueText);
    void fillWatchChooser();
    void fillClientChooser();
    void fillThreadChooser();
    void updateCount();

    TraceCursor *m_cursor;
    TraceStore *m_store;
    EventLogModel *m_model;
    EventFilterProxyModel *m_filter;
    QLineEdit *m_text;
    QComboBox *m_thread;
    QComboBox *m_watch;
    QComboBox *m_client;
    QTableView *m_view;
    QLabel *m_count;
    std::set<int> m_watches;
    std::set<int> m_clients;
    bool m_syncing = false;
    bool m_pinnedToBottom = true;
};

} // namespace pollscope::ui
