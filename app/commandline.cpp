#include "commandline.h"

#include <QCoreApplication>

#include <cstdio>

namespace pollscope::app {

std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments, const QString &command,
                               const QString &description)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(arguments))
        return usageError(command, parser.errorText());
    // --help-all (added with --help) would add Qt's options, which the commands do not use.
    if (parser.isSet(help) || parser.isSet(QStringLiteral("help-all"))) {
        QString text = parser.helpText();
        // Show the subcommand in the usage line: "pollscope demo [options]".
        const QString program = QCoreApplication::applicationName();
        text.replace(QStringLiteral("Usage: ") + arguments.value(0), QStringLiteral("Usage: ") + program + ' ' + command);
        std::fputs(qPrintable(text), stdout);
        return ExitOk;
    }
    return std::nullopt;
}

std::optional<TraceFormat> chosenTraceFormat(const QCommandLineParser &parser, const QCommandLineOption &format,
                                             const QString &path)
{
    if (parser.isSet(format))
        return traceFormatFromName(parser.value(format).toStdString());
    return traceFormatForPath(path.toStdString());
}

std::optional<size_t> parseByteSize(const QString &text)
{
    QString number = text.trimmed();
    size_t unit = 1;
    if (number.endsWith(QLatin1String("iB"), Qt::CaseInsensitive))
        number.chop(2);
    else if (number.endsWith('B', Qt::CaseInsensitive))
        number.chop(1);
    if (number.endsWith('K', Qt::CaseInsensitive))
        unit = size_t(1) << 10;
    else if (number.endsWith('M', Qt::CaseInsensitive))
        unit = size_t(1) << 20;
    else if (number.endsWith('G', Qt::CaseInsensitive))
        unit = size_t(1) << 30;
    if (unit != 1)
        number.chop(1);
    bool ok = false;
    const qulonglong value = number.toULongLong(&ok);
    if (!ok || value == 0 || value > SIZE_MAX / unit)
        return std::nullopt;
    return size_t(value) * unit;
}

int usageError(const QString &command, const QString &message)
{
    std::fprintf(stderr, "pollscope %s: %s\n", qPrintable(command), qPrintable(message));
    std::fprintf(stderr, "Try 'pollscope %s --help'.\n", qPrintable(command));
    return ExitUsage;
}

} // namespace pollscope::app
