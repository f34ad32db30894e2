#include "legendwidget.h"

#include "timelinewidget.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLineF>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace pollscope::ui {

namespace {

constexpr int kMargin = 8;
constexpr int kColumnWidth = 300;
constexpr int kSampleWidth = 30;
constexpr int kRowHeight = 18;
constexpr int kHeadingHeight = 26;

} // namespace

LegendWidget::LegendWidget(QWidget *parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    buildRows();
}

void LegendWidget::buildRows()
{
    m_rows.clear();
    m_rows.push_back({Sample::Heading, 0, tr("Colours: one per event family"), {}});
    for (int family = 0; family < kEventFamilyCount; ++family) {
        m_rows.push_back({Sample::Family, family, TimelineStyle::familyLabel(EventFamily(family)),
                          TimelineStyle::familyDescription(EventFamily(family))});
    }

    m_rows.push_back({Sample::Heading, 0, tr("Spans: from a Begin to its End"), {}});
    for (int kind = int(EventSpan::None) + 1; kind < kEventSpanCount; ++kind)
        m_rows.push_back({Sample::Span, kind, TimelineStyle::spanLabel(EventSpan(kind)), {}});
    m_rows.push_back({Sample::FoldedSpans, int(EventSpan::HandleCallback), tr("Narrow spans, folded, with a count"),
                      tr("Spans under %1 pixels wide share one mark; click it to zoom in.")
                          .arg(TimelineWidget::kMinVisiblePx)});

    // Markers are listed family by family, which is how they are told apart.
    m_rows.push_back({Sample::Heading, 0, tr("Markers: instant events"), {}});
    std::vector<int> markers;
    for (int kind = int(EventMark::None) + 1; kind < kEventMarkCount; ++kind)
        markers.push_back(kind);
    std::stable_sort(markers.begin(), markers.end(), [](int a, int b) {
        return TimelineStyle::markerStyle(EventMark(a)).family < TimelineStyle::markerStyle(EventMark(b)).family;
    });
    for (int kind : markers) {
        m_rows.push_back({Sample::Marker, kind, TimelineStyle::markerLabel(EventMark(kind)),
                          TimelineStyle::familyLabel(TimelineStyle::markerStyle(EventMark(kind)).family)});
    }
    m_rows.push_back({Sample::FoldedMarkers, int(EventMark::WakeupWrite),
                      tr("Markers too close to tell apart, folded"),
                      tr("Drawn as the most telling kind among them, with their number; click to zoom in.")});

    m_rows.push_back({Sample::Heading, 0, tr("Links and lanes"), {}});
    m_rows.push_back({Sample::Flow, 0, tr("Causal link: this step led to that one"),
                      tr("Events that share a flow id, in order: an accept and the client's new watch, "
                         "or a queued reply, the interrupt, the poll return, the wakeup and the write.")});
    m_rows.push_back({Sample::WatchAlive, 0, tr("Watch registered (AddHandle to purge)"), {}});
    m_rows.push_back({Sample::WatchDeleted, 0, tr("Watch marked deleted, not yet purged"),
                      tr("RemoveHandle only marks the record; the loop purges it in a later cleanup phase.")});
    m_rows.push_back({Sample::Selection, int(EventMark::Accept), tr("Selected event"), {}});
    updateGeometry();
    update();
}

int LegendWidget::rowHeight(const Row &row) const
{
    return row.sample == Sample::Heading ? kHeadingHeight : kRowHeight;
}

std::vector<QRect> LegendWidget::layoutRows(int width) const
{
    const int columns = std::max(1, (width - 2 * kMargin) / kColumnWidth);
    int total = 0;
    for (const Row &row : m_rows)
        total += rowHeight(row);
    const int target = (total + columns - 1) / columns;

    std::vector<QRect> rects;
    rects.reserve(m_rows.size());
    int column = 0;
    int y = 0;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        int height = rowHeight(m_rows[i]);
        // A heading keeps the row after it company in its column.
        const int needed = m_rows[i].sample == Sample::Heading && i + 1 < m_rows.size()
            ? height + rowHeight(m_rows[i + 1])
            : height;
        if (y > 0 && y + needed > target && column + 1 < columns) {
            ++column;
            y = 0;
        }
        rects.emplace_back(kMargin + column * kColumnWidth, kMargin + y, kColumnWidth - kMargin, height);
        y += height;
    }
    return rects;
}

