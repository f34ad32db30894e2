// The base of the loop state's tables (handles, timeouts): rows keyed by a
// watch or timer id, updated by diffing old rows against new ones, so that a view
// keeps its selection and scroll position while the state moves event by event.
#pragma once

#include <QAbstractTableModel>

#include <algorithm>
#include <vector>

namespace pollscope::ui {

class LoopTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    // After a change of the application's language: views fetch the headers and
    // every cell anew.
    void retranslate()
    {
        const int columns = columnCount();
        if (columns == 0)
            return;
        emit headerDataChanged(Qt::Horizontal, 0, columns - 1);
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, columns - 1));
    }

protected:
    // Turns `rows` into `next` with row removals, insertions and dataChanged. The
    // loop's arrays are in registration order and ids only grow, so both lists are
    // sorted by key and one merge pass finds every change; were they not sorted
    // (a trace of several loops), the model is reset instead.
    template<typename Row, typename KeyOf>
    void replaceRows(std::vector<Row> &rows, std::vector<Row> next, KeyOf keyOf)
    {
        auto byKey = [&](const Row &a, const Row &b) { return keyOf(a) < keyOf(b); };
        if (!std::is_sorted(rows.begin(), rows.end(), byKey) || !std::is_sorted(next.begin(), next.end(), byKey)) {
            beginResetModel();
            rows = std::move(next);
            endResetModel();
            return;
        }
        size_t i = 0;
        size_t j = 0;
        while (i < rows.size() || j < next.size()) {
            if (j == next.size() || (i < rows.size() && keyOf(rows[i]) < keyOf(next[j]))) {
                size_t end = i;
                while (end < rows.size() && (j == next.size() || keyOf(rows[end]) < keyOf(next[j])))
                    ++end;
                beginRemoveRows({}, int(i), int(end - 1));
                rows.erase(rows.begin() + ptrdiff_t(i), rows.begin() + ptrdiff_t(end));
                endRemoveRows();
            } else if (i == rows.size() || keyOf(next[j]) < keyOf(rows[i])) {
                size_t end = j;
                while (end < next.size() && (i == rows.size() || keyOf(next[end]) < keyOf(rows[i])))
                    ++end;
                beginInsertRows({}, int(i), int(i + (end - j) - 1));
                rows.insert(rows.begin() + ptrdiff_t(i), next.begin() + ptrdiff_t(j), next.begin() + ptrdiff_t(end));
                endInsertRows();
                i += end - j;
                j = end;
            } else {
                if (!(rows[i] == next[j])) {
                    rows[i] = next[j];
                    emit dataChanged(index(int(i), 0), index(int(i), columnCount() - 1));
                }
                ++i;
                ++j;
            }
        }
    }
};

} // namespace pollscope::ui
