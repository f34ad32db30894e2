// Explains every colour, span and marker the timeline draws. Its rows come from
// TimelineStyle's tables and are painted with the timeline's own drawing code,
// so the legend cannot drift from the picture.
#pragma once

#include "timelinestyle.h"

#include <QRect>
#include <QString>
#include <QWidget>

#include <vector>

namespace pollscope::ui {

class LegendWidget : public QWidget
{
    Q_OBJECT

public:
    // What a row shows next to its text.
    enum class Sample : uint8_t {
        Heading,
        Family,
        Span,
        Marker,
        FoldedSpans,
        FoldedMarkers,
        Flow,
        WatchAlive,
        WatchDeleted,
        Selection,
    };

    struct Row
    {
        Sample sample;
        int style; // EventFamily, EventSpan or EventMark, by sample
        QString text;
        QString toolTip;
    };

    explicit LegendWidget(QWidget *parent = nullptr);

    const std::vector<Row> &rows() const { return m_rows; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    void buildRows();
    // Where each row goes at this width: rows flow down columns of equal height.
    std::vector<QRect> layoutRows(int width) const;
    int rowHeight(const Row &row) const;
    void paintSample(QPainter &painter, const Row &row, const QRect &box) const;

    std::vector<Row> m_rows;
};

} // namespace pollscope::ui
