// The timeline with a large trace, offscreen (QT_QPA_PLATFORM=offscreen).
//
//   open     TraceStore::readFile() of the file, TraceStore::setLoaded() (which
//            builds the lanes), fit-all and the first paint: what File > Open
//            costs before the trace is on screen; and the memory it added: heap
//            in use (all of it, and the loaded events alone, as measured and as
//            the store counts them) and resident memory.
//   repaint  full repaints (draw list rebuilt, then painted) at fit-all and at
//            views 100 ms to 10 us wide, centred on the middle of the trace; the
//            view moves by a pixel between repaints so that nothing is cached.
//   live     a producer thread records the file's events again into a Tracer at
//            a fixed rate; a TraceMonitor and an EventBatcher carry them to the
//            store as in the app's live session, with the view following. Every
//            paint, and every event the GUI thread handles, is timed; at the end
//            the store must hold every event, in order, with no gap.
// Prints one line per measurement: name, then key=value pairs.
#include "runner/tracemonitor.h"
#include "session/eventbatcher.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"
#include "timeline/timelinelanes.h"
#include "timeline/timelinewidget.h"
#include "trace/threadnames.h"
#include "trace/traceloader.h"
#include "trace/tracer.h"
#include "util/monotonicclock.h"

#include "residentmemory.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <malloc.h>
#include <string>
#include <thread>
#include <vector>

using namespace pollscope;
using namespace pollscope::ui;
using pollscope::bench::residentMiB;

namespace {

// Heap memory in use (malloc'd and not freed, mmapped blocks included), in MiB:
// what the trace takes, without what the allocator keeps after a parse.
double heapMiB()
{
    const struct mallinfo2 info = ::mallinfo2();
    return double(info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}


double millisecondsSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

struct Stats
{
    double median = 0;
    double p99 = 0;
    double max = 0;
};

Stats statsOf(std::vector<double> values)
{
    Stats stats;
    if (values.empty())
        return stats;
    std::sort(values.begin(), values.end());
    stats.median = values[values.size() / 2];
    stats.p99 = values[std::min(values.size() - 1, values.size() * 99 / 100)];
    stats.max = values.back();
    return stats;
}

// The timeline with every paint timed.
class TimedTimeline : public TimelineWidget
{
public:
    using TimelineWidget::TimelineWidget;

    std::vector<double> paintMs;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QElapsedTimer timer;
        timer.start();
        TimelineWidget::paintEvent(event);
        paintMs.push_back(millisecondsSince(timer));
    }
};

constexpr QSize kViewSize(1600, 900);

void benchmarkOpenAndRepaint(const std::string &path, int repeats)
{
    const double residentBefore = residentMiB();
    const double heapBefore = heapMiB();
    TraceStore store;
    TraceCursor cursor(&store);
    TimedTimeline timeline(&cursor);
    timeline.resize(kViewSize);
    timeline.show();
    QApplication::processEvents();

    QElapsedTimer total;
    total.start();
    QElapsedTimer step;
    step.start();
    auto trace = TraceStore::readFile(path);
    if (!trace) {
        std::fprintf(stderr, "bench_timeline: %s\n", trace.error().describe().c_str());
        std::exit(1);
    }
    const double loadMs = millisecondsSince(step);
    const size_t events = trace->events.size();
    const double sessionHeap = heapMiB() - heapBefore;
    step.restart();
    store.setLoaded(std::move(*trace));
    timeline.fitAll();
    const double storeMs = millisecondsSince(step);
    step.restart();
    timeline.viewport()->repaint();
    const double paintMs = millisecondsSince(step);
    const double openMs = millisecondsSince(total);
    const double residentAfter = residentMiB();
    const double heapAfter = heapMiB();
    size_t spans = 0;
    size_t markers = 0;
    for (int row = 0; row < timeline.lanes()->laneCount(); ++row) {
        const TimelineLane &lane = timeline.lanes()->lane(row);
        for (const auto &depth : lane.spans)
            spans += depth.size();
        for (const auto &kind : lane.markers)
            markers += kind.size();
    }
    std::printf("open events=%zu lanes=%d spans=%zu markers=%zu flows=%zu total_ms=%.1f load_ms=%.1f "
                "store_and_lanes_ms=%.1f first_paint_ms=%.1f heap_mib=%.1f events_heap_mib=%.1f store_events_mib=%.1f "
                "resident_mib=%.1f\n",
                events, timeline.lanes()->laneCount(), spans, markers, timeline.lanes()->flows().size(), openMs, loadMs, storeMs, paintMs, heapAfter - heapBefore,
                sessionHeap, double(store.eventBytes()) / (1 << 20), residentAfter - residentBefore);
    std::fflush(stdout);

    // Zoom levels: fit-all, then fixed widths centred on the middle of the trace.
    struct Zoom
    {
        const char *name;
        int64_t widthNs; // 0: fit all
    };
    const Zoom zooms[] = {{"fit-all", 0},        {"100ms", 100'000'000}, {"10ms", 10'000'000},
                          {"1ms", 1'000'000},    {"100us", 100'000},     {"10us", 10'000}};
    const int64_t middle = store.startNs() + (store.endNs() - store.startNs()) / 2;
    for (const Zoom &zoom : zooms) {
        int64_t start;
        int64_t width;
        if (zoom.widthNs == 0) {
            timeline.fitAll();
            start = timeline.viewStartNs();
            width = timeline.viewEndNs() - start;
        } else {
            width = zoom.widthNs;
            start = middle - width / 2;
        }
        const int64_t pixelNs = std::max<int64_t>(1, width / (kViewSize.width() - 200));
        timeline.paintMs.clear();
        for (int i = 0; i < repeats; ++i) {
            const int64_t shifted = start + (i % 2) * pixelNs;
            timeline.setVisibleRange(shifted, shifted + width);
            timeline.viewport()->repaint();
        }
        const Stats stats = statsOf(timeline.paintMs);
        std::printf("repaint zoom=%s items=%zu repaints=%zu median_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", zoom.name,
                    timeline.items().size(), timeline.paintMs.size(), stats.median, stats.p99, stats.max);
        std::fflush(stdout);
    }
}

// The application, timing every event the GUI thread handles at the top level: a
// batch reaching the store arrives as a timer event, a repaint as an update
// request, so the longest of them is the longest frame the GUI thread can have.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool timing = false;
    std::vector<double> dispatchMs;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!timing || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer timer;
        timer.start();
        const bool result = QApplication::notify(receiver, event);
        dispatchMs.push_back(millisecondsSince(timer));
        --m_depth;
        return result;
    }

