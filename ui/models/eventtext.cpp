#include "eventtext.h"

#include "eventpoll/eventhandle.h"

#include <csignal>
#include <cstring>

namespace pollscope::ui {

QString formatDuration(int64_t ns)
{
    const int64_t magnitude = ns < 0 ? -ns : ns;
    if (magnitude < 1000)
        return QStringLiteral("%1 ns").arg(ns);
    if (magnitude < 1000000)
        return QStringLiteral("%1 µs").arg(double(ns) / 1e3, 0, 'f', 1);
    if (magnitude < 1000000000)
        return QStringLiteral("%1 ms").arg(double(ns) / 1e6, 0, 'f', 3);
    return QStringLiteral("%1 s").arg(double(ns) / 1e9, 0, 'f', 3);
}

QString handleEventsText(int events)
{
    return QString::fromStdString(eventHandleString(events));
}

QString nativeEventsText(int nativeEvents)
{
    return QString::fromStdString(nativeEventString(nativeEvents));
}

const char *errnoName(int err)
{
    return strerrorname_np(err);
}

const char *signalAbbreviation(int signal)
{
    return sigabbrev_np(signal);
}

QString errnoText(int err)
{
    const char *name = errnoName(err);
    if (!name)
        return QString::number(err);
    return QStringLiteral("%1 (%2)").arg(QLatin1StringView(name), QString::fromLocal8Bit(strerrordesc_np(err)));
}

QString signalText(int signal)
{
    const char *abbreviation = signalAbbreviation(signal);
    if (!abbreviation)
        return QString::number(signal);
    return QStringLiteral("SIG%1 (%2)").arg(QLatin1StringView(abbreviation), QString::fromLocal8Bit(sigdescr_np(signal)));
}

} // namespace pollscope::ui
