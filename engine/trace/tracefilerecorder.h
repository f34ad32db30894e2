// Streams a tracer's events to a file while a long run goes on, so memory stays
// flat: a background thread drains the tracer in batches and appends them through
// a TraceWriter. The file appears, whole, when finish() succeeds.
#pragma once

#include "traceformat.h"
#include "tracewriter.h"

#include <atomic>
#include <condition_variable>
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
    // Drains what is left, completes the file and publishes it.
    bool finish();
    const std::string &error() const { return m_error; }

private:
    void drainLoop();
    bool drainOnce();

    Tracer &m_tracer;
    std::unique_ptr<TraceWriter> m_writer;
    std::thread m_thread;
    std::mutex m_lock;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::atomic<bool> m_failed{false};
    std::string m_error;
};

} // namespace pollscope
