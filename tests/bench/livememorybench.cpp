// The app's live mode under a load that never lets up: the main window's live
// daemon, offscreen (QT_QPA_PLATFORM=offscreen), with the store limited to
// --keep events (File > Events Kept While Recording). Another process drives
// the socket (run-benchmarks uses bench_loadgen). Every --sample-ms the resident
// memory is read; at the end one line: how many events arrived, how many the
// store keeps and let go, what the trace buffer dropped, and resident memory at
// the start, at its peak and at the end.
#include "mainwindow/mainwindow.h"
#include "session/tracestore.h"

#include "residentmemory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace pollscope::ui;
using pollscope::bench::residentMiB;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // The limit is a setting: this run's must not become the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption socket("socket", "The live daemon's Unix socket.", "path");
    const QCommandLineOption seconds("seconds", "How long to run (default 60).", "seconds", "60");
    const QCommandLineOption keep("keep", "Events the store keeps (default: the app's).", "events",
                                  QString::number(MainWindow::kDefaultKeptEvents));
    const QCommandLineOption sample("sample-ms", "How often to read resident memory (default 250).", "ms", "250");
    parser.addOptions({socket, seconds, keep, sample});
    parser.process(app);
    if (!parser.isSet(socket)) {
        std::fprintf(stderr, "bench_livememory: --socket is needed\n");
        return 2;
    }

    MainWindow window;
    window.resize(1600, 900);
    window.show();
    window.setKeptEventLimit(parser.value(keep).toLongLong());
    const double startMiB = residentMiB();
    if (!window.startLiveDaemon(parser.value(socket))) {
        std::fprintf(stderr, "bench_livememory: %s\n", qPrintable(window.lastError()));
        return 1;
    }
    double peakMiB = startMiB;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&peakMiB] { peakMiB = std::max(peakMiB, residentMiB()); });
    sampler.start(parser.value(sample).toInt());
    QTimer::singleShot(int(parser.value(seconds).toDouble() * 1000), &app, &QApplication::quit);
    QElapsedTimer wall;
    wall.start();
    app.exec();
    const TraceStore &store = *window.store();
    const double endMiB = residentMiB();
    std::printf("live_memory seconds=%.1f keep=%lld events=%lld kept=%lld let_go=%lld lost=%lld rss_start_mib=%.1f "
                "rss_peak_mib=%.1f rss_end_mib=%.1f\n",
                double(wall.elapsed()) / 1000.0, (long long)store.keptEventLimit(),
                (long long)(store.eventsLetGo() + store.size()), (long long)store.size(),
                (long long)store.eventsLetGo(), (long long)store.lostEvents(), startMiB, std::max(peakMiB, endMiB),
                endMiB);
    window.stopSession();
    return 0;
}
