// Two traces one above the other, aligned by client message: the replica's run and
// the real libvirtd's run of the same session, the Nth call of a client on each side
// shown together. Selecting a call, or any step of one, brings the same call into
// view on both sides, and a note says how the step differs between 0.9 and 9.
#pragma once

#include "trace/callalignment.h"
#include "trace/tracesession.h"

#include <QWidget>

#include <array>
#include <optional>
#include <utility>
#include <vector>

class QLabel;
class QListWidget;

namespace pollscope::ui {

class TimelineWidget;
class TraceCursor;
class TraceStore;

class CompareWindow : public QWidget
{
    Q_OBJECT

public:
    explicit CompareWindow(QWidget *parent = nullptr);

    // Opens a trace or a libvirtd log on each side; false, with lastError(), if one
    // cannot be read.
    bool open(const QString &top, const QString &bottom);
    QString lastError() const { return m_lastError; }
    // Shows two traces already loaded (a scenario's replica run and its real libvirtd
    // run), each titled with its side and `name`.
    void setTraces(TraceSession top, TraceSession bottom, const QString &topName, const QString &bottomName);

    // The calls both sides have, as pairs of indices into calls(side).
    const std::vector<std::pair<size_t, size_t>> &alignedCalls() const { return m_aligned; }
    const std::vector<ClientCall> &calls(int side) const { return m_sides[size_t(side)].calls; }
    TraceStore *store(int side) const { return m_sides[size_t(side)].store; }
    TraceCursor *cursor(int side) const { return m_sides[size_t(side)].cursor; }
    TimelineWidget *timeline(int side) const { return m_sides[size_t(side)].timeline; }
    // Brings the aligned call `row` into view on both sides and selects its receipt.
    void showCall(int row);
    int currentCall() const { return m_currentCall; }
    // How the selected step differs between 0.9 and 9, in words.
    QString explanation() const;

    // The difference between libvirt 0.9 and 9 at a step of this kind, or empty.
    static QString differenceAt(EventKind kind);

private:
    struct Side
    {
        TraceStore *store = nullptr;
        TraceCursor *cursor = nullptr;
        TimelineWidget *timeline = nullptr;
        QLabel *title = nullptr;
        std::vector<ClientCall> calls;
    };

    void onSelection(int side, qsizetype index);
    std::optional<int> callRowOf(int side, qsizetype index) const;
    void retranslate();

    std::array<Side, 2> m_sides;
    QListWidget *m_callList;
    QLabel *m_explanation;
    std::vector<std::pair<size_t, size_t>> m_aligned;
    int m_currentCall = -1;
    bool m_syncing = false;
    QString m_lastError;
};

} // namespace pollscope::ui
