#include "datapaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace pollscope::ui {

QString scenariosDirectory()
{
    const QStringList candidates = {
        qEnvironmentVariable("POLLSCOPE_SCENARIOS"),
        QCoreApplication::applicationDirPath() + QStringLiteral("/" POLLSCOPE_INSTALLED_SCENARIOS),
        QStringLiteral(POLLSCOPE_SOURCE_SCENARIOS),
    };
    for (const QString &candidate : candidates) {
        if (!candidate.isEmpty() && QFileInfo(candidate + QStringLiteral("/tour")).isDir())
            return QDir(candidate).canonicalPath();
    }
    return {};
}

QStringList tourScenarios()
{
    const QString folder = scenariosDirectory();
    if (folder.isEmpty())
        return {};
    QStringList files;
    const QDir tour(folder + QStringLiteral("/tour"));
    for (const QString &name : tour.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        files << tour.filePath(name);
    return files;
}

} // namespace pollscope::ui
