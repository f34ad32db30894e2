// The reference servers of the throughput benchmarks, written the plain way.
//
// Same bytes as the daemon and the same division of labour: a keepalive PING is
// answered with a PONG by the loop thread; a remote call goes to a pool of workers,
// which answer it with the engine's dispatcher and test hypervisor, queue the reply
// and wake the loop through a self-pipe; the loop writes the reply. Same system
// calls per message as libvirtd, too (read the length word, then the body; write a
// reply when poll reports the socket writable), so that a comparison with the
// daemon measures what surrounds the system calls: the loop, the bookkeeping, the
// trace hooks. What it leaves out is everything the daemon does to be libvirt:
// registration order, deferred removal, the client table, the trace.
//
// With `bare`, it is the plain poll() server nobody would call libvirt-like: one
// read takes whatever the socket holds, every whole message in it is handled, and a
// reply is written the moment it is ready, waiting for POLLOUT only when the socket
// is full. Beside it, the libvirt-like floor shows what libvirtd's own way of
// reading and writing costs.
#pragma once

#include "eventbackend.h"

#include "rpc/remotedispatch.h"
#include "rpc/testhypervisor.h"

#include <condition_variable>
#include <cstdint>
#include <sys/types.h>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace pollscope::bench {

class ReferenceServer
{
public:
    ReferenceServer(EventBackend &backend, int workers, bool bare);
    ~ReferenceServer();
    ReferenceServer(const ReferenceServer &) = delete;
    ReferenceServer &operator=(const ReferenceServer &) = delete;

    // Creates the Unix socket and the self-pipe; false and *error if it cannot.
    bool listen(const std::string &path, std::string *error);
    // Serves until SIGINT or SIGTERM.
    void run();

private:
    // A frame to write: a reply a worker made, or the one constant PONG.
    struct OutgoingFrame
    {
        std::vector<uint8_t> owned;
        std::span<const uint8_t> bytes;
    };

    struct Connection
    {
        ReferenceServer *server = nullptr; // the callback's only way back
        int fd = -1;
        int watch = -1;
        int mode = 0;
        bool closed = false;
        bool closeAfterWrite = false; // CONNECT_CLOSE was answered
        // Sized to the message being read; its capacity stays, so small messages
        // are read without an allocation.
        std::vector<uint8_t> rx;
        size_t rxOffset = 0;
        std::deque<OutgoingFrame> tx;
        size_t txOffset = 0;
        // The protocol state, used by one worker at a time.
        std::mutex remoteLock;
        RemoteConnection remote;
    };

    struct Job
    {
        std::shared_ptr<Connection> connection;
        MessageHeader header;
        std::vector<uint8_t> frame;
    };

    struct Reply
    {
        std::shared_ptr<Connection> connection;
        std::vector<uint8_t> frame;
        bool closeAfterWrite;
    };

    static void onListener(int watch, int fd, int events, void *opaque);
    static void onClient(int watch, int fd, int events, void *opaque);
    static void onWakeup(int watch, int fd, int events, void *opaque);
    void acceptConnection();
    // Reads into rx at rxOffset: the bytes read, 0 if none are there yet, -1 once the
    // connection is closed (end of file or an error).
    ssize_t readSome(Connection &connection);
    void readMessage(Connection &connection);
    void readAvailable(Connection &connection);
    // Handles one whole frame, length word included: false if the peer is to go.
    bool handleFrame(Connection &connection, std::span<const uint8_t> frame);
    // Sends what is queued now (bare), or asks poll() to say when it can be sent.
    void replyQueued(Connection &connection);
    void writeReplies(Connection &connection);
    void updateMode(Connection &connection);
    void closeConnection(Connection &connection);
    void workerMain();

    EventBackend &m_backend;
    int m_workerCount;
    bool m_bare;
    int m_listenFd = -1;
    std::string m_path;
    int m_wakeup[2] = {-1, -1};
    bool m_quit = false;
    const std::vector<uint8_t> m_pong;
    TestHypervisor m_hypervisor;
    std::unordered_map<Connection *, std::shared_ptr<Connection>> m_connections;
    std::vector<std::shared_ptr<Connection>> m_closed; // closed in this dispatch round

    std::mutex m_jobsLock;
    std::condition_variable m_jobsReady;
    std::deque<Job> m_jobs;
    bool m_stopWorkers = false;
    std::vector<std::thread> m_workers;

    std::mutex m_repliesLock;
    std::vector<Reply> m_replies;
};

// The main() of both reference servers: --listen PATH [--workers N] [--bare].
int runReferenceServer(int argc, char **argv, EventBackend &backend, const char *name);

} // namespace pollscope::bench
