// The cost of one trace event (Google Benchmark).
//
// The event is a client_read as the daemon records it: five fields and a text.
//   RecordEvent             one thread records; every 4096 events the timer is
//                           paused and the events drained, so this is what the
//                           recording thread pays per event
//   RecordAndDrain          the same thread also drains, timed: the whole cost of
//                           an event when recorder and consumer share one core
//   RecordEvent/threads:8   eight threads record at once while a consumer thread
//                           drains every millisecond, as a TraceMonitor does; the
//                           time is the wall time per event of all of them
//   RecordEventTracingOff   the same call with tracing disabled: one relaxed load
//   WriteBinary             what the writer of a binary --trace-out pays per event:
//                           drained from the buffer, encoded and written to a file,
//                           for the events of keepalive PING round trips as the
//                           daemon records them (recording them is not timed)
//   ClockRead               clock_gettime(CLOCK_MONOTONIC) alone, which every
//                           event calls: the reference
// The table at the end gives the medians in nanoseconds per event and their ratio
// to ClockRead.
//
// With --count N it instead records N events on one thread, draining after every
// 4096, for callgrind: run it with --toggle-collect=*recordClientRead* (recording)
// or --toggle-collect=*drainEvents* (draining) and divide by N.
#include "trace/threadnames.h"
#include "trace/tracer.h"
#include "trace/tracewriter.h"
#include "util/monotonicclock.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace pollscope;

