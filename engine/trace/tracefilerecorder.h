// Streams a tracer's events to a file while a long run goes on, so memory stays
// flat: a background thread drains the tracer in batches and appends them through
// a TraceWriter. The file appears, whole, when finish() succeeds.
#pragma once

#include "traceformat.h"
#include "tracewriter.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace pollscope {

class Tracer;

class TraceFileRecorder
{
public:
    explicit TraceFileRecorder(Tracer &tracer);
    ~TraceFileRecorder();
    TraceFileRecorder(const TraceFileRecorder &) = delete;
    TraceFileRecorder &operator=(const TraceFileRecorder &) = delete;

    // Opens the temporary file and starts draining; false and error() if it cannot.
    bool start(const std::string &path, TraceFormat format, const std::string &source);
    // Drains what is left, completes the file and publishes it. What is still waiting
    // when `budget` has passed is not written but counted as lost (`trace_lost` events
    // at the end), so that stopping takes a bounded time whatever the backlog.
    bool finish(std::chrono::milliseconds budget = std::chrono::milliseconds(1000));
    const std::string &error() const { return m_error; }
    // Events written to the file so far, and the events the trace_lost events among
    // them say were lost.
    uint64_t written() const { return m_written.load(std::memory_order_relaxed); }
    uint64_t lostInFile() const { return m_lostInFile.load(std::memory_order_relaxed); }

    // For tests: called on the writer thread before each drain, so a test can hold the
    // writer still and see what the producers do.
    void setBeforeDrainHook(std::function<void()> hook) { m_beforeDrain = std::move(hook); }

private:
    void drainLoop();
    // Writes one batch; false if writing failed. `drained` says how many it took.
    bool drainOnce(size_t &drained);
    bool writeLosses(bool discardBacklog);
    bool writeBatch(const std::vector<TraceEvent> &events);

    Tracer &m_tracer;
    std::unique_ptr<TraceWriter> m_writer;
    std::thread m_thread;
    std::mutex m_lock;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::atomic<bool> m_failed{false};
    std::atomic<uint64_t> m_written{0};
    std::atomic<uint64_t> m_lostInFile{0};
    uint64_t m_lastSeq = 0;
    std::vector<std::string> m_threadNames; // as of the last event that needed a newer one
    std::function<void()> m_beforeDrain;
    std::string m_error;
};

} // namespace pollscope