private:
    int m_depth = 0;
};

void benchmarkLive(TimedApplication &app, const std::string &path, double seconds, int rate)
{
    auto source = loadTrace(path);
    if (!source) {
        std::fprintf(stderr, "bench_timeline: %s\n", source.error().describe().c_str());
        std::exit(1);
    }
    // The recorded threads' names, registered so that replayed events land in lanes
    // with the same names.
    std::vector<uint16_t> threadIds;
    for (const std::string &name : source->threadNames)
        threadIds.push_back(ThreadNames::idOf(name));

    TraceStore store;
    TraceCursor cursor(&store);
    TimedTimeline timeline(&cursor);
    timeline.resize(kViewSize);
    timeline.setFollowLive(true);
    timeline.show();
    QApplication::processEvents();

    Tracer tracer;
    EventBatcher batcher(&store);
    TraceMonitor monitor(tracer, [&batcher](const std::vector<TraceEvent> &batch) { batcher.push(batch); }, false);
    monitor.start();
    size_t batches = 0;
    QObject::connect(&store, &TraceStore::appended, &store, [&batches] { ++batches; });

    const long long total = std::min<long long>((long long)(seconds * rate), (long long)source->events.size());
    std::atomic<long long> produced{0};
    std::thread producer([&] {
        const std::vector<TraceEvent> &events = source->events;
        const long long perMillisecond = std::max(1, rate / 1000);
        auto next = std::chrono::steady_clock::now();
        long long i = 0;
        while (i < total) {
            for (long long n = 0; n < perMillisecond && i < total; ++n, ++i) {
                const TraceEvent &original = events[size_t(i)];
                // Everything but the order and the time, which are this run's.
                if (auto event = tracer.record(original.kind)) {
                    event->flow = original.flow;
                    event->text = original.text;
                    event->thread = threadIds[original.thread];
                    event->present = original.present;
#define POLLSCOPE_COPY_FIELD(type, member, Flag, json) event->member = original.member;
                    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_COPY_FIELD)
#undef POLLSCOPE_COPY_FIELD
                }
            }
            produced = i;
            next += std::chrono::milliseconds(1);
            std::this_thread::sleep_until(next);
        }
    });

    QElapsedTimer wall;
    wall.start();
    app.timing = true;
    QEventLoop loop;
    QTimer done;
    done.setInterval(10);
    QObject::connect(&done, &QTimer::timeout, &loop, [&] {
        if (produced.load() == total)
            loop.quit();
    });
    done.start();
    loop.exec();
    producer.join();
    // What the monitor and the batcher still hold arrives as in the app: one more batch.
    monitor.stop();
    batcher.flush();
    QApplication::processEvents();
    app.timing = false;
    const double elapsed = millisecondsSince(wall) / 1000.0;

    bool inOrder = store.size() == total;
    for (qsizetype i = 0; inOrder && i < store.size(); ++i)
        inOrder = store.at(i).seq == uint64_t(i + 1);
    const Stats paints = statsOf(timeline.paintMs);
    const Stats dispatches = statsOf(app.dispatchMs);
    std::printf("live rate=%d events=%lld stored=%lld lost=%lld in_order=%s seconds=%.1f batches=%zu paints=%zu "
                "paint_median_ms=%.2f paint_p99_ms=%.2f paint_max_ms=%.2f gui_event_p99_ms=%.2f gui_event_max_ms=%.2f\n",
                rate, total, (long long)store.size(), total - (long long)store.size(), inOrder ? "yes" : "no", elapsed,
                batches, timeline.paintMs.size(), paints.median, paints.p99, paints.max, dispatches.p99,
                dispatches.max);
}

} // namespace

int main(int argc, char **argv)
{
    TimedApplication app(argc, argv);
    std::string path;
    int repeats = 20;
    double liveSeconds = 5;
    int rate = 200000;
    const QStringList arguments = app.arguments();
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments[i];
        if (i + 1 >= arguments.size()) {
            std::fprintf(stderr, "usage: bench_timeline --trace FILE [--repeats N] [--live-seconds S] [--rate N]\n");
            return 2;
        }
        if (arg == QLatin1String("--trace"))
            path = arguments[++i].toStdString();
        else if (arg == QLatin1String("--repeats"))
            repeats = arguments[++i].toInt();
        else if (arg == QLatin1String("--live-seconds"))
            liveSeconds = arguments[++i].toDouble();
        else if (arg == QLatin1String("--rate"))
            rate = arguments[++i].toInt();
    }
    if (path.empty()) {
        std::fprintf(stderr, "usage: bench_timeline --trace FILE [--repeats N] [--live-seconds S] [--rate N]\n");
        return 2;
    }
    ThreadNames::setCurrent("main");
    benchmarkOpenAndRepaint(path, repeats);
    if (liveSeconds > 0)
        benchmarkLive(app, path, liveSeconds, rate);
    return 0;
}