int LegendWidget::heightForWidth(int width) const
{
    int bottom = 0;
    for (const QRect &rect : layoutRows(width))
        bottom = std::max(bottom, rect.bottom());
    return bottom + kMargin;
}

QSize LegendWidget::sizeHint() const
{
    const int width = 2 * kMargin + 2 * kColumnWidth;
    return QSize(width, heightForWidth(width));
}

QSize LegendWidget::minimumSizeHint() const
{
    return QSize(kColumnWidth + 2 * kMargin, kHeadingHeight + 4 * kRowHeight);
}

void LegendWidget::paintSample(QPainter &painter, const Row &row, const QRect &box) const
{
    const QPointF centre = QRectF(box).center();
    const QRectF bar(box.left(), centre.y() - 5, box.width(), 10);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);

    switch (row.sample) {
    case Sample::Heading:
        break;
    case Sample::Family:
        painter.save();
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(TimelineStyle::familyColor(EventFamily(row.style)));
        painter.drawRoundedRect(bar.adjusted(4, 0, -4, 0), 3, 3);
        painter.restore();
        break;
    case Sample::Span:
        TimelineStyle::paintSpan(painter, EventSpan(row.style), bar);
        break;
    case Sample::FoldedSpans:
        TimelineStyle::paintSpan(painter, EventSpan(row.style), bar, true);
        painter.setFont(small);
        painter.setPen(Qt::black);
        painter.drawText(bar, Qt::AlignCenter, QString::number(12));
        break;
    case Sample::Marker:
        TimelineStyle::paintMarker(painter, EventMark(row.style), centre);
        break;
    case Sample::FoldedMarkers:
        TimelineStyle::paintMarker(painter, EventMark(row.style), centre - QPointF(6, 0), true);
        painter.setFont(small);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRectF(centre.x(), box.top(), box.width() / 2.0, box.height()), Qt::AlignVCenter | Qt::AlignLeft,
                         QString::number(12));
        break;
    case Sample::Flow: {
        const QLineF line(box.left() + 2, box.top() + 3, box.right() - 2, box.bottom() - 3);
        TimelineStyle::paintArrows(painter, &line, 1);
        break;
    }
    case Sample::WatchAlive:
        painter.fillRect(box, TimelineStyle::watchAliveBrush());
        break;
    case Sample::WatchDeleted:
        painter.fillRect(box, TimelineStyle::watchAliveBrush());
        painter.fillRect(box, TimelineStyle::watchDeletedBrush());
        break;
    case Sample::Selection:
        TimelineStyle::paintMarker(painter, EventMark(row.style), centre);
        TimelineStyle::paintSelectionOutline(
            painter, QRectF(centre.x() - TimelineStyle::kMarkerSize / 2.0, centre.y() - TimelineStyle::kMarkerSize / 2.0,
                            TimelineStyle::kMarkerSize, TimelineStyle::kMarkerSize));
        break;
    }
}

void LegendWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const std::vector<QRect> rects = layoutRows(width());
    QFont bold = font();
    bold.setBold(true);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows[i];
        const QRect &rect = rects[i];
        painter.setPen(palette().color(QPalette::WindowText));
        if (row.sample == Sample::Heading) {
            painter.setFont(bold);
            painter.drawText(rect.adjusted(0, 0, 0, -3), Qt::AlignBottom | Qt::AlignLeft, row.text);
            continue;
        }
        paintSample(painter, row, QRect(rect.left(), rect.top() + 2, kSampleWidth, rect.height() - 4));
        painter.setFont(font());
        painter.setPen(palette().color(QPalette::WindowText));
        const QRect text = rect.adjusted(kSampleWidth + 8, 0, 0, 0);
        painter.drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                         painter.fontMetrics().elidedText(row.text, Qt::ElideRight, text.width()));
    }
}

void LegendWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        buildRows();
    QWidget::changeEvent(event);
}

bool LegendWidget::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto *help = static_cast<QHelpEvent *>(event);
    const std::vector<QRect> rects = layoutRows(width());
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (rects[i].contains(help->pos()) && !m_rows[i].toolTip.isEmpty()) {
            QToolTip::showText(help->globalPos(), m_rows[i].toolTip, this);
            return true;
        }
    }
    QToolTip::hideText();
    return true;
}

} // namespace pollscope::ui
