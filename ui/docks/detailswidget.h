// The details panel: everything about the selected event, and the events related
// to it one click away.
//
// It follows the TraceCursor. For the selected event it shows the function, kind,
// thread and time, every field it carries with its decoded value (event bits as
// flags, errno and signal names, RPC names), its text, why the step exists, and
// links to related events: the other end of its span, the previous and next event
// of its causal chain, the add and purge of its watch or timer, and the accept of
// its client. Clicking a link selects that event in the cursor.
#pragma once

#include "models/eventsummary.h"

#include "trace/traceevent.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <optional>
#include <utility>

class QTextBrowser;
class QUrl;

namespace pollscope::ui {

class TraceCursor;
class TraceStore;

class DetailsWidget : public QWidget
{
    Q_OBJECT

public:
    enum class Relation {
        SpanBegin,      // the Begin of the span this End closes
        SpanEnd,        // the End of the span this Begin opens
        PreviousInFlow, // the previous event of the same causal chain
        NextInFlow,     // the next event of the same causal chain
        HandleAdded,    // the AddHandle that created this watch
        HandlePurged,   // the PurgeHandle that removed this watch
        TimerAdded,     // the AddTimeout that created this timer
        TimerPurged,    // the PurgeTimeout that removed this timer
        ClientAccepted, // the accept that created this client
    };
    Q_ENUM(Relation)

    struct RelatedEvent
    {
        Relation relation;
        qsizetype index; // into the store
        bool operator==(const RelatedEvent &) const = default;
    };

    explicit DetailsWidget(TraceCursor *cursor, QWidget *parent = nullptr);

    // The store index shown, -1 when nothing is selected.
    qsizetype shownIndex() const { return m_index; }
    // The related events of the shown event, in the order the links are listed.
    QList<RelatedEvent> relatedEvents() const;
    // The link a related event is reached by, as the panel's anchors carry it.
    static QUrl linkTo(qsizetype index);

    // Every field the event carries: its name, and its value in words.
    static QList<std::pair<QString, QString>> fieldTexts(const TraceEvent &event);

protected:
    void changeEvent(QEvent *event) override;

private:
    // Optional store indices, one per Relation.
    struct Relations
    {
        std::optional<qsizetype> spanBegin, spanEnd, previousInFlow, nextInFlow;
        std::optional<qsizetype> handleAdded, handlePurged, timerAdded, timerPurged, clientAccepted;
    };

    void onSelectionChanged(qsizetype index);
    void onStoreAppended(qsizetype first, qsizetype count);
    void onAnchorClicked(const QUrl &url);

    // Relations that lie before the shown event: searched once.
    void findEarlierRelations();
    // Relations that lie after it, searched in [from, to): on selection up to the
    // end, then again over each batch that arrives while one is still missing.
    void findLaterRelations(qsizetype from, qsizetype to);
    bool laterRelationMissing() const;
    void render();
    QString relationLabel(Relation relation, qsizetype index) const;

    TraceCursor *m_cursor;
    TraceStore *m_store;
    QTextBrowser *m_browser;
    EventSummary m_summary;
    qsizetype m_index = -1;
    Relations m_relations;
    // Unclosed spans nested inside the shown Begin, while its End is being searched.
    int m_spanDepth = 0;
};

} // namespace pollscope::ui
