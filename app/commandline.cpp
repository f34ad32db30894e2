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

int usageError(const QString &command, const QString &message)
{
    std::fprintf(stderr, "pollscope %s: %s\n", qPrintable(command), qPrintable(message));
    std::fprintf(stderr, "Try 'pollscope %s --help'.\n", qPrintable(command));
    return ExitUsage;
}

} // namespace pollscope::app