namespace {

// Producers may run ahead of the consumer by this many events; beyond it they wait,
// so eight producers on two cores cannot fill the memory.
constexpr uint64_t kMaxBacklog = 1 << 20;
constexpr uint64_t kBatch = 4096;

Tracer g_tracer;
std::atomic<uint64_t> g_produced{0};
std::atomic<uint64_t> g_consumed{0};
std::atomic<bool> g_stopConsumer{false};

[[gnu::noinline]] void recordClientRead(Tracer &tracer, int client)
{
    if (auto event = tracer.probe<EventKind::ClientRead>())
        event->setClient(client).setWatch(client + 3).setFd(client + 20).setBytes(4).setLength(28).setText("reading the length word");
}

[[gnu::noinline]] size_t drainEvents(Tracer &tracer, std::vector<TraceEvent> &batch)
{
    batch.clear();
    return tracer.drain(batch);
}

// The consumer of RecordEvent/threads:8; it sleeps while there is nothing to drain,
// so it costs nothing during the other benchmarks.
void consumerMain()
{
    ThreadNames::setCurrent("trace-monitor");
    std::vector<TraceEvent> batch;
    while (!g_stopConsumer.load(std::memory_order_relaxed)) {
        const size_t n = drainEvents(g_tracer, batch);
        g_consumed.fetch_add(n, std::memory_order_relaxed);
        if (n == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

void waitForConsumer()
{
    // Producers count their events after recording them, so the consumer may be
    // ahead of the count: compare without subtracting.
    while (g_produced.load(std::memory_order_relaxed) > g_consumed.load(std::memory_order_relaxed) + kMaxBacklog)
        std::this_thread::yield();
}

// Records on this thread and drains every kBatch events, timing the drain or not.
void recordDrainingEveryBatch(benchmark::State &state, bool timeTheDrain)
{
    ThreadNames::setCurrent("producer");
    Tracer tracer;
    std::vector<TraceEvent> batch;
    uint64_t sinceDrain = 0;
    for (auto _ : state) {
        recordClientRead(tracer, 7);
        if (++sinceDrain == kBatch) {
            if (!timeTheDrain)
                state.PauseTiming();
            drainEvents(tracer, batch);
            sinceDrain = 0;
            if (!timeTheDrain)
                state.ResumeTiming();
        }
    }
    state.SetItemsProcessed(state.iterations());
}

void RecordEvent(benchmark::State &state)
{
    recordDrainingEveryBatch(state, false);
}
BENCHMARK(RecordEvent);

void RecordAndDrain(benchmark::State &state)
{
    recordDrainingEveryBatch(state, true);
}
BENCHMARK(RecordAndDrain);

// The events of one keepalive PING round trip on the daemon's loop thread, in the
// numbers a traced run records them: the client's socket read twice (length word,
// then the rest), the PONG queued and written, the watch updated at each step.
constexpr EventKind kPingRoundTrip[] = {
    EventKind::PollEnd,             EventKind::DispatchHandles,     EventKind::DispatchHandleBegin,
    EventKind::DispatchClientEvent, EventKind::ClientRead,          EventKind::ClientRead,
    EventKind::KeepaliveReceived,   EventKind::CalculateHandleMode, EventKind::UpdateClientEvent,
    EventKind::UpdateHandle,        EventKind::Interrupt,           EventKind::DispatchHandleEnd,
    EventKind::DispatchHandleBegin, EventKind::DispatchClientEvent, EventKind::ClientWrite,
    EventKind::MessageSent,         EventKind::CalculateHandleMode, EventKind::UpdateClientEvent,
    EventKind::UpdateHandle,        EventKind::Interrupt,           EventKind::CalculateHandleMode,
    EventKind::UpdateClientEvent,   EventKind::UpdateHandle,        EventKind::Interrupt,
    EventKind::DispatchHandleEnd,
};

// Records `count` events of PING round trips, every field of each kind set.
void recordPingRoundTrips(Tracer &tracer, size_t count)
{
    static int64_t round = 0;
    for (size_t i = 0; i < count; ++i) {
        const EventKind kind = kPingRoundTrip[i % std::size(kPingRoundTrip)];
        round += i % std::size(kPingRoundTrip) == 0;
        auto event = tracer.record(kind);
        const uint32_t fields = eventKindFields(kind);
        // Small values, as a daemon's watches, fds and lengths are; counters grow.
#define POLLSCOPE_SET_FIELD(type, member, Flag, json)                                \
    if (fields & TraceField::Flag)                                                   \
        event->set##Flag(type(sizeof(type) == 8 ? round * 28 : (i % 7) + 3));
        POLLSCOPE_TRACE_FIELDS(POLLSCOPE_SET_FIELD)
#undef POLLSCOPE_SET_FIELD
        if (kind == EventKind::ClientRead || kind == EventKind::ClientWrite)
            event->text = "reading the length word";
    }
}

void WriteBinary(benchmark::State &state)
{
    constexpr size_t kEvents = 4096;
    ThreadNames::setCurrent("loop");
    Tracer tracer;
    const std::string path =
        (std::filesystem::temp_directory_path() / ("pollscope-bench-" + std::to_string(::getpid()) + ".pstrace")).string();
    auto writer = TraceWriter::create(TraceFormat::Binary);
    if (!writer->open(path, "bench")) {
        state.SkipWithError(writer->error().c_str());
        return;
    }
    const std::vector<std::string> threadNames = ThreadNames::snapshot();
    for (auto _ : state) {
        state.PauseTiming();
        recordPingRoundTrips(tracer, kEvents);
        state.ResumeTiming();
        tracer.drainSlots([&](const TraceSlot &slot, int64_t timeNs) { writer->writeSlot(slot, timeNs, threadNames); });
    }
    state.SetItemsProcessed(state.iterations() * int64_t(kEvents));
    // Never finished: the writer's temporary file goes with it.
}
// A fixed number of batches keeps the file it writes (and discards) to some 100 MB.
BENCHMARK(WriteBinary)->Iterations(2000);

void RecordEventConcurrently(benchmark::State &state)
{
    ThreadNames::setCurrent("producer-" + std::to_string(state.thread_index()));
    uint64_t sinceCheck = 0;
    for (auto _ : state) {
        recordClientRead(g_tracer, 7);
        if (++sinceCheck == kBatch) {
            g_produced.fetch_add(kBatch, std::memory_order_relaxed);
            waitForConsumer();
            sinceCheck = 0;
        }
    }
    g_produced.fetch_add(sinceCheck, std::memory_order_relaxed);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(RecordEventConcurrently)->Name("RecordEvent")->Threads(8)->UseRealTime();

void RecordEventTracingOff(benchmark::State &state)
{
    Tracer tracer;
    tracer.setEnabled(false);
    for (auto _ : state)
        recordClientRead(tracer, 7);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(RecordEventTracingOff);

void ClockRead(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(monotonicNowNs());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ClockRead);

// Keeps the median of every benchmark and prints the summary table at the end.
class SummaryReporter : public benchmark::ConsoleReporter
{
public:
    SummaryReporter() : ConsoleReporter(OO_Tabular) {}

    void ReportRuns(const std::vector<Run> &runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const Run &run : runs) {
            const auto items = run.counters.find("items_per_second");
            if (items == run.counters.end() || items->second.value <= 0)
                continue;
            // items_per_second sums every thread: its inverse is the wall time per
            // event of the whole process, which for one thread is the time per event.
            const double ns = 1e9 / items->second.value;
            if (run.run_type == Run::RT_Iteration)
                m_single[run.run_name.str()] = ns;
            else if (run.aggregate_name == "median")
                m_median[run.run_name.str()] = ns;
        }
    }

    void printSummary() const
    {
        // Medians when there were repetitions, else the one run.
        const std::map<std::string, double> &nsPerEvent = m_median.empty() ? m_single : m_median;
        const auto clock = nsPerEvent.find("ClockRead");
        std::printf("\n%-36s %14s %12s\n", m_median.empty() ? "benchmark" : "benchmark (median)", "ns per event",
                    "x ClockRead");
        for (const auto &[name, ns] : nsPerEvent) {
            std::printf("%-36s %14.2f", name.c_str(), ns);
            if (clock != nsPerEvent.end() && clock->second > 0)
                std::printf(" %12.2f", ns / clock->second);
            std::printf("\n");
        }
    }

private:
    std::map<std::string, double> m_single;
    std::map<std::string, double> m_median;
};

int countInstructions(long long count)
{
    std::vector<TraceEvent> batch;
    batch.reserve(4096);
    for (long long i = 0; i < count; ++i) {
        recordClientRead(g_tracer, int(i & 63));
        if ((i & 4095) == 4095)
            drainEvents(g_tracer, batch);
    }
    drainEvents(g_tracer, batch);
    std::printf("recorded %lld events\n", count);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    ThreadNames::setCurrent("main");
    if (argc == 3 && std::strcmp(argv[1], "--count") == 0)
        return countInstructions(std::atoll(argv[2]));

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    std::thread consumer(consumerMain);
    SummaryReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    g_stopConsumer = true;
    consumer.join();
    reporter.printSummary();
    benchmark::Shutdown();
    return 0;
}
