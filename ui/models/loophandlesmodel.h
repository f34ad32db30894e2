// The handles array of the loop state (`eventLoop.handles`), one row per record in
// array order, with what this iteration's poll did for each of them.
#pragma once

#include "loopsnapshot.h"
#include "looptablemodel.h"

#include <optional>

namespace pollscope::ui {

class LoopHandlesModel : public LoopTableModel
{
    Q_OBJECT

public:
    enum Column { WatchColumn, FdColumn, EventsColumn, CallbackColumn, DeletedColumn, PollColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        WatchRole = Qt::UserRole + 1, // int: the record's watch
    };
    Q_ENUM(Role)

    explicit LoopHandlesModel(QObject *parent = nullptr);

    void setSnapshot(const LoopSnapshot &snapshot);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        LoopSnapshot::Handle handle;
        std::optional<LoopSnapshot::PollFd> poll; // its entry in this iteration's poll set
        bool operator==(const Row &) const = default;
    };

    QString pollText(const Row &row) const;
    QString pollToolTip(const Row &row) const;

    std::vector<Row> m_rows;
};

} // namespace pollscope::ui
