// What a libvirtd replica is told at start-up: where to listen, how many workers
// and clients, the limits, keepalive and the inactivity timeout, plus the faults a
// scenario may inject. Defaults are libvirt 0.9's (libvirtd.conf), with the modern
// keepalive defaults.
#pragma once

#include "rpc/messageheader.h"

#include "util/result.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pollscope {

struct ListenAddress
{
    enum class Transport { Unix, Tcp, Tls };

    Transport transport = Transport::Unix;
    bool readonly = false; // the read-only Unix socket
    std::string path;      // Unix: a path, or "@name" for the abstract namespace
    std::string host;      // TCP and TLS
    std::string port;      // TCP and TLS: "0" picks a free port

    // "unix:PATH", "unix:@NAME", "tcp:HOST:PORT" or "tls:HOST:PORT" (HOST may be
    // [v6]); an error saying what is wrong with it (without the text) otherwise.
    static Result<ListenAddress> parse(const std::string &text, bool readonly);
    std::string describe() const;
};

// Who runs qemudRunLoop: the daemon's own event thread, as libvirtd, or the
// thread that started the server, one iteration per Server::runOnce() call, so that
// a test can step the daemon and assert between iterations.
enum class EventThread { Own, Caller };

struct DaemonConfig
{
    std::vector<ListenAddress> listen;
    int minWorkers = 5;
    int maxWorkers = 20;
    int maxClients = 20;
    int maxClientRequests = 5;
    uint32_t maxMessageLength = 262144; // REMOTE_MESSAGE_MAX, excluding the length word
    unsigned unixRwMode = 0700;         // unix_sock_rw_perms
    unsigned unixRoMode = 0777;         // unix_sock_ro_perms
    int keepaliveIntervalMs = 5000;     // keepalive_interval; <= 0 disables server keepalive
    int keepaliveCount = 5;             // keepalive_count
    int timeoutSeconds = -1;            // -t: quit after this long with no clients; -1 never
    // TLS (libvirtd.conf's key_file, cert_file, ca_file): the folder holding
    // cacert.pem, servercert.pem and serverkey.pem, as libvirt lays out its PKI.
    std::string pkiDirectory;
    bool tlsNoVerifyCertificate = false; // tls_no_verify_certificate
    // libvirt 0.9 has no limit on how long a TLS handshake may take, so a peer that
    // stops half-way holds its client slot for ever; this one drops it after this
    // long. <= 0: no deadline, as in 0.9.
    int tlsHandshakeTimeoutMs = 10000;
    bool handleSignals = false;         // install SIGINT/TERM/QUIT/HUP handlers (a real daemon process)
    EventThread eventThread = EventThread::Own;

    // Fault injection.
    int workerDelayMs = 0; // each call takes this long in the "hypervisor"
    // SO_SNDBUF of each accepted socket, as on a congested link; 0 leaves the
    // kernel's (on loopback it grows to megabytes, so no write ever waits).
    int clientSendBufferBytes = 0;
    // Runs in a worker before each hypervisor call, with the client unlocked: a test
    // uses it to hold a request until it has seen the loop block in poll().
    std::function<void(const MessageHeader &)> beforeWorkerDispatch;
    // Runs in a worker that found no request, with the server lock held, just before
    // it waits for a signal: a test holds a worker there to race the loop's signal.
    std::function<void()> beforeWorkerWait;
    // Runs on the loop thread when qemudDispatchClientEvent holds the client's lock
    // and has let go of the server's, before the client's I/O: a test holds the loop
    // there to race a worker's scan for work.
    std::function<void(int client)> onClientEventLocked;

    // Checks the numbers; returns an empty string or what is wrong.
    Result<void> validate() const;
};

} // namespace pollscope
