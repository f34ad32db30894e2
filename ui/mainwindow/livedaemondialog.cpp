#include "livedaemondialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pollscope::ui {

LiveDaemonDialog::LiveDaemonDialog(QWidget *parent)
    : QDialog(parent)
    , m_path(new QLineEdit(defaultSocketPath(), this))
    , m_hint(new QLabel(this))
{
    setWindowTitle(tr("Start the live daemon"));
    auto *intro = new QLabel(tr("The daemon replica will listen on this Unix socket, with no scripted clients: "
                                "connect your own virsh or Python client and watch what the loop does."),
                             this);
    intro->setWordWrap(true);
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *form = new QFormLayout;
    form->addRow(tr("Socket:"), m_path);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, &LiveDaemonDialog::updateHint);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);
    updateHint();
}

QString LiveDaemonDialog::socketPath() const
{
    return m_path->text().trimmed();
}

QString LiveDaemonDialog::defaultSocketPath()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const QString folder = !runtime.isEmpty() && QFileInfo(runtime).isWritable()
        ? runtime + QStringLiteral("/pollscope")
        : QDir::tempPath() + QStringLiteral("/pollscope-") + qEnvironmentVariable("USER", QStringLiteral("user"));
    return folder + QStringLiteral("/libvirt-sock");
}

void LiveDaemonDialog::updateHint()
{
    m_hint->setText(tr("Then run, in a terminal:\n%1")
                        .arg(QStringLiteral("virsh -c 'test+unix:///default?socket=%1' list --all").arg(socketPath())));
}

} // namespace pollscope::ui
