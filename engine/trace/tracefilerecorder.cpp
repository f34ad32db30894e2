#include "tracefilerecorder.h"

#include "threadnames.h"
#include "tracer.h"

#include <csignal>
#include <pthread.h>

namespace pollscope {

namespace {

// Events a drain takes at once: the writer's own memory stays small and constant.
constexpr size_t kBatchEvents = 16384;
// How long the writer sleeps after a drain that found events, and after one that did not.
constexpr auto kBusyWait = std::chrono::milliseconds(1);
constexpr auto kIdleWait = std::chrono::milliseconds(20);

} // namespace

TraceFileRecorder::TraceFileRecorder(Tracer &tracer)
    : m_tracer(tracer)
{
}

TraceFileRecorder::~TraceFileRecorder()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard guard(m_lock);
            m_stop = true;
        }
        m_wake.notify_all();
        m_tracer.close();
        m_thread.join();
    }
}

bool TraceFileRecorder::start(const std::string &path, TraceFormat format, const std::string &source)
{
    m_writer = TraceWriter::create(format);
    if (!m_writer->open(path, source)) {
        m_error = m_writer->error();
        return false;
    }
    // The writer is born with every signal blocked: signals are for the daemon, whose
    // own threads decide which of them takes one.
    sigset_t all;
    sigset_t previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    m_thread = std::thread([this] { drainLoop(); });
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    // The same name for the system (top -H, perf, taskset), set before start()
    // returns: it is pollscope's own thread, not one of the daemon's.
    pthread_setname_np(m_thread.native_handle(), "trace-writer");
    return true;
}

bool TraceFileRecorder::drainOnce(size_t &drained)
{
    // Encoded straight from the buffer's slots: no copy of the batch in between.
    bool ok = true;
    uint64_t lost = 0;
    drained = m_tracer.drainSlots(
        [&](const TraceSlot &slot, int64_t timeNs) {
            // A thread names itself before it records, so a newer snapshot has it.
            if (slot.thread >= m_threadNames.size())
                m_threadNames = ThreadNames::snapshot();
            if (slot.kind == EventKind::TraceLost)
                lost += uint64_t(slot.get<EventKind::TraceLost, TraceField::LengthIndex, int64_t>());
            ok = ok && m_writer->writeSlot(slot, timeNs, m_threadNames);
            m_lastSeq = slot.seq;
        },
        kBatchEvents);
    m_lostInFile.fetch_add(lost, std::memory_order_relaxed);
    m_written.fetch_add(drained, std::memory_order_relaxed);
    return ok;
}

bool TraceFileRecorder::writeBatch(const std::vector<TraceEvent> &events)
{
    uint64_t lost = 0;
    for (const TraceEvent &event : events)
        lost += event.kind == EventKind::TraceLost ? uint64_t(event.length) : 0;
    m_lostInFile.fetch_add(lost, std::memory_order_relaxed);
    m_written.fetch_add(events.size(), std::memory_order_relaxed);
    return m_writer->write(events, ThreadNames::snapshot());
}

void TraceFileRecorder::drainLoop()
{
    ThreadNames::setCurrent("trace-writer");
    std::unique_lock lock(m_lock);
    while (!m_stop) {
        lock.unlock();
        if (m_beforeDrain)
            m_beforeDrain();
        size_t drained = 0;
        if (!m_failed && !drainOnce(drained)) {
            // Nothing will be written any more: producers must not wait for it.
            m_failed = true;
            m_tracer.close();
        }
        lock.lock();
        // A full batch means more is waiting: go on at once. While events keep coming,
        // come back soon: a millisecond's events of a busy daemon (some 400 KiB of
        // slots) are still in the cache, and reading them there costs the daemon less
        // (docs/performance.md). An idle daemon's writer sleeps longer.
        if (m_failed || drained == 0)
            m_wake.wait_for(lock, kIdleWait, [this] { return m_stop; });
        else if (drained < kBatchEvents)
            m_wake.wait_for(lock, kBusyWait, [this] { return m_stop; });
    }
}

bool TraceFileRecorder::writeLosses(bool discardBacklog)
{
    // Appended after the last event written, on the threads that lost them.
    std::vector<TraceEvent> gaps;
    for (const Tracer::UnreportedLoss &loss : m_tracer.takeUnreportedLosses(discardBacklog)) {
        TraceEvent event{};
        event.seq = m_lastSeq + 1;
        // In time where the gap began, like a trace_lost recorded on the thread.
        event.timeNs = loss.sinceNs;
        event.flow = 0;
        event.text = nullptr;
        event.site = nullptr;
        event.kind = EventKind::TraceLost;
        event.reason = EventReason::None;
        event.thread = loss.thread;
        event.present = 0;
        event.setLength(int64_t(loss.count));
        m_lastSeq = event.seq;
        gaps.push_back(event);
    }
    return gaps.empty() || writeBatch(gaps);
}

bool TraceFileRecorder::finish(std::chrono::milliseconds budget)
{
    const auto deadline = std::chrono::steady_clock::now() + budget;
    if (m_thread.joinable()) {
        {
            std::lock_guard guard(m_lock);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    if (!m_writer)
        return false;
    // Producers still going must not wait for a writer that is about to stop.
    m_tracer.close();
    bool ok = !m_failed;
    bool outOfTime = false;
    for (size_t drained = kBatchEvents; ok && drained > 0;) {
        if (std::chrono::steady_clock::now() >= deadline) {
            outOfTime = true;
            break;
        }
        ok = drainOnce(drained);
    }
    if (!ok || !writeLosses(outOfTime) || !m_writer->finish(ThreadNames::snapshot())) {
        m_error = m_writer->error();
        return false;
    }
    return true;
}

} // namespace pollscope
