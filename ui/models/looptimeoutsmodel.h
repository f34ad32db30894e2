// The timeouts array of the loop state (`eventLoop.timeouts`), one row per record
// in array order. Expiry is shown relative to the moment the state stands at.
#pragma once

#include "loopsnapshot.h"
#include "looptablemodel.h"

namespace pollscope::ui {

class LoopTimeoutsModel : public LoopTableModel
{
    Q_OBJECT

public:
    enum Column { TimerColumn, FrequencyColumn, ExpiresAtColumn, CallbackColumn, DeletedColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        TimerRole = Qt::UserRole + 1, // int: the record's timer id
    };
    Q_ENUM(Role)

    explicit LoopTimeoutsModel(QObject *parent = nullptr);

    void setSnapshot(const LoopSnapshot &snapshot);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString expiryText(const LoopSnapshot::Timeout &timeout) const;

    std::vector<LoopSnapshot::Timeout> m_rows;
    // The time of the state, in the monotonic milliseconds expiresAt is given in.
    int64_t m_nowMs = 0;
};

} // namespace pollscope::ui
