// The base of the loop state's tables (handles, timeouts): rows keyed by a
// watch or timer id, updated by diffing old rows against new ones, so that a view
// keeps its selection and scroll position while the state moves event by event.
// The rows the last update added or changed are marked, so a view can show what
// the last event did (as Python Tutor highlights what a step changed).
#pragma once

#include <QAbstractTableModel>
#include <QColor>

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

    // Whether the last update added or changed the row with this key.
    bool isChanged(int key) const { return std::binary_search(m_changed.begin(), m_changed.end(), key); }
    // The background of a changed row.
    static QColor changedColor() { return QColor(255, 236, 150); }

protected:
    // Turns `rows` into `next` with row removals, insertions and dataChanged. The
    // loop's arrays are in registration order and ids only grow, so both lists are
    // sorted by key and one merge pass finds every change; were they not sorted
    // (a trace of several loops), the model is reset instead.
    template<typename Row, typename KeyOf>
    void replaceRows(std::vector<Row> &rows, std::vector<Row> next, KeyOf keyOf)
    {
        auto byKey = [&](const Row &a, const Row &b) { return keyOf(a) < keyOf(b); };
        std::vector<int> wasChanged = std::move(m_changed);
        m_changed.clear();
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
                for (size_t k = j; k < end; ++k)
                    m_changed.push_back(keyOf(next[k]));
                beginInsertRows({}, int(i), int(i + (end - j) - 1));
                rows.insert(rows.begin() + ptrdiff_t(i), next.begin() + ptrdiff_t(j), next.begin() + ptrdiff_t(end));
                endInsertRows();
                i += end - j;
                j = end;
            } else {
                if (!(rows[i] == next[j])) {
                    rows[i] = next[j];
                    m_changed.push_back(keyOf(next[j]));
                    emit dataChanged(index(int(i), 0), index(int(i), columnCount() - 1));
                } else if (std::binary_search(wasChanged.begin(), wasChanged.end(), keyOf(next[j]))) {
                    // Changed by the event before, not by this one: its mark goes.
                    emit dataChanged(index(int(i), 0), index(int(i), columnCount() - 1), {Qt::BackgroundRole});
                }
                ++i;
                ++j;
            }
        }
    }

private:
    std::vector<int> m_changed; // keys, sorted
};

} // namespace pollscope::ui
