// Asks where the live daemon should listen, and says how to point virsh at it.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace pollscope::ui {

class LiveDaemonDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LiveDaemonDialog(QWidget *parent = nullptr);

    QString socketPath() const;
    // $XDG_RUNTIME_DIR/pollscope/libvirt-sock, or /tmp/pollscope-$USER/libvirt-sock.
    static QString defaultSocketPath();

private:
    void updateHint();

    QLineEdit *m_path;
    QLabel *m_hint;
};

} // namespace pollscope::ui
