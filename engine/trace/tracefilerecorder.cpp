#include "tracefilerecorder.h"

#include "threadnames.h"
#include "tracer.h"

#include <chrono>

namespace pollscope {

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
    m_thread = std::thread([this] { drainLoop(); });
    return true;
}

bool TraceFileRecorder::drainOnce()
{
    std::vector<TraceEvent> batch;
    m_tracer.drain(batch);
    if (batch.empty())
        return true;
    return m_writer->write(batch, ThreadNames::snapshot());
}

void TraceFileRecorder::drainLoop()
{
    ThreadNames::setCurrent("trace-writer");
    std::unique_lock lock(m_lock);
    while (!m_stop) {
        m_wake.wait_for(lock, std::chrono::milliseconds(50), [this] { return m_stop; });
        lock.unlock();
        if (!m_failed && !drainOnce())
            m_failed = true;
        lock.lock();
    }
}

bool TraceFileRecorder::finish()
{
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
    if (m_failed || !drainOnce() || !m_writer->finish(ThreadNames::snapshot())) {
        m_error = m_writer->error();
        return false;
    }
    return true;
}

} // namespace pollscope
